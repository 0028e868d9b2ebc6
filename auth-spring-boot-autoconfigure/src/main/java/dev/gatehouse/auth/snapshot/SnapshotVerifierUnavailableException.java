package dev.gatehouse.auth.snapshot;

import dev.gatehouse.auth.decision.AuthorizationDecision;
import org.jspecify.annotations.Nullable;

/**
 * The snapshot verifier itself failed, so no decision about the snapshot could be reached
 * (ERROR/VERIFICATION_PROVIDER_UNAVAILABLE).
 */
public class SnapshotVerifierUnavailableException extends AuthContextSnapshotException {

	/**
	 * Creates the exception.
	 * @param message a safe message
	 * @param cause the cause, or {@code null}
	 */
	public SnapshotVerifierUnavailableException(String message, @Nullable Throwable cause) {
		super(message, AuthorizationDecision.VERIFICATION_PROVIDER_UNAVAILABLE, cause);
	}

}
