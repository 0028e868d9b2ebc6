package dev.gatehouse.benchmarks.http;

import dev.gatehouse.auth.annotation.RequireRole;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The three endpoints, one controller each, so that each class is proxied by its own
 * stack only: the unprotected controller by nothing, the Gatehouse one by Gatehouse's
 * advisor alone, the Spring Security one by Spring Security's method interceptor alone.
 * Every handler returns the same constant body.
 */
final class HelloControllers {

	/**
	 * The response body of every endpoint: small, so the framework's work dominates, not
	 * the payload.
	 */
	static final String BODY = "hello";

	private HelloControllers() {
	}

	/** The baseline: no annotations, no credential needed. */
	@RestController
	static class UnprotectedController {

		@GetMapping("/unprotected/hello")
		String hello() {
			return BODY;
		}

	}

	/**
	 * Gatehouse: the API key is authenticated by Gatehouse's filter, the role checked by
	 * its advisor.
	 */
	@RestController
	static class GatehouseController {

		@RequireRole(HttpBenchmarkApplication.ROLE)
		@GetMapping("/gatehouse/hello")
		String hello() {
			return BODY;
		}

	}

	/**
	 * Spring Security: the API key is authenticated by the filter chain, the role checked
	 * by method security.
	 */
	@RestController
	static class SpringSecurityController {

		@PreAuthorize("hasRole('" + HttpBenchmarkApplication.ROLE + "')")
		@GetMapping("/security/hello")
		String hello() {
			return BODY;
		}

	}

}
