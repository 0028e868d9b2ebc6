package dev.gatehouse.auth.spi;

import dev.gatehouse.auth.decision.AuthException;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import org.jspecify.annotations.Nullable;

/**
 * A credential could not even be read: a malformed header, an unknown scheme, a value of
 * the wrong shape (CHALLENGE/INVALID_CREDENTIAL). The message describes the shape, never
 * the material.
 */
public class CredentialCarrierException extends AuthException {

	private static final AuthorizationDecision DECISION = AuthorizationDecision
		.challenge(AuthorizationReasonCode.INVALID_CREDENTIAL, "The credential is malformed.");

	/**
	 * Creates the exception.
	 * @param message a safe message
	 */
	public CredentialCarrierException(String message) {
		this(message, null);
	}

	/**
	 * Creates the exception.
	 * @param message a safe message
	 * @param cause the cause, or {@code null}
	 */
	public CredentialCarrierException(String message, @Nullable Throwable cause) {
		super(message, DECISION, cause);
	}

	/**
	 * Creates the exception with a more specific reason for the client than "The
	 * credential is malformed." (for example that more than one credential was sent).
	 * @param message a safe message
	 * @param decision a CHALLENGE decision
	 * @param cause the cause, or {@code null}
	 */
	public CredentialCarrierException(String message, AuthorizationDecision decision, @Nullable Throwable cause) {
		super(message, requireChallenge(decision), cause);
	}

	private static AuthorizationDecision requireChallenge(AuthorizationDecision decision) {
		if (decision == null || decision.state() != AuthorizationDecisionState.CHALLENGE) {
			throw new IllegalArgumentException("a credential that cannot be read carries a CHALLENGE decision");
		}
		return decision;
	}

}
