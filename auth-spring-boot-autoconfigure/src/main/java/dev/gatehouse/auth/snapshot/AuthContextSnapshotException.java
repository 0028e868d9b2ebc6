package dev.gatehouse.auth.snapshot;

import dev.gatehouse.auth.decision.AuthException;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import org.jspecify.annotations.Nullable;

/**
 * Base of the failures around signed context snapshots passed between services.
 */
public abstract class AuthContextSnapshotException extends AuthException {

	/**
	 * Creates the exception.
	 * @param message a safe message
	 * @param decision the refusing decision
	 * @param cause the cause, or {@code null}
	 */
	protected AuthContextSnapshotException(String message, AuthorizationDecision decision, @Nullable Throwable cause) {
		super(message, decision, cause);
	}

}
