package dev.gatehouse.benchmarks.filter;

import java.util.List;

import dev.gatehouse.auth.authentication.JwtClaimMapper;
import dev.gatehouse.auth.springsecurity.DefaultSecurityAuthenticationMapper;
import dev.gatehouse.auth.springsecurity.SpringSecurityAuthenticationBridge;
import dev.gatehouse.auth.web.AuthContextFilter;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;

/**
 * Gatehouse's {@link AuthContextFilter} behind Spring Security: the filter of
 * {@link GatehouseFilterStack} (same auto-configuration, same API-key, JWT and snapshot
 * properties) with the Spring Security bridge set as its prior authentication, built as
 * the bridge's auto-configuration builds it when the application defines no
 * {@code SecurityContextHolderStrategy} bean: the holder's global strategy, asked per
 * request, and a {@link DefaultSecurityAuthenticationMapper} with the default prefixes
 * and the default {@code gatehouse.jwt.*} claim rules.
 */
@State(Scope.Benchmark)
public class SpringSecurityBridgeStack {

	AuthContextFilter filter;

	private AnnotationConfigWebApplicationContext context;

	/** Starts the context, takes the registered filter and sets the bridge on it. */
	@Setup(Level.Trial)
	public void start() {
		this.context = WebContexts.start(GatehouseFilterStack.GatehouseConfiguration.class,
				GatehouseFilterStack.properties());
		FilterRegistrationBean<?> registration = this.context.getBean("gatehouseAuthContextFilter",
				FilterRegistrationBean.class);
		this.filter = (AuthContextFilter) registration.getFilter();
		DefaultSecurityAuthenticationMapper mapper = new DefaultSecurityAuthenticationMapper("ROLE_", "SCOPE_",
				new JwtClaimMapper("roles", "tenant", List.of("email", "preferred_username")));
		this.filter.setPriorAuthentication(
				new SpringSecurityAuthenticationBridge(SecurityContextHolder::getContextHolderStrategy, mapper));
	}

	/** Closes the context. */
	@TearDown(Level.Trial)
	public void stop() {
		this.context.close();
	}

}
