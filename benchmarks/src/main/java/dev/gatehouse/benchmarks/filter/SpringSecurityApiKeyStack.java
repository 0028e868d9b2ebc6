package dev.gatehouse.benchmarks.filter;

import java.util.List;
import java.util.Map;

import dev.gatehouse.benchmarks.http.HttpBenchmarkApplication;
import dev.gatehouse.benchmarks.http.SpringSecurityApiKeyFilter.ApiKeyOwner;
import dev.gatehouse.benchmarks.http.SpringSecurityApiKeyFilter;
import jakarta.servlet.Filter;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;

/**
 * The Spring Security peer of the API-key case: the filter the servlet container would
 * call ({@code springSecurityFilterChain}: request-path caching, {@code FilterChainProxy}
 * with its firewall, and the chain), holding the HTTP benchmark's chain: the same
 * {@link SpringSecurityApiKeyFilter} before anonymous authentication, CSRF off,
 * stateless, 401 entry point, everything else at Spring Security's defaults.
 */
@State(Scope.Benchmark)
public class SpringSecurityApiKeyStack {

	Filter filter;

	private AnnotationConfigWebApplicationContext context;

	/** Starts the context and takes Spring Security's filter. */
	@Setup(Level.Trial)
	public void start() {
		this.context = WebContexts.start(ApiKeySecurityConfiguration.class, Map.of());
		this.filter = this.context.getBean("springSecurityFilterChain", Filter.class);
	}

	/** Closes the context. */
	@TearDown(Level.Trial)
	public void stop() {
		this.context.close();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebSecurity
	static class ApiKeySecurityConfiguration {

		@Bean
		SecurityFilterChain apiKeySecurityFilterChain(HttpSecurity http) throws Exception {
			Map<String, ApiKeyOwner> keys = Map.of(HttpBenchmarkApplication.sha256Hex(FilterCredentials.API_KEY),
					new ApiKeyOwner(FilterCredentials.SUBJECT, List.of(FilterCredentials.ROLE)));
			return http
				.addFilterBefore(new SpringSecurityApiKeyFilter(FilterCredentials.API_KEY_HEADER, keys),
						AnonymousAuthenticationFilter.class)
				.csrf(AbstractHttpConfigurer::disable)
				.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.exceptionHandling((exceptions) -> exceptions
					.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
				.build();
		}

	}

}
