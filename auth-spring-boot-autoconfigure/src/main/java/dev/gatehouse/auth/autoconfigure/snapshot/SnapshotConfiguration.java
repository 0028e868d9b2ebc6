package dev.gatehouse.auth.autoconfigure.snapshot;

import java.time.Clock;

import dev.gatehouse.auth.propagation.SnapshotCredentialAuthenticator;
import dev.gatehouse.auth.propagation.SnapshotPropagationInterceptor;
import dev.gatehouse.auth.snapshot.SnapshotEnvelopeVerifier;
import dev.gatehouse.auth.snapshot.SnapshotVerifierUnavailableException;
import dev.gatehouse.auth.spi.SnapshotSigner;
import dev.gatehouse.auth.spi.SnapshotVerifier;
import dev.gatehouse.auth.startup.ConfigurationProblems;
import dev.gatehouse.auth.startup.InvalidGatehouseConfigurationException;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The snapshot signer and verifier, the inbound snapshot authenticator, the propagation
 * check and HTTP propagation.
 */
@Configuration(proxyBeanMethods = false)
class SnapshotConfiguration {

	private static final String PREFIX = SnapshotKeyFactory.PREFIX;

	@Bean
	@ConditionalOnMissingBean
	Clock gatehouseClock() {
		return Clock.systemUTC();
	}

	@Bean
	@ConditionalOnMissingBean
	static ConfigurationProblems gatehouseConfigurationProblems(ListableBeanFactory beanFactory) {
		return new ConfigurationProblems(beanFactory);
	}

	@Bean
	@ConditionalOnMissingBean(SnapshotSigner.class)
	@ConditionalOnProperty(PREFIX + "signing.key-id")
	SnapshotSigner snapshotEnvelopeSigner(GatehouseSnapshotProperties properties, Environment environment,
			Clock gatehouseClock, ConfigurationProblems problems) {
		try {
			return SnapshotKeyFactory.signer(properties, environment, gatehouseClock);
		}
		catch (InvalidGatehouseConfigurationException ex) {
			// Reported with every other startup problem in one failure report; startup
			// fails before any call.
			problems.add(ex);
			return (request) -> {
				throw new IllegalStateException("Snapshot signing is misconfigured (" + ex.property() + ")");
			};
		}
	}

	@Bean
	@ConditionalOnMissingBean(SnapshotVerifier.class)
	@Conditional(OnVerificationKeys.class)
	SnapshotVerifier snapshotEnvelopeVerifier(GatehouseSnapshotProperties properties, Environment environment,
			Clock gatehouseClock, ConfigurationProblems problems) {
		try {
			return SnapshotKeyFactory.verifier(properties, environment, gatehouseClock);
		}
		catch (InvalidGatehouseConfigurationException ex) {
			problems.add(ex);
			return (envelope, invocation) -> {
				throw new SnapshotVerifierUnavailableException(
						"Snapshot verification is misconfigured (" + ex.property() + ")", null);
			};
		}
	}

	/**
	 * Verifies inbound snapshots as one more credential handler of the built-in composite
	 * authenticator, so a service that only other services call has exactly one
	 * authentication provider.
	 */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(SnapshotVerifier.class)
	@ConditionalOnBooleanProperty(name = PREFIX + "propagation.accept-inbound", matchIfMissing = true)
	SnapshotCredentialAuthenticator snapshotCredentialAuthenticator(ObjectProvider<SnapshotVerifier> verifiers) {
		SnapshotVerifier verifier = verifiers.getIfUnique();
		// Gatehouse's own verifier decides from the envelope alone, so the boundary need
		// not describe the call.
		boolean readsInvocation = !(verifier instanceof SnapshotEnvelopeVerifier);
		return new SnapshotCredentialAuthenticator(verifiers::getIfUnique, readsInvocation);
	}

	@Bean
	static SnapshotPropagationConfigurationCheck snapshotPropagationConfigurationCheck(
			GatehouseSnapshotProperties properties, ListableBeanFactory beanFactory, ConfigurationProblems problems,
			Environment environment) {
		return new SnapshotPropagationConfigurationCheck(properties, beanFactory, problems, environment);
	}

	/**
	 * Outbound HTTP propagation: every {@code RestClient} and {@code RestTemplate} built
	 * from Boot's builders carries the snapshot of the bound context to the configured
	 * targets, and to no other URL.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.boot.restclient.RestClientCustomizer",
			"org.springframework.web.client.RestClient" })
	@ConditionalOnBooleanProperty(PREFIX + "propagation.enabled")
	static class HttpPropagationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SnapshotPropagationInterceptor gatehouseSnapshotPropagationInterceptor(ObjectProvider<SnapshotSigner> signers,
				GatehouseSnapshotProperties properties, ConfigurationProblems problems) {
			return new SnapshotPropagationInterceptor(signers::getObject, properties.getPropagation().getHeader(),
					SnapshotKeyFactory.targets(properties, problems));
		}

		@Bean
		RestClientCustomizer gatehouseSnapshotRestClientCustomizer(SnapshotPropagationInterceptor interceptor) {
			return (builder) -> builder.requestInterceptor(interceptor);
		}

		@Bean
		RestTemplateCustomizer gatehouseSnapshotRestTemplateCustomizer(SnapshotPropagationInterceptor interceptor) {
			return (restTemplate) -> restTemplate.getInterceptors().add(interceptor);
		}

	}

}
