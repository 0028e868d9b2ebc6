package dev.gatehouse.auth.authentication;

import dev.gatehouse.auth.annotation.Protected;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.context.AuthContextHolder;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small API ("reports-api") whose only credential handler is the auto-configured JWT
 * bearer authenticator; {@code gatehouse.jwt.*} comes from each test. {@code GET /me}
 * needs any authenticated caller, {@code GET /reports} the realm role {@code auditor}. No
 * component scanning, so other test configurations stay out.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ReportsApiApplication.ReportsController.class)
public class ReportsApiApplication {

	/** The role {@code GET /reports} requires. */
	public static final String AUDITOR = "auditor";

	@RestController
	static class ReportsController {

		@Protected
		@GetMapping("/me")
		String me() {
			return AuthContextHolder.require().subject().id();
		}

		@RequireRole(AUDITOR)
		@GetMapping("/reports")
		String reports() {
			return "reports for " + AuthContextHolder.require().subject().id();
		}

	}

}
