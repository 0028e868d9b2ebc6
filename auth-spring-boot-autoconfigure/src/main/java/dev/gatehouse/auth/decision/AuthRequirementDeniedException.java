package dev.gatehouse.auth.decision;

import org.jspecify.annotations.Nullable;

/**
 * A requirement of a protected boundary was not met (DENY or CHALLENGE), or could not be
 * evaluated (ERROR/INTERNAL_ERROR, with the checker's exception kept as the cause).
 */
public class AuthRequirementDeniedException extends AuthorizationException {

	/**
	 * Creates the exception.
	 * @param decision the refusing decision
	 */
	public AuthRequirementDeniedException(AuthorizationDecision decision) {
		this(decision, null);
	}

	/**
	 * Creates the exception.
	 * @param decision the refusing decision
	 * @param cause the cause, or {@code null}
	 */
	public AuthRequirementDeniedException(AuthorizationDecision decision, @Nullable Throwable cause) {
		// Refusals are thrown on the hot path; the detailed message is built only when
		// somebody reads it.
		super("Access refused.", decision, cause);
	}

	@Override
	public String getMessage() {
		AuthorizationDecision decision = decision();
		return "Access refused (" + decision.state() + "/" + decision.reasonCode() + "): " + decision.reason();
	}

}
