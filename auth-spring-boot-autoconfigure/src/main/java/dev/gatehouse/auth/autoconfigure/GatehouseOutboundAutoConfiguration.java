package dev.gatehouse.auth.autoconfigure;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.gatehouse.auth.error.InvalidGatehouseConfigurationException;
import dev.gatehouse.auth.outbound.CachingOutboundTokenProvider;
import dev.gatehouse.auth.outbound.OutboundCredentials;
import dev.gatehouse.auth.outbound.OutboundRegistration;
import dev.gatehouse.auth.outbound.OutboundToken;
import dev.gatehouse.auth.outbound.OutboundTokenProvider;
import dev.gatehouse.auth.outbound.SnapshotOutboundTokenProvider;
import dev.gatehouse.auth.outbound.StaticOutboundTokenProvider;
import dev.gatehouse.auth.spi.SnapshotSigner;
import dev.gatehouse.auth.startup.ConfigurationProblems;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.service.registry.HttpServiceGroupConfigurer;

/**
 * Outbound credentials: an {@link OutboundCredentials} bean with one registration per
 * {@code gatehouse.outbound.registrations.<name>}, each token type but {@code static}
 * cached and fetched once per key. OAuth 2.0 types need spring-security-oauth2-client (an
 * optional dependency). Unusable configuration fails startup: each problem names its
 * property (never its value) in startup validation's one failure report. HTTP service
 * client groups named like a registration get its interceptor.
 */
@AutoConfiguration(after = { GatehouseAutoConfiguration.class, GatehouseSnapshotAutoConfiguration.class })
@ConditionalOnGatehouseEnabled
@ConditionalOnClass(name = "org.springframework.http.client.ClientHttpRequestInterceptor")
@EnableConfigurationProperties({ GatehouseProperties.class, GatehouseOutboundProperties.class })
public final class GatehouseOutboundAutoConfiguration {

	private static final String PREFIX = "gatehouse.outbound.";

	private static final String OAUTH2_CLIENT = "org.springframework.security.oauth2.client.registration."
			+ "ClientRegistration";

	@Bean
	@ConditionalOnMissingBean
	OutboundCredentials gatehouseOutboundCredentials(GatehouseOutboundProperties outbound,
			GatehouseProperties properties, ConfigurationProblems problems, ConfigurableListableBeanFactory beanFactory,
			ObjectProvider<SnapshotSigner> signers, ObjectProvider<Clock> clocks) {
		Clock clock = clocks.getIfUnique(Clock::systemUTC);
		List<OutboundRegistration> registrations = new ArrayList<>();
		try {
			Duration refreshSkew = nonNegative(outbound.getRefreshSkew(), PREFIX + "refresh-skew");
			Duration retryBackoff = nonNegative(outbound.getRetryBackoff(), PREFIX + "retry-backoff");
			Duration timeout = positive(outbound.getTimeout(), PREFIX + "timeout");
			ClassLoader classLoader = beanFactory.getBeanClassLoader();
			Settings settings = new Settings(refreshSkew, retryBackoff, timeout, clock,
					(classLoader != null) ? classLoader : GatehouseOutboundAutoConfiguration.class.getClassLoader());
			for (Map.Entry<String, GatehouseOutboundProperties.Registration> entry : outbound.getRegistrations()
				.entrySet()) {
				try {
					registrations.add(
							registration(entry.getKey(), entry.getValue(), settings, properties, beanFactory, signers));
				}
				catch (InvalidGatehouseConfigurationException ex) {
					// Reported with every other startup problem; startup fails before any
					// call could use the registration.
					problems.add(ex);
				}
			}
		}
		catch (InvalidGatehouseConfigurationException ex) {
			problems.add(ex);
		}
		return new OutboundCredentials(registrations);
	}

	private static OutboundRegistration registration(String name, GatehouseOutboundProperties.Registration registration,
			Settings settings, GatehouseProperties properties, ListableBeanFactory beanFactory,
			ObjectProvider<SnapshotSigner> signers) {
		String typeProperty = property(name, "type");
		String type = requireText(registration.getType(), typeProperty).trim().toLowerCase(Locale.ROOT);
		return switch (type) {
			case "static" -> new OutboundRegistration(name, type, false,
					new StaticOutboundTokenProvider(staticToken(name, registration)));
			case "client-credentials", "token-exchange" -> oauth2(name, type, registration, settings);
			case "snapshot" -> snapshot(name, properties, beanFactory, signers);
			case "bean" -> bean(name, registration, settings, beanFactory);
			default -> throw new InvalidGatehouseConfigurationException(typeProperty, "is not a known type",
					"Set it to static, client-credentials, token-exchange, snapshot or bean.");
		};
	}

	private static OutboundToken staticToken(String name, GatehouseOutboundProperties.Registration registration) {
		String tokenProperty = property(name, "token");
		String token = requireText(registration.getToken(), tokenProperty);
		if (hasControlCharacter(token)) {
			throw new InvalidGatehouseConfigurationException(tokenProperty,
					"contains a control character (CR, LF or another) and cannot be sent in a header",
					"Set it to the token or API key alone.");
		}
		String headerName = requireText(registration.getHeaderName(), property(name, "header-name"));
		String scheme = (registration.getScheme() != null) ? registration.getScheme().trim() : "";
		return new OutboundToken(token, null, scheme, headerName);
	}

