package dev.gatehouse.auth.autoconfigure.startup;

import dev.gatehouse.auth.autoconfigure.core.ConditionalOnGatehouseEnabled;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.snapshot.GatehouseSnapshotProperties;
import dev.gatehouse.auth.startup.AuthCapabilityReport;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Startup validation: fails the application's startup, with a failure report, unless
 * every capability its auth annotations require is provided by exactly one bean and every
 * annotation can be enforced. Also exposes what was found as an
 * {@link AuthCapabilityReport} bean, and refuses a {@code @RequirePermission} resource
 * that the default permission checker would ignore.
 * {@code gatehouse.startup-validation.enabled=false} turns all of it off; protected calls
 * then still fail closed at call time. The configuration checks whose problems join the
 * same failure report (unknown {@code gatehouse.*} keys, properties whose optional
 * dependency is missing) run either way: with validation off they fail startup
 * themselves.
 */
@AutoConfiguration(after = GatehouseAutoConfiguration.class)
@ConditionalOnGatehouseEnabled
@EnableConfigurationProperties(GatehouseSnapshotProperties.class)
@Import({ ConfigurationChecksConfiguration.class, StartupValidationConfiguration.class })
public final class GatehouseStartupValidationAutoConfiguration {

}
