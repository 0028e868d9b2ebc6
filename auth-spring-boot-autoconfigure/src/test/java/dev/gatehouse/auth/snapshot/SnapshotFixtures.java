package dev.gatehouse.auth.snapshot;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.spi.AuthInvocation;

/**
 * Keys, clocks and contexts shared by the snapshot tests. Test keys only: generated per
 * run, never committed.
 */
final class SnapshotFixtures {

	static final Instant NOW = Instant.parse("2026-05-15T01:02:03.123456Z");

	static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	static final AuthInvocation INVOCATION = AuthInvocation.of("TEST", "snapshot");

	static final KeyPair ED25519 = ed25519KeyPair();

	private SnapshotFixtures() {
	}

	static byte[] secret(int seed) {
		byte[] secret = new byte[32];
		Arrays.fill(secret, (byte) seed);
		return secret;
	}

	static KeyPair ed25519KeyPair() {
		try {
			return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static SnapshotEnvelopeSigner hs256Signer(String keyId, int seed, Clock clock) {
		return new SnapshotEnvelopeSigner(SnapshotSigningKey.hs256(keyId, secret(seed)), "service-a",
				Duration.ofMinutes(5), null, clock);
	}

	static SnapshotEnvelopeSigner ed25519Signer(String keyId, Clock clock) {
		return new SnapshotEnvelopeSigner(SnapshotSigningKey.ed25519(keyId, ED25519.getPrivate()), "service-a",
				Duration.ofMinutes(5), null, clock);
	}

	static SnapshotEnvelopeVerifier verifier(Clock clock, SnapshotVerificationKey... keys) {
		// Most tests sign without an audience; SnapshotAudienceTests covers the audience.
		return SnapshotEnvelopeVerifier.builder(List.of(keys)).clock(clock).requireAudience(false).build();
	}

	static AuthContext context(String subject) {
		return AuthContext.builder(subject)
			.displayName("Ünïcode 😀 " + subject)
			.issuer("https://idp.example")
			.tenant("tenant-1")
			.roles("role:admin", "role:user")
			.scopes("documents:read")
			.claim("email", subject + "@example.com")
			.claim("age", 42)
			.claim("ratio", 0.1)
			.claim("verified", true)
			.claim("manager", null)
			.build();
	}

}
