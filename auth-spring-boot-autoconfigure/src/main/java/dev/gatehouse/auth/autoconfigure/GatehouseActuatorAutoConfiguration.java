package dev.gatehouse.auth.autoconfigure;

import dev.gatehouse.auth.actuate.GatehouseEndpoint;
import dev.gatehouse.auth.actuate.GatehouseHealthIndicator;
import dev.gatehouse.auth.outbound.OutboundCredentials;
import dev.gatehouse.auth.startup.AuthCapabilityReport;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator views of Gatehouse, when spring-boot-actuator is on the classpath: the
 * {@code gatehouse} endpoint (exposed only through Boot's usual
 * {@code management.endpoints.web.exposure.include}) and, with spring-boot-health, the
 * {@code gatehouse} health indicator.
 */
@AutoConfiguration(
		after = { GatehouseStartupValidationAutoConfiguration.class, GatehouseOutboundAutoConfiguration.class })
@ConditionalOnGatehouseEnabled
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
public final class GatehouseActuatorAutoConfiguration {

	// Looked up per call: the report exists once startup validation ran, and is absent
	// when validation is off.
	@Bean
	@ConditionalOnMissingBean
	GatehouseEndpoint gatehouseEndpoint(ObjectProvider<AuthCapabilityReport> report,
			ObjectProvider<OutboundCredentials> outbound) {
		return new GatehouseEndpoint(report::getIfAvailable, outbound::getIfAvailable);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "gatehouseHealthIndicator")
		@ConditionalOnBean(OutboundCredentials.class)
		GatehouseHealthIndicator gatehouseHealthIndicator(OutboundCredentials credentials) {
			return new GatehouseHealthIndicator(credentials);
		}

	}

}
