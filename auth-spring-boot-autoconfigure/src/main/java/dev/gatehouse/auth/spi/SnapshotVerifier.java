package dev.gatehouse.auth.spi;

import dev.gatehouse.auth.context.AuthContext;

/**
 * Port for {@link AuthCapability#SNAPSHOT_VERIFY}: verifies a signed snapshot envelope
 * from another service and returns the context it carries.
 *
 * <p>
 * The audience a snapshot must be for travels in the invocation: a message boundary puts
 * the destination the message arrived from ({@code kafka:<topic>},
 * {@code channel:<bean name>}) under {@link #AUDIENCE_ATTRIBUTE}, and the envelope's
 * {@code aud} must then be exactly that; without the attribute (every HTTP request) the
 * {@code aud} must be one of this service's own audiences
 * ({@code gatehouse.snapshot.verification.audiences}). A verifier never takes the
 * expected audience from anything the caller sent.
 */
@FunctionalInterface
public interface SnapshotVerifier {

	/**
	 * The {@link AuthInvocation#attributes() invocation attribute} naming the one
	 * audience an envelope must carry, set by message boundaries to the destination the
	 * message arrived from.
	 */
	String AUDIENCE_ATTRIBUTE = "gatehouse.snapshot.audience";

	/**
	 * Verifies an envelope.
	 * @param envelope the transport form of the snapshot
	 * @param invocation the call that carried it; its {@link #AUDIENCE_ATTRIBUTE}, when
	 * present, is the audience the envelope must be for
	 * @return the verified context
	 * @throws dev.gatehouse.auth.snapshot.AuthContextSnapshotException when the envelope
	 * is missing, invalid, expired or for another audience, or the verifier itself fails
	 */
	AuthContext verify(String envelope, AuthInvocation invocation);

}
