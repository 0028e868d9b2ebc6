package dev.gatehouse.auth.spi;

/**
 * Port for {@link AuthCapability#SNAPSHOT_SIGN}: signs a context so it can travel to
 * another service instead of a raw bearer token.
 */
@FunctionalInterface
public interface SnapshotSigner {

	/**
	 * Signs a snapshot of the request's context.
	 * @param request the context and tenant to sign
	 * @return the signed snapshot
	 */
	AuthContextSnapshot sign(SnapshotSignRequest request);

}
