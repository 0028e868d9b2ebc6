package dev.gatehouse.auth.snapshot;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import javax.crypto.Mac;

import org.jspecify.annotations.Nullable;

/**
 * A key a {@link SnapshotEnvelopeVerifier} accepts: a key id, the one algorithm allowed
 * with it, the shared secret or public key and, for a key being retired, the instant
 * after which it is no longer accepted ({@link #withNotAfter(Instant)}) and, optionally,
 * the services allowed to sign with it ({@link #withServiceIds(Collection)}).
 * Thread-safe; {@link #toString()} never shows key material.
 */
public final class SnapshotVerificationKey {

	private final String keyId;

	private final SnapshotAlgorithm algorithm;

	private final Supplier<Mac> mac;

	private final ThreadLocal<Signature> signature;

	private final @Nullable Instant notAfter;

	private final Set<String> serviceIds;

	private SnapshotVerificationKey(String keyId, SnapshotAlgorithm algorithm, Supplier<Mac> mac,
			ThreadLocal<Signature> signature, @Nullable Instant notAfter, Set<String> serviceIds) {
		this.keyId = requireKeyId(keyId);
		this.algorithm = algorithm;
		this.mac = mac;
		this.signature = signature;
		this.notAfter = notAfter;
		this.serviceIds = serviceIds;
	}

	/**
	 * Creates an HS256 verification key.
	 * @param keyId the key id envelopes name
	 * @param secret the shared secret, at least 32 bytes
	 * @return the key
	 * @throws IllegalArgumentException when the secret is shorter than 32 bytes
	 */
	public static SnapshotVerificationKey hs256(String keyId, byte[] secret) {
		return new SnapshotVerificationKey(keyId, SnapshotAlgorithm.HS256, hmac(secret), unused(), null, Set.of());
	}

	/**
	 * Creates an Ed25519 verification key.
	 * @param keyId the key id envelopes name
	 * @param publicKey the Ed25519 public key
	 * @return the key
	 * @throws IllegalArgumentException when the key is not an Ed25519 public key
	 */
	public static SnapshotVerificationKey ed25519(String keyId, PublicKey publicKey) {
		Objects.requireNonNull(publicKey, "publicKey must not be null");
		try {
			newEd25519().initVerify(publicKey);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("the public key is not an Ed25519 key");
		}
		ThreadLocal<Signature> signature = ThreadLocal.withInitial(() -> {
			Signature verifier = newEd25519();
			try {
				verifier.initVerify(publicKey);
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("Ed25519 verification is unavailable", ex);
			}
			return verifier;
		});
		return new SnapshotVerificationKey(keyId, SnapshotAlgorithm.ED25519, noMac(), signature, null, Set.of());
	}

	/**
	 * Returns the key id.
	 * @return the key id
	 */
	public String keyId() {
		return this.keyId;
	}

	/**
	 * Returns this key accepted only until the given instant: envelopes that name it are
	 * refused as invalid afterwards, so a rotated-out key stops being trusted on a
	 * schedule rather than when the configuration is next changed.
	 * @param notAfter the last instant at which the key is accepted
	 * @return a key with the same id, algorithm and key material
	 */
	public SnapshotVerificationKey withNotAfter(Instant notAfter) {
		Objects.requireNonNull(notAfter, "notAfter must not be null");
		return new SnapshotVerificationKey(this.keyId, this.algorithm, this.mac, this.signature, notAfter,
				this.serviceIds);
	}

	/**
	 * Returns this key accepted only from the given signers: the last entry of an
	 * envelope's delegation chain (the service that signed it) must be one of them, so a
	 * service that holds the key cannot sign as another service.
	 * @param serviceIds the service ids allowed to sign with this key; empty allows any
	 * @return a key with the same id, algorithm, key material and not-after instant
	 */
	public SnapshotVerificationKey withServiceIds(Collection<String> serviceIds) {
		Objects.requireNonNull(serviceIds, "serviceIds must not be null");
		for (String serviceId : serviceIds) {
			if (serviceId == null || serviceId.isBlank()) {
				throw new IllegalArgumentException("serviceIds must not contain a blank service id");
			}
		}
		return new SnapshotVerificationKey(this.keyId, this.algorithm, this.mac, this.signature, this.notAfter,
				Set.copyOf(serviceIds));
	}

