package dev.gatehouse.benchmarks.filter;

import java.util.Map;

import jakarta.servlet.Filter;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;

/**
 * The Spring Security peer of the JWT case: its OAuth 2.0 resource-server chain
 * ({@code BearerTokenAuthenticationFilter}, {@code JwtAuthenticationProvider}, the
 * default {@code JwtAuthenticationConverter}) with a {@link NimbusJwtDecoder} on the same
 * HS256 key Gatehouse verifies, configured as a stateless API (CSRF off, no session),
 * everything else at Spring Security's defaults. Called, like the container would,
 * through {@code springSecurityFilterChain}.
 */
@State(Scope.Benchmark)
public class SpringSecurityJwtStack {

	Filter filter;

	private AnnotationConfigWebApplicationContext context;

	/** Starts the context and takes Spring Security's filter. */
	@Setup(Level.Trial)
	public void start() {
		this.context = WebContexts.start(ResourceServerConfiguration.class, Map.of());
		this.filter = this.context.getBean("springSecurityFilterChain", Filter.class);
	}

	/** Closes the context. */
	@TearDown(Level.Trial)
	public void stop() {
		this.context.close();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebSecurity
	static class ResourceServerConfiguration {

		@Bean
		SecurityFilterChain resourceServerSecurityFilterChain(HttpSecurity http) throws Exception {
			NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(FilterCredentials.hs256Key()).build();
			return http.oauth2ResourceServer((resourceServer) -> resourceServer.jwt((jwt) -> jwt.decoder(decoder)))
				.csrf(AbstractHttpConfigurer::disable)
				.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.build();
		}

	}

}
