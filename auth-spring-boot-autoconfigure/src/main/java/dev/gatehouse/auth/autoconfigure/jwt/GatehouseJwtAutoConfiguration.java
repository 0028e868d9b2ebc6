package dev.gatehouse.auth.autoconfigure.jwt;

import java.time.Clock;

import dev.gatehouse.auth.authentication.JwtBearerAuthenticator;
import dev.gatehouse.auth.autoconfigure.core.ConditionalOnGatehouseEnabled;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.startup.ConfigurationProblems;
import dev.gatehouse.auth.startup.InvalidGatehouseConfigurationException;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Registers the {@link JwtBearerAuthenticator} when spring-security-oauth2-jose is on the
 * classpath and one of {@code gatehouse.jwt.issuer-uri}, {@code jwk-set-uri},
 * {@code secret} or {@code use-decoder-bean} is set, or the application defines a
 * {@link JwtDecoder} bean while the Spring Security bridge is not active (with it, that
 * bean is Spring Security's resource server's, which verifies the token itself). The
 * authentication auto-configuration combines it with the other credential handlers into
 * the application's one {@code Authenticator}. It runs after Boot's security
 * auto-configurations, whose decoder and filter chain beans its conditions look at.
 *
 * <p>
 * As with Spring Boot's resource-server support: an application {@link JwtDecoder} bean
 * verifies the tokens when there is no key source property (Gatehouse's timestamp, issuer
 * and audience checks still apply to what it returns); with both, startup fails until
 * {@code gatehouse.jwt.use-decoder-bean} says which one verifies;
 * {@code OAuth2TokenValidator<Jwt>} beans are added to the built-in checks; the time
 * checks read the application's {@link Clock} bean when there is exactly one (the system
 * UTC clock otherwise).
 *
 * <p>
 * Key sources: {@code secret} (HS256) stands alone; {@code jwk-set-uri} and
 * {@code issuer-uri} may be combined, in which case the keys come from the JWK set URI
 * without any discovery request and the issuer URI is only checked against the
 * {@code iss} claim. {@code issuer} checks {@code iss} with any key source. Unusable
 * values fail startup with an {@link InvalidGatehouseConfigurationException} naming the
 * property, never its value, reported through {@link ConfigurationProblems} in startup
 * validation's one failure report. Nothing is fetched from the identity provider at
 * startup.
 */
@AutoConfiguration(after = GatehouseAutoConfiguration.class, afterName = {
		// The JwtDecoder beans of Boot's resource server and Spring Authorization Server,
		// and the SecurityFilterChain beans that make the Spring Security bridge active:
		// the conditions here must see them.
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
@ConditionalOnClass(name = "org.springframework.security.oauth2.jwt.JwtDecoder")
@ConditionalOnGatehouseEnabled
@Conditional(OnJwtKeySource.class)
@EnableConfigurationProperties(GatehouseJwtProperties.class)
@Import(JwtConfiguration.class)
public final class GatehouseJwtAutoConfiguration {

}
