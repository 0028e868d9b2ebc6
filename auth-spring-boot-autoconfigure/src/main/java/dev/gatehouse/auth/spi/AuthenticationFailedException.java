package dev.gatehouse.auth.spi;

import dev.gatehouse.auth.decision.AuthException;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import org.jspecify.annotations.Nullable;

/**
 * An {@link dev.gatehouse.auth.spi.Authenticator} rejected a credential; carries a
 * CHALLENGE decision such as INVALID_CREDENTIAL or EXPIRED_CREDENTIAL.
 */
public class AuthenticationFailedException extends AuthException {

	/**
	 * Creates the exception.
	 * @param decision a CHALLENGE decision
	 */
	public AuthenticationFailedException(AuthorizationDecision decision) {
		this(decision, null);
	}

	/**
	 * Creates the exception.
	 * @param decision a CHALLENGE decision
	 * @param cause the cause, or {@code null}
	 */
	public AuthenticationFailedException(AuthorizationDecision decision, @Nullable Throwable cause) {
		super("Authentication failed: " + requireChallenge(decision).reason(), decision, cause);
	}

	private static AuthorizationDecision requireChallenge(AuthorizationDecision decision) {
		if (decision == null || decision.state() != AuthorizationDecisionState.CHALLENGE) {
			throw new IllegalArgumentException("an authentication failure carries a CHALLENGE decision");
		}
		return decision;
	}

}
