package dev.gatehouse.auth.snapshot;

import org.jspecify.annotations.Nullable;

/**
 * The signature algorithms a snapshot envelope may name, with their exact wire names.
 */
public enum SnapshotAlgorithm {

	/** HMAC-SHA256 with a shared secret of at least 32 bytes. */
	HS256("HS256", 32),

	/**
	 * Ed25519 (JDK EdDSA) with a private key for signing and a public key for verifying.
	 */
	ED25519("Ed25519", 64);

	private final String wireName;

	private final int signatureLength;

	SnapshotAlgorithm(String wireName, int signatureLength) {
		this.wireName = wireName;
		this.signatureLength = signatureLength;
	}

	/**
	 * Returns the name written into the envelope's {@code signature.algorithm} field.
	 * @return the wire name, for example {@code HS256}
	 */
	public String wireName() {
		return this.wireName;
	}

	int signatureLength() {
		return this.signatureLength;
	}

	/**
	 * Finds the algorithm with the given wire name (exact, case-sensitive match).
	 * @param wireName the name as written in an envelope or a property
	 * @return the algorithm, or {@code null} when the name is unknown (including
	 * {@code none})
	 */
	public static @Nullable SnapshotAlgorithm fromWireName(@Nullable String wireName) {
		for (SnapshotAlgorithm algorithm : values()) {
			if (algorithm.wireName.equals(wireName)) {
				return algorithm;
			}
		}
		return null;
	}

}
