package dev.gatehouse.auth.snapshot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Remembers envelopes whose (expensive) Ed25519 signature already verified, keyed by the
 * SHA-256 of the envelope, so a repeated snapshot skips decoding and the signature check.
 * An entry is never used after the snapshot's {@code expires_at}, and the map never grows
 * past its bound: when full it first drops expired entries, then arbitrary ones. A small
 * map of Gatehouse's own rather than Caffeine, so the cache costs no dependency; its only
 * job is a bounded, expiring lookup. Thread-safe.
 */
final class VerifiedSnapshotCache {

	private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is unavailable", ex);
		}
	});

	private final ConcurrentHashMap<Digest, Entry> entries = new ConcurrentHashMap<>();

	private final int maximumSize;

	VerifiedSnapshotCache(int maximumSize) {
		if (maximumSize < 1) {
			throw new IllegalArgumentException("maximumSize must be positive");
		}
		this.maximumSize = maximumSize;
	}

	static Digest digest(String envelope) {
		MessageDigest sha256 = SHA256.get();
		// An envelope that is not ASCII never verifies, so a lossy encoding of such input
		// cannot cause a hit.
		return new Digest(sha256.digest(envelope.getBytes(StandardCharsets.ISO_8859_1)));
	}

	SnapshotEnvelopeVerifier.@Nullable VerifiedEnvelope get(Digest digest, Instant now) {
		Entry entry = this.entries.get(digest);
		if (entry == null) {
			return null;
		}
		if (now.isAfter(entry.expiresAt)) {
			this.entries.remove(digest, entry);
			return null;
		}
		return entry.verified;
	}

	void put(Digest digest, SnapshotEnvelopeVerifier.VerifiedEnvelope verified, Instant expiresAt, Instant now) {
		if (this.entries.size() >= this.maximumSize) {
			evict(now);
		}
		this.entries.put(digest, new Entry(verified, expiresAt));
	}

	int size() {
		return this.entries.size();
	}

	private void evict(Instant now) {
		this.entries.values().removeIf((entry) -> now.isAfter(entry.expiresAt));
		Iterator<Digest> keys = this.entries.keySet().iterator();
		while (this.entries.size() >= this.maximumSize && keys.hasNext()) {
			keys.next();
			keys.remove();
		}
	}

	private record Entry(SnapshotEnvelopeVerifier.VerifiedEnvelope verified, Instant expiresAt) {
	}

	/**
	 * A SHA-256 digest with value equality.
	 */
	static final class Digest {

		private final byte[] bytes;

		private final int hash;

		Digest(byte[] bytes) {
			this.bytes = bytes;
			this.hash = Arrays.hashCode(bytes);
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof Digest digest && Arrays.equals(this.bytes, digest.bytes);
		}

		@Override
		public int hashCode() {
			return this.hash;
		}

	}

}
