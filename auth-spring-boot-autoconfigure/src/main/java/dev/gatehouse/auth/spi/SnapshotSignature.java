package dev.gatehouse.auth.spi;

import java.util.Objects;

/**
 * The signature block of a snapshot envelope.
 *
 * @param keyId the id of the key that signed, which the verifier must know
 * @param algorithm the algorithm ({@code HS256} or {@code Ed25519}); must match the key's
 * @param signature the signature bytes, base64url without padding
 */
public record SnapshotSignature(String keyId, String algorithm, String signature) {

	public SnapshotSignature {
		Objects.requireNonNull(keyId, "keyId must not be null");
		Objects.requireNonNull(algorithm, "algorithm must not be null");
		Objects.requireNonNull(signature, "signature must not be null");
	}

}