	/**
	 * Returns the services allowed to sign with this key.
	 * @return the service ids; empty when any signer is accepted
	 */
	public Set<String> serviceIds() {
		return this.serviceIds;
	}

	/**
	 * Returns the last instant at which this key is accepted.
	 * @return the instant, or {@code null} when the key does not expire
	 */
	public @Nullable Instant notAfter() {
		return this.notAfter;
	}

	/**
	 * Returns whether this key is accepted at the given instant.
	 * @param now the instant
	 * @return {@code false} once {@code now} is after {@link #notAfter()}
	 */
	public boolean isValidAt(Instant now) {
		return this.notAfter == null || !now.isAfter(this.notAfter);
	}

	/**
	 * Returns the only algorithm accepted with this key.
	 * @return the algorithm
	 */
	public SnapshotAlgorithm algorithm() {
		return this.algorithm;
	}

	/**
	 * Checks a signature over the given bytes without the range
	 * {@code [skipStart, skipEnd)}; HMACs are compared in constant time.
	 * @param input the bytes
	 * @param skipStart where the range left out of the signing input starts
	 * @param skipEnd where it ends
	 * @param length how many bytes to read in all
	 * @param signatureBytes the presented signature
	 * @return whether the signature is valid
	 */
	boolean verify(byte[] input, int skipStart, int skipEnd, int length, byte[] signatureBytes) {
		if (signatureBytes.length != this.algorithm.signatureLength()) {
			return false;
		}
		if (this.algorithm == SnapshotAlgorithm.HS256) {
			Mac hmac = this.mac.get();
			hmac.update(input, 0, skipStart);
			hmac.update(input, skipEnd, length - skipEnd);
			return MessageDigest.isEqual(hmac.doFinal(), signatureBytes);
		}
		Signature verifier = this.signature.get();
		try {
			verifier.update(input, 0, skipStart);
			verifier.update(input, skipEnd, length - skipEnd);
			return verifier.verify(signatureBytes);
		}
		catch (SignatureException ex) {
			// A malformed signature encoding is a bad signature, not a broken verifier.
			// The JDK leaves the
			// Signature reset after verify() either way.
			return false;
		}
	}

	@Override
	public String toString() {
		return "SnapshotVerificationKey[keyId=" + this.keyId + ", algorithm=" + this.algorithm.wireName()
				+ ((this.notAfter != null) ? ", notAfter=" + this.notAfter : "")
				+ (this.serviceIds.isEmpty() ? "" : ", serviceIds=" + new TreeSet<>(this.serviceIds))
				+ ", key=[REDACTED]]";
	}

	static String requireKeyId(String keyId) {
		Objects.requireNonNull(keyId, "keyId must not be null");
		if (keyId.isBlank()) {
			throw new IllegalArgumentException("keyId must not be blank");
		}
		return keyId;
	}

	static Supplier<Mac> hmac(byte[] secret) {
		Objects.requireNonNull(secret, "secret must not be null");
		if (secret.length < SnapshotKeyMaterial.MIN_SECRET_LENGTH) {
			throw new IllegalArgumentException(
					"an HS256 secret needs at least " + SnapshotKeyMaterial.MIN_SECRET_LENGTH + " bytes");
		}
		// One provider lookup and key schedule, then a copy of that prototype per call
		// instead of Mac.getInstance. Not one Mac per thread: a servlet container hands
		// requests to its (up to 200) worker threads in turn, so a per-thread Mac is
		// cold in the CPU caches on nearly every request, which measured slower in a
		// real server than copying a hot prototype (docs/benchmarks.md, HTTP).
		Mac prototype = SnapshotSigningKey.initialisedMac(secret.clone());
		return () -> SnapshotSigningKey.prototypeCopy(prototype);
	}

	static Supplier<Mac> noMac() {
		return () -> {
			throw new IllegalStateException("not used by this algorithm");
		};
	}

	static Signature newEd25519() {
		try {
			return Signature.getInstance("Ed25519");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("this JDK has no Ed25519 signature", ex);
		}
	}

	private static <T> ThreadLocal<T> unused() {
		return ThreadLocal.withInitial(() -> {
			throw new IllegalStateException("not used by this algorithm");
		});
	}

}
