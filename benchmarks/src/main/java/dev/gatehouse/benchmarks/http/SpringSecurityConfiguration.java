package dev.gatehouse.benchmarks.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gatehouse.benchmarks.http.SpringSecurityApiKeyFilter.ApiKeyOwner;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;

/**
 * The Spring Security peer, configured as a stateless API usually is: one
 * {@link SecurityFilterChain} for {@code /security/**} with the API-key filter in the
 * authentication slot (before anonymous authentication), no CSRF protection and no HTTP
 * session (there are no cookies to protect), 401 for unauthenticated callers, and
 * {@code @PreAuthorize} on the handler through {@link EnableMethodSecurity}. Everything
 * else stays at Spring Security's defaults, including the security response headers,
 * which Gatehouse does not write. Boot's security auto-configuration enables web security
 * and registers the chain in the servlet container (order -100).
 *
 * <p>
 * The chain does not authorize URLs ({@code authorizeHttpRequests}): like the Gatehouse
 * endpoint, the only authorization is the one on the handler method.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SpringSecurityConfiguration {

	@Bean
	SecurityFilterChain apiKeySecurityFilterChain(HttpSecurity http) throws Exception {
		Map<String, ApiKeyOwner> keys = new LinkedHashMap<>();
		keys.put(HttpBenchmarkApplication.sha256Hex(HttpBenchmarkApplication.REPORTER_KEY),
				new ApiKeyOwner("reporter", List.of(HttpBenchmarkApplication.ROLE)));
		keys.put(HttpBenchmarkApplication.sha256Hex(HttpBenchmarkApplication.VIEWER_KEY),
				new ApiKeyOwner("viewer", List.of("VIEWER")));
		return http.securityMatcher("/security/**")
			.addFilterBefore(new SpringSecurityApiKeyFilter(HttpBenchmarkApplication.SPRING_SECURITY_KEY_HEADER, keys),
					AnonymousAuthenticationFilter.class)
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
			.build();
	}

}
