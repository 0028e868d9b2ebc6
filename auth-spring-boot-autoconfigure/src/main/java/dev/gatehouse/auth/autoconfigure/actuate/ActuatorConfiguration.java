package dev.gatehouse.auth.autoconfigure.actuate;

import java.time.Clock;
import java.time.Duration;

import dev.gatehouse.auth.actuate.GatehouseEndpoint;
import dev.gatehouse.auth.actuate.GatehouseHealthIndicator;
import dev.gatehouse.auth.actuate.GatehouseSecretSanitizingFunction;
import dev.gatehouse.auth.autoconfigure.outbound.GatehouseOutboundProperties;
import dev.gatehouse.auth.outbound.OutboundCredentials;
import dev.gatehouse.auth.spi.SnapshotVerifier;
import dev.gatehouse.auth.spi.DecisionEngineHealth;
import dev.gatehouse.auth.spi.VerifierHealth;
import dev.gatehouse.auth.startup.AuthCapabilityReport;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The gatehouse endpoint, the secret-masking function and the health indicator.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorConfiguration {

	// Looked up per call: the report exists once startup validation ran, and is absent
	// when validation is off. The refresh interval is the outbound retry back-off (the
	// outbound auto-configuration validates it), so an operator cannot drive the identity
	// provider faster than a failing registration would.
	@Bean
	@ConditionalOnMissingBean
	GatehouseEndpoint gatehouseEndpoint(ObjectProvider<AuthCapabilityReport> report,
			ObjectProvider<OutboundCredentials> outbound,
			ObjectProvider<GatehouseOutboundProperties> outboundProperties, ObjectProvider<Clock> clocks) {
		GatehouseOutboundProperties properties = outboundProperties.getIfAvailable(GatehouseOutboundProperties::new);
		Duration interval = properties.getRetryBackoff();
		return new GatehouseEndpoint(report::getIfAvailable, outbound::getIfAvailable,
				(interval.isNegative()) ? Duration.ZERO : interval, clocks.getIfUnique(Clock::systemUTC));
	}

	// Not @ConditionalOnMissingBean: every SanitizingFunction bean applies, and an
	// application's own must not switch off the masking of Gatehouse secrets.
	@Bean
	GatehouseSecretSanitizingFunction gatehouseSecretSanitizingFunction() {
		return new GatehouseSecretSanitizingFunction();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	static class HealthConfiguration {

		// The verifiers are collected on the first check, from the singletons by then
		// created: a verifier bean declared as SnapshotVerifier is a VerifierHealth
		// only once it exists.
		@Bean
		@ConditionalOnMissingBean(name = "gatehouseHealthIndicator")
		@Conditional(OnHealthSubject.class)
		GatehouseHealthIndicator gatehouseHealthIndicator(ObjectProvider<OutboundCredentials> credentials,
				ListableBeanFactory beanFactory) {
			return new GatehouseHealthIndicator(credentials.getIfAvailable(),
					() -> beanFactory.getBeansOfType(VerifierHealth.class, false, false),
					() -> beanFactory.getBeansOfType(DecisionEngineHealth.class, false, false));
		}

	}

	/**
	 * Matches when there is something to report: outbound registrations, a verifier that
	 * reports its health, a snapshot verifier (which may, once created) or a decision
	 * engine.
	 */
	static final class OnHealthSubject extends AnyNestedCondition {

		OnHealthSubject() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBean(OutboundCredentials.class)
		static final class Outbound {

		}

		@ConditionalOnBean(VerifierHealth.class)
		static final class Verifier {

		}

		@ConditionalOnBean(SnapshotVerifier.class)
		static final class Snapshot {

		}

		@ConditionalOnBean(DecisionEngineHealth.class)
		static final class DecisionEngine {

		}

	}

}