	private static boolean hasControlCharacter(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c == 0x7f) {
				return true;
			}
		}
		return false;
	}

	private static OutboundRegistration oauth2(String name, String type,
			GatehouseOutboundProperties.Registration registration, Settings settings) {
		if (!ClassUtils.isPresent(OAUTH2_CLIENT, settings.classLoader())) {
			throw new InvalidGatehouseConfigurationException(property(name, "type"),
					"is " + type + ", which needs spring-security-oauth2-client on the classpath",
					"Add the dependency org.springframework.security:spring-security-oauth2-client.");
		}
		String tokenUri = requireText(registration.getTokenUri(), property(name, "token-uri"));
		if (!isHttpUri(tokenUri)) {
			throw new InvalidGatehouseConfigurationException(property(name, "token-uri"),
					"is not an absolute http or https URI",
					"Set it to the token endpoint of the authorization server.");
		}
		String clientId = requireText(registration.getClientId(), property(name, "client-id"));
		String clientSecret = requireText(registration.getClientSecret(), property(name, "client-secret"));
		String authentication = requireText(registration.getClientAuthentication(),
				property(name, "client-authentication"))
			.trim()
			.toLowerCase(Locale.ROOT);
		if (!authentication.equals("client_secret_basic") && !authentication.equals("client_secret_post")) {
			throw new InvalidGatehouseConfigurationException(property(name, "client-authentication"),
					"is not a supported client authentication method",
					"Set it to client_secret_basic (the default) or client_secret_post.");
		}
		boolean exchange = type.equals("token-exchange");
		OutboundOAuth2Clients.Client client = new OutboundOAuth2Clients.Client(name, tokenUri, clientId, clientSecret,
				registration.getScopes(), registration.getAudience(), authentication.equals("client_secret_post"),
				settings.timeout());
		OutboundTokenProvider provider = exchange ? OutboundOAuth2Clients.tokenExchange(client)
				: OutboundOAuth2Clients.clientCredentials(client);
		return new OutboundRegistration(name, type, exchange, cached(name, provider, exchange, settings));
	}

	private static boolean isHttpUri(String value) {
		try {
			URI uri = URI.create(value.trim());
			return uri.isAbsolute() && uri.getHost() != null
					&& ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static OutboundRegistration snapshot(String name, GatehouseProperties properties,
			ListableBeanFactory beanFactory, ObjectProvider<SnapshotSigner> signers) {
		if (beanFactory.getBeanNamesForType(SnapshotSigner.class, true, false).length == 0) {
			throw new InvalidGatehouseConfigurationException(property(name, "type"),
					"is snapshot, but no SnapshotSigner is configured",
					"Set gatehouse.snapshot.signing.key-id and its key, or define a SnapshotSigner bean.");
		}
		String header = properties.getSnapshot().getPropagation().getHeader();
		return new OutboundRegistration(name, "snapshot", true,
				new SnapshotOutboundTokenProvider(signers::getObject, header));
	}

	private static OutboundRegistration bean(String name, GatehouseOutboundProperties.Registration registration,
			Settings settings, ListableBeanFactory beanFactory) {
		String beanProperty = property(name, "bean-name");
		String beanName = requireText(registration.getBeanName(), beanProperty).trim();
		if (!beanFactory.containsBean(beanName) || !beanFactory.isTypeMatch(beanName, OutboundTokenProvider.class)) {
			throw new InvalidGatehouseConfigurationException(beanProperty,
					"names no OutboundTokenProvider bean ('" + beanName + "')",
					"Define an OutboundTokenProvider bean of that name, or correct the name.");
		}
		// Resolved per fetch, so the application's provider is not created before it is
		// first needed.
		OutboundTokenProvider provider = (request) -> beanFactory.getBean(beanName, OutboundTokenProvider.class)
			.token(request);
		boolean onBehalfOf = registration.isOnBehalfOf();
		return new OutboundRegistration(name, "bean", onBehalfOf, cached(name, provider, onBehalfOf, settings));
	}

	private static CachingOutboundTokenProvider cached(String name, OutboundTokenProvider provider, boolean onBehalfOf,
			Settings settings) {
		return new CachingOutboundTokenProvider(name, provider, onBehalfOf, settings.refreshSkew(),
				settings.retryBackoff(), settings.clock());
	}

	private static String property(String name, String field) {
		return PREFIX + "registrations." + name + "." + field;
	}

	private static String requireText(@Nullable String value, String property) {
		if (value == null || value.isBlank()) {
			throw new InvalidGatehouseConfigurationException(property, "is not set or blank", "Set " + property + ".");
		}
		return value;
	}

	private static Duration nonNegative(@Nullable Duration value, String property) {
		if (value == null || value.isNegative()) {
			throw new InvalidGatehouseConfigurationException(property, "is not set or negative",
					"Set it to a non-negative duration, for example 5s.");
		}
		return value;
	}

	private static Duration positive(@Nullable Duration value, String property) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidGatehouseConfigurationException(property, "is not set or not positive",
					"Set it to a positive duration, for example 10s.");
		}
		return value;
	}

	private record Settings(Duration refreshSkew, Duration retryBackoff, Duration timeout, Clock clock,
			ClassLoader classLoader) {
	}

	/**
	 * Gives every HTTP service client group ({@code @ImportHttpServices}) whose name is a
	 * registration that registration's interceptor.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer")
	static class HttpServiceGroupConfiguration {

		@Bean
		RestClientHttpServiceGroupConfigurer gatehouseOutboundHttpServiceGroupConfigurer(
				ObjectProvider<OutboundCredentials> credentials) {
			return (groups) -> {
				OutboundCredentials outbound = credentials.getIfAvailable();
				if (outbound == null) {
					return;
				}
				groups.filter((group) -> outbound.contains(group.name()))
					.forEachClient((HttpServiceGroupConfigurer.ClientCallback<RestClient.Builder>) (group,
							builder) -> builder.requestInterceptor(outbound.interceptor(group.name())));
			};
		}

	}

}
