package dev.gatehouse.auth.snapshot;

import dev.gatehouse.auth.decision.AuthorizationDecision;

/**
 * A signed context snapshot expired beyond the allowed clock skew
 * (CHALLENGE/SNAPSHOT_EXPIRED).
 */
public class ExpiredAuthContextSnapshotException extends AuthContextSnapshotException {

	/**
	 * Creates the exception.
	 * @param message a safe message
	 */
	public ExpiredAuthContextSnapshotException(String message) {
		super(message, AuthorizationDecision.EXPIRED_SNAPSHOT, null);
	}

}
