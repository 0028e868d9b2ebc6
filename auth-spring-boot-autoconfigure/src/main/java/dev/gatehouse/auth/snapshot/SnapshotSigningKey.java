package dev.gatehouse.auth.snapshot;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Objects;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key a {@link SnapshotEnvelopeSigner} signs with: a key id, an algorithm and the
 * secret or private key. Thread-safe: each thread keeps its own initialised {@link Mac}
 * or {@link Signature}, so no provider lookup happens per call. {@link #toString()} never
 * shows key material.
 */
public final class SnapshotSigningKey {

	private final String keyId;

	private final SnapshotAlgorithm algorithm;

	private final Supplier<Mac> mac;

	private final ThreadLocal<Signature> signature;

	private SnapshotSigningKey(String keyId, SnapshotAlgorithm algorithm, Supplier<Mac> mac,
			ThreadLocal<Signature> signature) {
		this.keyId = SnapshotVerificationKey.requireKeyId(keyId);
		this.algorithm = algorithm;
		this.mac = mac;
		this.signature = signature;
	}

	/**
	 * Creates an HS256 signing key.
	 * @param keyId the key id written into envelopes
	 * @param secret the shared secret, at least 32 bytes
	 * @return the key
	 * @throws IllegalArgumentException when the secret is shorter than 32 bytes
	 */
	public static SnapshotSigningKey hs256(String keyId, byte[] secret) {
		Supplier<Mac> mac = SnapshotVerificationKey.hmac(secret);
		return new SnapshotSigningKey(keyId, SnapshotAlgorithm.HS256, mac, unused());
	}

	/**
	 * Creates an Ed25519 signing key.
	 * @param keyId the key id written into envelopes
	 * @param privateKey the Ed25519 private key
	 * @return the key
	 * @throws IllegalArgumentException when the key is not an Ed25519 private key
	 */
	public static SnapshotSigningKey ed25519(String keyId, PrivateKey privateKey) {
		Objects.requireNonNull(privateKey, "privateKey must not be null");
		Signature probe = SnapshotVerificationKey.newEd25519();
		try {
			probe.initSign(privateKey);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("the private key is not an Ed25519 key");
		}
		ThreadLocal<Signature> signature = ThreadLocal.withInitial(() -> {
			Signature signer = SnapshotVerificationKey.newEd25519();
			try {
				signer.initSign(privateKey);
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("Ed25519 signing is unavailable", ex);
			}
			return signer;
		});
		return new SnapshotSigningKey(keyId, SnapshotAlgorithm.ED25519, SnapshotVerificationKey.noMac(), signature);
	}

	private static <T> ThreadLocal<T> unused() {
		return ThreadLocal.withInitial(() -> {
			throw new IllegalStateException("not used by this algorithm");
		});
	}

	/**
	 * Returns the key id written into envelopes.
	 * @return the key id
	 */
	public String keyId() {
		return this.keyId;
	}

	/**
	 * Returns the algorithm.
	 * @return the algorithm
	 */
	public SnapshotAlgorithm algorithm() {
		return this.algorithm;
	}

	byte[] sign(byte[] input, int length) {
		if (this.algorithm == SnapshotAlgorithm.HS256) {
			Mac hmac = this.mac.get();
			hmac.update(input, 0, length);
			return hmac.doFinal();
		}
		try {
			Signature signer = this.signature.get();
			signer.update(input, 0, length);
			return signer.sign();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Ed25519 signing failed", ex);
		}
	}

	@Override
	public String toString() {
		return "SnapshotSigningKey[keyId=" + this.keyId + ", algorithm=" + this.algorithm.wireName()
				+ ", key=[REDACTED]]";
	}

	static Mac prototypeCopy(Mac prototype) {
		try {
			return (Mac) prototype.clone();
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException("the HmacSHA256 provider cannot clone", ex);
		}
	}

	static Mac initialisedMac(byte[] secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is unavailable", ex);
		}
	}

}
