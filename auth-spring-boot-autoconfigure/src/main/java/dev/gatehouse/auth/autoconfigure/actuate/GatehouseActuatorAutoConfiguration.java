package dev.gatehouse.auth.autoconfigure.actuate;

import dev.gatehouse.auth.autoconfigure.core.ConditionalOnGatehouseEnabled;
import dev.gatehouse.auth.autoconfigure.jwt.GatehouseJwtAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.outbound.GatehouseOutboundAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.snapshot.GatehouseSnapshotAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.startup.GatehouseStartupValidationAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Import;

/**
 * Actuator views of Gatehouse, when spring-boot-actuator is on the classpath: the
 * {@code gatehouse} endpoint (exposed only through Boot's usual
 * {@code management.endpoints.web.exposure.include}, read-only unless
 * {@code management.endpoint.gatehouse.access=unrestricted}, refreshes rate-limited by
 * {@code gatehouse.outbound.retry-backoff}), the function that masks every Gatehouse
 * secret in {@code env} and {@code configprops}, and, with spring-boot-health, the
 * {@code gatehouse} health indicator of the verifiers and outbound registrations.
 */
@AutoConfiguration(
		after = { GatehouseStartupValidationAutoConfiguration.class, GatehouseOutboundAutoConfiguration.class,
				GatehouseJwtAutoConfiguration.class, GatehouseSnapshotAutoConfiguration.class })
@ConditionalOnGatehouseEnabled
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@Import(ActuatorConfiguration.class)
public final class GatehouseActuatorAutoConfiguration {

}
