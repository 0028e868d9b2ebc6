package dev.gatehouse.auth.snapshot;

import dev.gatehouse.auth.decision.AuthorizationDecision;
import org.jspecify.annotations.Nullable;

/**
 * A signed context snapshot failed decoding or verification (CHALLENGE/SNAPSHOT_INVALID).
 * The message says which check failed, never the envelope's content.
 */
public class InvalidAuthContextSnapshotException extends AuthContextSnapshotException {

	/**
	 * Creates the exception.
	 * @param message a safe message naming the failed check
	 */
	public InvalidAuthContextSnapshotException(String message) {
		this(message, null);
	}

	/**
	 * Creates the exception.
	 * @param message a safe message naming the failed check
	 * @param cause the cause, or {@code null}
	 */
	public InvalidAuthContextSnapshotException(String message, @Nullable Throwable cause) {
		super(message, AuthorizationDecision.INVALID_SNAPSHOT, cause);
	}

}
