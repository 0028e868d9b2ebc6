package dev.gatehouse.auth.decision;

import org.jspecify.annotations.Nullable;

/**
 * Base of the failures raised while enforcing requirements on a protected boundary.
 */
public abstract class AuthorizationException extends AuthException {

	/**
	 * Creates the exception.
	 * @param message a safe message
	 * @param decision the refusing decision
	 * @param cause the cause, or {@code null}
	 */
	protected AuthorizationException(String message, AuthorizationDecision decision, @Nullable Throwable cause) {
		super(message, decision, cause);
	}

}
