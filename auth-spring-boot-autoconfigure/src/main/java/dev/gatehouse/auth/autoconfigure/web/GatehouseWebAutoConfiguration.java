package dev.gatehouse.auth.autoconfigure.web;

import dev.gatehouse.auth.autoconfigure.authentication.GatehouseAuthenticationAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.core.ConditionalOnGatehouseEnabled;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.core.GatehouseProperties;
import dev.gatehouse.auth.autoconfigure.observation.GatehouseObservationProperties;
import dev.gatehouse.auth.autoconfigure.snapshot.GatehouseSnapshotProperties;
import dev.gatehouse.auth.web.AuthContextFilter;
import dev.gatehouse.auth.web.AuthExceptionHandler;
import dev.gatehouse.auth.web.HandlerRequestValueParameters;
import dev.gatehouse.auth.web.RequestRejectedCredentialLookup;
import jakarta.servlet.Filter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Servlet boundary auto-configuration, for Spring MVC applications only: the
 * {@link AuthContextFilter} that authenticates each request and binds its context, and
 * the {@link AuthExceptionHandler} that answers refusals with RFC 9457 problem responses,
 * the {@link HandlerRequestValueParameters} that tell metadata resolution which handler
 * parameters carry request values, and the {@link RequestRejectedCredentialLookup} that
 * lets enforcement refuse a rejected credential with its own reason code.
 *
 * <p>
 * The filter is registered at {@link AuthContextFilter#DEFAULT_ORDER} (-101), just before
 * Spring Security's filter chain (-100 by default), so that Gatehouse reads its
 * credential headers without Spring Security's request firewall re-validating them;
 * define a {@code FilterRegistrationBean<AuthContextFilter>} of your own to change that.
 */
@AutoConfiguration(after = { GatehouseAutoConfiguration.class, GatehouseAuthenticationAutoConfiguration.class })
@ConditionalOnGatehouseEnabled
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ Filter.class, DispatcherServlet.class })
@EnableConfigurationProperties({ GatehouseProperties.class, GatehouseWebProperties.class,
		GatehouseSnapshotProperties.class, GatehouseObservationProperties.class })
@Import(WebConfiguration.class)
public final class GatehouseWebAutoConfiguration {

}
