package dev.gatehouse.auth.autoconfigure.springsecurity;

import dev.gatehouse.auth.autoconfigure.authentication.GatehouseAuthenticationAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.core.ConditionalOnGatehouseEnabled;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.jwt.GatehouseJwtProperties;
import dev.gatehouse.auth.autoconfigure.web.GatehouseWebAutoConfiguration;
import dev.gatehouse.auth.springsecurity.SecurityAuthenticationMapper;
import dev.gatehouse.auth.springsecurity.SpringSecurityAuthenticationBridge;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * The Spring Security bridge, for servlet applications whose Spring Security filter chain
 * authenticates requests: active when spring-security-web is on the class path and a
 * {@code SecurityFilterChain} bean exists (the application's, or Boot's default one),
 * unless {@code gatehouse.spring-security.enabled=false}.
 *
 * <p>
 * It registers the {@link SpringSecurityAuthenticationBridge} with the default
 * {@link SecurityAuthenticationMapper} (define one of your own to replace it). The
 * authentication auto-configuration then registers the one composite
 * {@code Authenticator} even when no Gatehouse credential type is configured, so that the
 * bridge counts as the AUTHENTICATION provider, and the servlet filter takes the caller
 * of every request Spring Security authenticated from the bridge, running after Spring
 * Security's filter chain ({@code spring.security.filter.order} + 1).
 */
@AutoConfiguration(after = GatehouseAutoConfiguration.class,
		before = { GatehouseAuthenticationAutoConfiguration.class, GatehouseWebAutoConfiguration.class },
		afterName = { "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
				"org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration",
				"org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration",
				"org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration" })
@ConditionalOnGatehouseEnabled
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(
		name = { "org.springframework.security.web.SecurityFilterChain", "jakarta.servlet.http.HttpServletRequest" })
@ConditionalOnBean(type = "org.springframework.security.web.SecurityFilterChain")
@ConditionalOnBooleanProperty(name = "gatehouse.spring-security.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ GatehouseSpringSecurityProperties.class, GatehouseJwtProperties.class })
@Import(SpringSecurityConfiguration.class)
public final class GatehouseSpringSecurityAutoConfiguration {

}
