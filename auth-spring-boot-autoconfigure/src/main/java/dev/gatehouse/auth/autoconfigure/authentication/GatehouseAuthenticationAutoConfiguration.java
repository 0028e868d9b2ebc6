package dev.gatehouse.auth.autoconfigure.authentication;

import dev.gatehouse.auth.authentication.CredentialAuthenticator;
import dev.gatehouse.auth.autoconfigure.core.ConditionalOnGatehouseEnabled;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.core.GatehouseProperties;
import dev.gatehouse.auth.spi.Authenticator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Authentication auto-configuration, for any kind of application (not only web ones): the
 * built-in API-key authenticator when {@code gatehouse.api-keys} is set, the composite
 * {@link Authenticator} that combines all built-in credential handlers into one provider,
 * and the default password hasher and verifier.
 *
 * <p>
 * The composite is registered only when at least one {@link CredentialAuthenticator} bean
 * exists (API keys here, JWT from {@code GatehouseJwtAutoConfiguration}, which therefore
 * runs first) or the Spring Security bridge is active (from
 * {@code GatehouseSpringSecurityAutoConfiguration}, which runs first too), and the
 * application defines no {@link Authenticator} of its own. With no credential type
 * configured and no bridge there is deliberately no authenticator, so protected code
 * fails startup validation instead of rejecting every call at run time.
 */
@AutoConfiguration(after = GatehouseAutoConfiguration.class,
		afterName = { "dev.gatehouse.auth.autoconfigure.jwt.GatehouseJwtAutoConfiguration",
				"dev.gatehouse.auth.autoconfigure.springsecurity.GatehouseSpringSecurityAutoConfiguration" })
@ConditionalOnGatehouseEnabled
@EnableConfigurationProperties(GatehouseProperties.class)
@Import(AuthenticationConfiguration.class)
public final class GatehouseAuthenticationAutoConfiguration {

}
