package dev.gatehouse.auth.autoconfigure.outbound;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.gatehouse.auth.autoconfigure.snapshot.GatehouseSnapshotProperties;
import dev.gatehouse.auth.outbound.AllowedHosts;
import dev.gatehouse.auth.outbound.OutboundCredentials;
import dev.gatehouse.auth.outbound.OutboundRegistration;
import dev.gatehouse.auth.outbound.RedirectPolicy;
import dev.gatehouse.auth.spi.SnapshotSigner;
import dev.gatehouse.auth.startup.ConfigurationProblems;
import dev.gatehouse.auth.startup.InvalidGatehouseConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.service.registry.HttpServiceGroupConfigurer;

/**
 * Outbound credentials, the redirect policy and their wiring into Boot's HTTP clients.
 */
@Configuration(proxyBeanMethods = false)
class OutboundConfiguration {

	private static final String PREFIX = "gatehouse.outbound.";

	@Bean
	@ConditionalOnMissingBean
	OutboundCredentials gatehouseOutboundCredentials(GatehouseOutboundProperties outbound,
			GatehouseSnapshotProperties snapshot, ConfigurationProblems problems,
			ConfigurableListableBeanFactory beanFactory, ObjectProvider<SnapshotSigner> signers,
			ObjectProvider<Clock> clocks, Environment environment) {
		Clock clock = clocks.getIfUnique(Clock::systemUTC);
		List<OutboundRegistration> registrations = new ArrayList<>();
		try {
			Duration refreshSkew = OutboundRegistrationFactory.nonNegative(outbound.getRefreshSkew(),
					PREFIX + "refresh-skew");
			Duration retryBackoff = OutboundRegistrationFactory.nonNegative(outbound.getRetryBackoff(),
					PREFIX + "retry-backoff");
			Duration timeout = OutboundRegistrationFactory.positive(outbound.getTimeout(), PREFIX + "timeout");
			ClassLoader classLoader = beanFactory.getBeanClassLoader();
			OutboundRegistrationFactory.Settings settings = new OutboundRegistrationFactory.Settings(refreshSkew,
					retryBackoff, timeout, clock,
					(classLoader != null) ? classLoader : GatehouseOutboundAutoConfiguration.class.getClassLoader());
			Binder binder = Binder.get(environment);
			for (Map.Entry<String, GatehouseOutboundProperties.Registration> entry : outbound.getRegistrations()
				.entrySet()) {
				AllowedHosts allowedHosts;
				try {
					allowedHosts = OutboundRegistrationFactory.allowedHosts(entry.getKey(), entry.getValue(), binder);
				}
				catch (InvalidGatehouseConfigurationException ex) {
					// Reported with the registration's other problems; bound to no host
					// meanwhile, so nothing could be sent even if startup went on.
					problems.add(ex);
					allowedHosts = AllowedHosts.of(List.of());
				}
				try {
					registrations.add(OutboundRegistrationFactory.registration(entry.getKey(), entry.getValue(),
							settings, snapshot, beanFactory, signers, allowedHosts));
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

	/**
	 * The redirect policy of Gatehouse's clients: the credential headers it drops on a
	 * redirect to another host are the standard ones, the snapshot header and every
	 * registration's {@code header-name}. Built from properties alone, so Boot's request
	 * factory builder can use it without creating any outbound provider.
	 */
	@Bean
	@ConditionalOnMissingBean
	RedirectPolicy gatehouseRedirectPolicy(GatehouseOutboundProperties outbound, GatehouseSnapshotProperties snapshot,
			ConfigurationProblems problems) {
		Set<String> sensitive = new LinkedHashSet<>();
		sensitive.add(snapshot.getPropagation().getHeader());
		for (GatehouseOutboundProperties.Registration registration : outbound.getRegistrations().values()) {
			sensitive.add(registration.getHeaderName());
		}
		int maxRedirects = outbound.getMaxRedirects();
		if (maxRedirects < 0) {
			problems.add(new InvalidGatehouseConfigurationException(PREFIX + "max-redirects", "is negative",
					"Set it to how many redirects in a row are followed, for example 5, or 0 to follow none."));
			maxRedirects = 0;
		}
		return new RedirectPolicy(sensitive, maxRedirects);
	}

	/**
	 * Makes every request factory Boot's builder builds follow redirects through the
	 * {@link RedirectPolicy}: the factory itself is built not to follow them (its client
	 * would copy every header to whatever host the {@code Location} names), unless the
	 * settings already say {@code DONT_FOLLOW}. Applied last, so it wraps whatever other
	 * customizers chose.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(
			name = "org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer")
	static class RedirectSafeRequestFactoryConfiguration {

		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		ClientHttpRequestFactoryBuilderCustomizer<ClientHttpRequestFactoryBuilder<?>> gatehouseRedirectSafeRequestFactoryBuilderCustomizer(
				ObjectProvider<RedirectPolicy> policy) {
			return (builder) -> new RedirectSafeRequestFactoryBuilder(builder, policy);
		}

	}

	/**
	 * Builds the delegate's factory without redirects and wraps it in the policy.
	 */
	static final class RedirectSafeRequestFactoryBuilder
			implements ClientHttpRequestFactoryBuilder<ClientHttpRequestFactory> {

		private final ClientHttpRequestFactoryBuilder<?> delegate;

		private final ObjectProvider<RedirectPolicy> policy;

		RedirectSafeRequestFactoryBuilder(ClientHttpRequestFactoryBuilder<?> delegate,
				ObjectProvider<RedirectPolicy> policy) {
			this.delegate = delegate;
			this.policy = policy;
		}

		@Override
		public ClientHttpRequestFactory build(@Nullable HttpClientSettings settings) {
			HttpClientSettings given = (settings != null) ? settings : HttpClientSettings.defaults();
			if (given.redirects() == HttpRedirects.DONT_FOLLOW) {
				return this.delegate.build(given);
			}
			ClientHttpRequestFactory notFollowing = this.delegate.build(given.withRedirects(HttpRedirects.DONT_FOLLOW));
			return this.policy.getObject().wrap(notFollowing);
		}

		@Override
		public String toString() {
			return "RedirectSafeRequestFactoryBuilder[" + this.delegate + "]";
		}

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
