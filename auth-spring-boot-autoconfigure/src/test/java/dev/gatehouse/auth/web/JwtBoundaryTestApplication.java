package dev.gatehouse.auth.web;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.gatehouse.auth.annotation.Protected;
import dev.gatehouse.auth.annotation.PublicAccess;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.annotation.RequireScope;
import dev.gatehouse.auth.context.AuthClaim;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small Spring MVC application whose only credential handler is the auto-configured JWT
 * bearer authenticator ({@code gatehouse.jwt.*} comes from each test). Unlike
 * {@link BoundaryTestApplication} it registers no authenticator of its own, so the
 * composite {@code Authenticator} is built from the real JWT handler alone. No component
 * scanning, so other test configurations in this package stay out.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(JwtBoundaryTestApplication.JwtController.class)
class JwtBoundaryTestApplication {

	/**
	 * An application's own check, added to the built-in ones: tokens marked "blocked" are
	 * refused.
	 */
	@Bean
	OAuth2TokenValidator<Jwt> notBlocked() {
		OAuth2Error blocked = new OAuth2Error("invalid_token", "The token is blocked", null);
		return (jwt) -> Boolean.TRUE.equals(jwt.getClaim("blocked")) ? OAuth2TokenValidatorResult.failure(blocked)
				: OAuth2TokenValidatorResult.success();
	}

	@RestController
	static class JwtController {

		@PublicAccess
		@GetMapping("/public/whoami")
		String whoami() {
			return AuthContextHolder.current().map((context) -> context.subject().id()).orElse("<none>");
		}

		/**
		 * Echoes what the handler sees of the caller, so tests can check the claim
		 * mapping end to end.
		 */
		@Protected
		@GetMapping("/me")
		Map<String, Object> me() {
			AuthContext context = AuthContextHolder.require();
			Map<String, Object> me = new LinkedHashMap<>();
			me.put("subject", context.subject().id());
			me.put("displayName", context.subject().displayName());
			me.put("issuer", context.issuer());
			me.put("tenant", context.tenant());
			me.put("roles", context.roles());
			me.put("scopes", context.scopes());
			me.put("email", context.claim("email").map(AuthClaim::value).orElse(null));
			return me;
		}

		@RequireRole("ADMIN")
		@GetMapping("/admin")
		String admin() {
			return "admin for " + AuthContextHolder.require().subject().id();
		}

		@RequireScope("reports:read")
		@GetMapping("/reports")
		String reports() {
			return "reports for " + AuthContextHolder.require().subject().id();
		}

	}

}
