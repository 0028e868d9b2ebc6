package dev.gatehouse.auth.spi;

import dev.gatehouse.auth.context.AuthContext;

/**
 * Port for {@link AuthCapability#SNAPSHOT_VERIFY}: verifies a signed snapshot envelope
 * from another service and returns the context it carries.
 */
@FunctionalInterface
public interface SnapshotVerifier {

	/**
	 * Verifies an envelope.
	 * @param envelope the transport form of the snapshot
	 * @param invocation the call that carried it
	 * @return the verified context
	 * @throws dev.gatehouse.auth.error.AuthContextSnapshotException when the envelope is
	 * missing, invalid or expired, or the verifier itself fails
	 */
	AuthContext verify(String envelope, AuthInvocation invocation);

}
