package dev.gatehouse.auth.web;

import java.util.concurrent.CompletableFuture;

import dev.gatehouse.auth.annotation.Protected;
import dev.gatehouse.auth.annotation.PublicAccess;
import dev.gatehouse.auth.annotation.RequirePermission;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.annotation.RequireScope;
import dev.gatehouse.auth.authentication.CredentialAuthenticator;
import dev.gatehouse.auth.context.AuthClaim;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.decision.AuthRequirementProviderUnavailableException;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.AuthInvocation;
import dev.gatehouse.auth.spi.AuthenticationFailedException;
import dev.gatehouse.auth.spi.PermissionCheckRequest;
import dev.gatehouse.auth.spi.PermissionChecker;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small Spring MVC application with public and protected endpoints, two API keys
 * (hashes in {@code boundary-test.properties}), an opaque bearer-token handler that the
 * composite authenticator picks up beside the API keys, and a permission checker that
 * simulates an unreachable provider and a broken one. No component scanning, so other
 * test configurations in this package stay out.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@PropertySource("classpath:dev/gatehouse/auth/web/boundary-test.properties")
@Import({ BoundaryTestApplication.BoundaryController.class, BoundaryTestApplication.FlakyPermissionChecker.class,
		BoundaryTestApplication.OpaqueTokenAuthenticator.class })
class BoundaryTestApplication {

	static final String ADMIN_KEY = "gh-admin-key-0c5a7e";

	static final String READER_KEY = "gh-reader-key-4b19d2";

	/**
	 * Marker that a broken checker puts into its exception message; must never reach a
	 * response.
	 */
	static final String CHECKER_SECRET = "checker-internal-detail-Q9Z";

	/** The bearer token the test authenticator accepts (subject "linus"). */
	static final String VALID_TOKEN = "opaque-token-for-linus";

	/** A bearer token the test authenticator reports as expired. */
	static final String EXPIRED_TOKEN = "opaque-token-expired";

	/**
	 * A bearer token whose verification fails because the (simulated) verifier is
	 * unreachable.
	 */
	static final String UNVERIFIABLE_TOKEN = "opaque-token-verifier-down";

	/**
	 * Malformed Authorization values that must each be a 401 INVALID_CREDENTIAL on a
	 * protected handler.
	 */
	static final String[] MALFORMED_AUTHORIZATION = { "Bearer", "Bearer ", "Bearer  x y", "Bearer a b", "Bearer a,b",
			"Token abc", "bearer\tabc", "Bearer " + "a".repeat(9000) };

	@RestController
	static class BoundaryController {

		@PublicAccess
		@GetMapping("/public/whoami")
		String whoami() {
			return AuthContextHolder.current().map((context) -> context.subject().id()).orElse("<none>");
		}

		@PublicAccess
		@GetMapping("/public/thread")
		String thread() {
			return Thread.currentThread().getName();
		}

		@Protected
		@GetMapping("/documents/{id}")
		String document(@PathVariable String id) {
			AuthContext context = AuthContextHolder.require();
			return "document " + id + " for " + context.subject().id();
		}

		@Protected
		@GetMapping("/documents/{id}/invocation")
		String invocation(@PathVariable String id) {
			AuthContext context = AuthContextHolder.require();
			return context.claim("operation").map(AuthClaim::value).orElse("-") + " | "
					+ context.claim("handler").map(AuthClaim::value).orElse("-");
		}

		@RequireRole("ADMIN")
		@GetMapping("/admin")
		String admin() {
			return "admin for " + AuthContextHolder.require().subject().id();
		}

		// Refusals of future-returning methods arrive as failed futures, so they are
		// answered on the async dispatch.
		@RequireRole("ADMIN")
		@GetMapping("/async/admin")
		CompletableFuture<String> asyncAdmin() {
			return CompletableFuture.completedFuture("async admin for " + AuthContextHolder.require().subject().id());
		}

		@RequireScope("reports:read")
		@GetMapping("/reports")
		String reports() {
			return "reports for " + AuthContextHolder.require().subject().id();
		}

		@RequirePermission("audit:read")
		@GetMapping("/audit")
		String audit() {
			return "audit";
		}

		@RequirePermission("broken")
		@GetMapping("/broken")
		String broken() {
			return "broken";
		}

	}

	/** Refuses "audit:read" as unreachable and fails with an exception on "broken". */
	static class FlakyPermissionChecker implements PermissionChecker {

		@Override
		public AuthorizationDecision checkPermission(PermissionCheckRequest request) {
			if (request.permission().equals("audit:read")) {
				throw new AuthRequirementProviderUnavailableException("The permission service is unreachable.");
			}
			throw new IllegalStateException(CHECKER_SECRET);
		}

	}

	/** Accepts one fixed opaque bearer token; stands in for a real token verifier. */
	static class OpaqueTokenAuthenticator implements CredentialAuthenticator {

		@Override
		public CredentialCarrierKind kind() {
			return CredentialCarrierKind.BEARER_TOKEN;
		}

		@Override
		public AuthContext authenticate(CredentialCarrier credential, AuthInvocation invocation) {
			Object handler = invocation.attributes().getOrDefault(HttpInvocationResolver.HANDLER_ATTRIBUTE, "-");
			return switch (credential.material()) {
				case VALID_TOKEN -> AuthContext.builder("linus")
					.issuer("test:opaque")
					.credentialCarrier(credential)
					// Echo what the filter told us about the call, so tests can check the
					// AuthInvocation.
					.claim("operation", invocation.operation())
					.claim("handler", handler.toString())
					.build();
				case EXPIRED_TOKEN -> throw new AuthenticationFailedException(AuthorizationDecision
					.challenge(AuthorizationReasonCode.EXPIRED_CREDENTIAL, "The token has expired."));
				case UNVERIFIABLE_TOKEN -> throw new AuthRequirementProviderUnavailableException(
						"The token introspection endpoint is unreachable.");
				default -> throw new AuthenticationFailedException(AuthorizationDecision
					.challenge(AuthorizationReasonCode.INVALID_CREDENTIAL, "The token is not valid."));
			};
		}

	}

}
