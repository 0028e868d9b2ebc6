package dev.gatehouse.auth.autoconfigure.authzen;

import dev.gatehouse.auth.autoconfigure.core.ConditionalOnGatehouseEnabled;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Decides relation, policy and permission checks in an external policy decision point
 * over OpenID AuthZEN when {@code gatehouse.authzen.base-url} is set (needs spring-web's
 * {@code RestClient} and Jackson 3 on the class path). Runs before the embedded checkers'
 * auto-configuration, so that the role-permission default backs off for a decision point
 * that backs PERMISSION_CHECK.
 */
@AutoConfiguration(after = GatehouseAutoConfiguration.class,
		beforeName = "dev.gatehouse.auth.autoconfigure.checker.GatehouseCheckerAutoConfiguration")
@ConditionalOnGatehouseEnabled
@ConditionalOnClass(name = { "org.springframework.web.client.RestClient", "tools.jackson.databind.json.JsonMapper" })
@ConditionalOnProperty(prefix = "gatehouse.authzen", name = "base-url")
@EnableConfigurationProperties(GatehouseAuthZenProperties.class)
@Import(AuthZenConfiguration.class)
public final class GatehouseAuthZenAutoConfiguration {

}
