package dev.gatehouse.auth.autoconfigure.outbound;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.gatehouse.auth.autoconfigure.snapshot.GatehouseSnapshotProperties;
import dev.gatehouse.auth.outbound.AllowedHosts;
import dev.gatehouse.auth.outbound.CachingOutboundTokenProvider;
import dev.gatehouse.auth.outbound.OutboundRegistration;
import dev.gatehouse.auth.outbound.OutboundToken;
import dev.gatehouse.auth.outbound.OutboundTokenProvider;
import dev.gatehouse.auth.outbound.StaticOutboundTokenProvider;
import dev.gatehouse.auth.propagation.SnapshotOutboundTokenProvider;
import dev.gatehouse.auth.spi.SnapshotSigner;
import dev.gatehouse.auth.startup.InvalidGatehouseConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.util.ClassUtils;

/**
 * Builds each outbound registration from {@code gatehouse.outbound.registrations.<name>}:
 * parses its type, token, URIs, allowed hosts and durations. Each unusable value is an
 * {@link InvalidGatehouseConfigurationException} naming the property, never its value,
 * for the one failure report.
 */
final class OutboundRegistrationFactory {

	private static final String PREFIX = "gatehouse.outbound.";

	private static final String OAUTH2_CLIENT = "org.springframework.security.oauth2.client.registration."
			+ "ClientRegistration";

	private OutboundRegistrationFactory() {
	}

	static OutboundRegistration registration(String name, GatehouseOutboundProperties.Registration registration,
			Settings settings, GatehouseSnapshotProperties snapshot, ListableBeanFactory beanFactory,
			ObjectProvider<SnapshotSigner> signers, AllowedHosts allowedHosts) {
		String typeProperty = property(name, "type");
		String type = requireText(registration.getType(), typeProperty).trim().toLowerCase(Locale.ROOT);
		return switch (type) {
			case "static" -> new OutboundRegistration(name, type, false,
					new StaticOutboundTokenProvider(staticToken(name, registration)), allowedHosts);
			case "client-credentials", "token-exchange" -> oauth2(name, type, registration, settings, allowedHosts);
			case "snapshot" -> snapshot(name, registration, snapshot, beanFactory, signers, allowedHosts);
			case "bean" -> bean(name, registration, settings, beanFactory, allowedHosts);
			default -> throw new InvalidGatehouseConfigurationException(typeProperty, "is not a known type",
					"Set it to static, client-credentials, token-exchange, snapshot or bean.");
		};
	}

	// Required: a credential is bound to the hosts it is for. The one exception is the
	// HTTP service client group of the same name, whose configured base URL names it.
	static AllowedHosts allowedHosts(String name, GatehouseOutboundProperties.Registration registration,
			Binder binder) {
		String property = property(name, "allowed-hosts");
		if (!registration.getAllowedHosts().isEmpty()) {
			try {
				return AllowedHosts.of(registration.getAllowedHosts());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidGatehouseConfigurationException(property, "has an entry that " + ex.getMessage(),
						"List each host as host (its scheme's default port), host:port or host:* (any port), for example "
								+ "api.example.com or 127.0.0.1:8443.");
			}
		}
		String baseUrlProperty = "spring.http.serviceclient." + name + ".base-url";
		String baseUrl = ConfigurationPropertyName.isValid(baseUrlProperty)
				? binder.bind(baseUrlProperty, Bindable.of(String.class)).orElse(null) : null;
		if (baseUrl != null && !baseUrl.isBlank()) {
			try {
				return AllowedHosts.ofBaseUrl(baseUrl);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidGatehouseConfigurationException(property,
						"is not set, and " + baseUrlProperty + " names no host",
						"Set " + property + " to the host or host:port this registration's credential is for.");
			}
		}
		throw new InvalidGatehouseConfigurationException(property, "is not set",
				"Set it to the host or host:port this registration's credential may be sent to (a request to any "
						+ "other host fails), or set " + baseUrlProperty + " when only the HTTP service client group '"
						+ name + "' uses it.");
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
			GatehouseOutboundProperties.Registration registration, Settings settings, AllowedHosts allowedHosts) {
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
		// An exchanged token is keyed by the subject token it was exchanged for, and
		// never
		// served to a caller who presented no bearer token.
		CachingOutboundTokenProvider.Keying keying = exchange ? CachingOutboundTokenProvider.Keying.CALLER_BEARER_TOKEN
				: CachingOutboundTokenProvider.Keying.OWN;
		return new OutboundRegistration(name, type, exchange, cached(name, provider, keying, settings), allowedHosts);
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

	private static OutboundRegistration snapshot(String name, GatehouseOutboundProperties.Registration registration,
			GatehouseSnapshotProperties snapshot, ListableBeanFactory beanFactory,
			ObjectProvider<SnapshotSigner> signers, AllowedHosts allowedHosts) {
		// Receivers refuse a snapshot without their audience, so one signed without it
		// would
		// only ever be refused; and an envelope any service accepts could be replayed.
		String audience = requireText(registration.getAudience(), property(name, "audience")).trim();
		if (beanFactory.getBeanNamesForType(SnapshotSigner.class, true, false).length == 0) {
			throw new InvalidGatehouseConfigurationException(property(name, "type"),
					"is snapshot, but no SnapshotSigner is configured",
					"Set gatehouse.snapshot.signing.key-id and its key, or define a SnapshotSigner bean.");
		}
		String header = snapshot.getPropagation().getHeader();
		return new OutboundRegistration(name, "snapshot", true,
				new SnapshotOutboundTokenProvider(signers::getObject, header, audience), allowedHosts);
	}

	private static OutboundRegistration bean(String name, GatehouseOutboundProperties.Registration registration,
			Settings settings, ListableBeanFactory beanFactory, AllowedHosts allowedHosts) {
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
		CachingOutboundTokenProvider.Keying keying = onBehalfOf ? CachingOutboundTokenProvider.Keying.CALLER
				: CachingOutboundTokenProvider.Keying.OWN;
		return new OutboundRegistration(name, "bean", onBehalfOf, cached(name, provider, keying, settings),
				allowedHosts);
	}

	private static CachingOutboundTokenProvider cached(String name, OutboundTokenProvider provider,
			CachingOutboundTokenProvider.Keying keying, Settings settings) {
		return new CachingOutboundTokenProvider(name, provider, keying, settings.refreshSkew(), settings.retryBackoff(),
				settings.clock());
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

	static Duration nonNegative(@Nullable Duration value, String property) {
		if (value == null || value.isNegative()) {
			throw new InvalidGatehouseConfigurationException(property, "is not set or negative",
					"Set it to a non-negative duration, for example 5s.");
		}
		return value;
	}

	static Duration positive(@Nullable Duration value, String property) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidGatehouseConfigurationException(property, "is not set or not positive",
					"Set it to a positive duration, for example 10s.");
		}
		return value;
	}

	record Settings(Duration refreshSkew, Duration retryBackoff, Duration timeout, Clock clock,
			ClassLoader classLoader) {
	}

}
