package dev.gatehouse.auth.snapshot;

import dev.gatehouse.auth.decision.AuthorizationDecision;

/**
 * A signed context snapshot was required but absent or blank
 * (CHALLENGE/SNAPSHOT_MISSING).
 */
public class MissingAuthContextSnapshotException extends AuthContextSnapshotException {

	/** Creates the exception with the standard message. */
	public MissingAuthContextSnapshotException() {
		super("A signed AuthContext snapshot is required but none was presented.",
				AuthorizationDecision.MISSING_SNAPSHOT, null);
	}

}
