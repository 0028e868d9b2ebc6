package dev.gatehouse.auth.web;

import java.util.Objects;

import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.enforcement.RequestValueMissingException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Maps a refusing {@link AuthorizationDecision} to its HTTP response: an RFC 9457 problem
 * ({@code application/problem+json}) with {@code status}, {@code title}, the decision's
 * safe reason as {@code detail}, and the properties {@code state} and {@code reasonCode}.
 *
 * <table>
 * <caption>Status and {@code WWW-Authenticate} per decision</caption>
 * <tr>
 * <th>decision</th>
 * <th>status</th>
 * <th>WWW-Authenticate</th>
 * </tr>
 * <tr>
 * <td>CHALLENGE</td>
 * <td>401</td>
 * <td>{@code Bearer realm="gatehouse"}, plus {@code error="invalid_token"} for invalid or
 * expired credentials and snapshots</td>
 * </tr>
 * <tr>
 * <td>DENY</td>
 * <td>403</td>
 * <td>{@code Bearer realm="gatehouse", error="insufficient_scope"} for
 * INSUFFICIENT_SCOPE, none otherwise</td>
 * </tr>
 * <tr>
 * <td>ERROR/VERIFICATION_PROVIDER_UNAVAILABLE or DECISION_PROVIDER_UNAVAILABLE</td>
 * <td>503</td>
 * <td>none</td>
 * </tr>
 * <tr>
 * <td>other ERROR</td>
 * <td>500</td>
 * <td>none</td>
 * </tr>
 * </table>
 *
 * Nothing of an exception (message, cause, stack trace) ever reaches the body.
 *
 * <p>
 * A {@link RequestValueMissingException} is not a decision: it is answered with 400 Bad
 * Request, as Spring MVC answers a missing required request value, with a {@code detail}
 * that names the value (never its content) and without {@code state} or
 * {@code reasonCode}.
 */
public final class AuthErrorResponses {

	/** The realm named in every {@code WWW-Authenticate} challenge. */
	public static final String REALM = "gatehouse";

	private static final String CHALLENGE = "Bearer realm=\"" + REALM + "\"";

	private static final String INVALID_TOKEN = CHALLENGE + ", error=\"invalid_token\"";

	private static final String INSUFFICIENT_SCOPE = CHALLENGE + ", error=\"insufficient_scope\"";

	private AuthErrorResponses() {
	}

	/**
	 * Returns the status for a refusing decision.
	 * @param decision the decision; not ALLOW
	 * @return 401, 403, 503 or 500
	 */
	public static HttpStatus status(AuthorizationDecision decision) {
		return switch (requireRefusal(decision).state()) {
			case CHALLENGE -> HttpStatus.UNAUTHORIZED;
			case DENY -> HttpStatus.FORBIDDEN;
			case ERROR -> isUnavailable(decision.reasonCode()) ? HttpStatus.SERVICE_UNAVAILABLE
					: HttpStatus.INTERNAL_SERVER_ERROR;
			case ALLOW -> throw new IllegalStateException("unreachable");
		};
	}

	/**
	 * Whether a reason code says a provider could not answer (503), rather than that
	 * deciding failed (500).
	 * @param reasonCode the reason code of an ERROR decision
	 * @return {@code true} for VERIFICATION_PROVIDER_UNAVAILABLE and
	 * DECISION_PROVIDER_UNAVAILABLE
	 */
	public static boolean isUnavailable(AuthorizationReasonCode reasonCode) {
		return reasonCode == AuthorizationReasonCode.VERIFICATION_PROVIDER_UNAVAILABLE
				|| reasonCode == AuthorizationReasonCode.DECISION_PROVIDER_UNAVAILABLE;
	}

	/**
	 * Returns the {@code WWW-Authenticate} value for a refusing decision.
	 * @param decision the decision; not ALLOW
	 * @return the header value, or {@code null} when the response carries none
	 */
	public static @Nullable String wwwAuthenticate(AuthorizationDecision decision) {
		switch (requireRefusal(decision).state()) {
			case CHALLENGE:
				return switch (decision.reasonCode()) {
					case INVALID_CREDENTIAL, EXPIRED_CREDENTIAL, SNAPSHOT_INVALID, SNAPSHOT_EXPIRED -> INVALID_TOKEN;
					default -> CHALLENGE;
				};
			case DENY:
				return (decision.reasonCode() == AuthorizationReasonCode.INSUFFICIENT_SCOPE) ? INSUFFICIENT_SCOPE
						: null;
			default:
				return null;
		}
	}

	/**
	 * Builds the problem body for a refusing decision.
	 * @param decision the decision; not ALLOW
	 * @return a new problem detail
	 */
	public static ProblemDetail problemDetail(AuthorizationDecision decision) {
		HttpStatus status = status(decision);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, decision.reason());
		problem.setTitle(status.getReasonPhrase());
		problem.setProperty("state", decision.state().name());
		problem.setProperty("reasonCode", decision.reasonCode().name());
		return problem;
	}

	/**
	 * Builds the complete response for a refusing decision.
	 * @param decision the decision; not ALLOW
	 * @return the response with status, headers and problem body
	 */
	public static ResponseEntity<ProblemDetail> toResponseEntity(AuthorizationDecision decision) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(status(decision))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		String challenge = wwwAuthenticate(decision);
		if (challenge != null) {
			response.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
		}
		return response.body(problemDetail(decision));
	}

	/**
	 * Builds the response for a request that lacks a value a protected handler's dynamic
	 * reference needs.
	 * @param ex the failure
	 * @return a 400 problem response whose detail names the missing value
	 */
	public static ResponseEntity<ProblemDetail> toResponseEntity(RequestValueMissingException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle(HttpStatus.BAD_REQUEST.getReasonPhrase());
		return ResponseEntity.status(HttpStatus.BAD_REQUEST)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	private static AuthorizationDecision requireRefusal(AuthorizationDecision decision) {
		Objects.requireNonNull(decision, "decision must not be null");
		if (decision.isAllowed()) {
			throw new IllegalArgumentException("an ALLOW decision has no error response");
		}
		return decision;
	}

}
