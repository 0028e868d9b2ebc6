package dev.gatehouse.benchmarks.snapshot;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.snapshot.SnapshotEnvelopeSigner;
import dev.gatehouse.auth.snapshot.SnapshotEnvelopeVerifier;
import dev.gatehouse.auth.snapshot.SnapshotSigningKey;
import dev.gatehouse.auth.snapshot.SnapshotVerificationKey;
import dev.gatehouse.auth.spi.AuthContextSnapshot;
import dev.gatehouse.auth.spi.AuthInvocation;
import dev.gatehouse.auth.spi.SnapshotSignRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signing and verifying snapshots. Every verification benchmark runs the whole path a
 * receiving service pays for: decode, signature check, parse, time checks and the
 * {@link AuthContext} built. The peer, {@link #nimbusHs256VerifyAndParse}, verifies a
 * compact JWS carrying the same claims with Nimbus JOSE+JWT's {@code MACVerifier} and
 * reads them back; {@link #rawHmacFloor} is one {@code Mac.doFinal} over the snapshot's
 * signing input, the least any HS256 verification can cost.
 *
 * <p>
 * Published numbers: {@code -f 1 -wi 5 -i 5 -w 1s -r 1s -prof gc} (see
 * {@code docs/benchmarks.md}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class SnapshotBenchmarks {

	private static final Instant NOW = Instant.parse("2026-05-15T01:02:03.123456Z");

	private static final AuthInvocation INVOCATION = AuthInvocation.of("HTTP", "GET /documents");

	/** The audience every envelope is signed for and every verifier accepts. */
	private static final String AUDIENCE = "documents";

	private final byte[] secret = "0123456789abcdef0123456789abcdef-benchmark".getBytes(StandardCharsets.US_ASCII);

	private SnapshotEnvelopeSigner hs256Signer;

	private SnapshotEnvelopeVerifier hs256Verifier;

	private SnapshotEnvelopeSigner ed25519Signer;

	private SnapshotEnvelopeVerifier ed25519ColdVerifier;

	private SnapshotEnvelopeVerifier ed25519CachedVerifier;

	private SnapshotSignRequest request;

	private String hs256Envelope;

	private String ed25519Envelope;

	private byte[] signingInput;

	private Mac mac;

	private String jws;

	private MACVerifier nimbusVerifier;

	/** Builds signers, verifiers and the envelopes and token they verify. */
	@Setup
	public void setUp() throws GeneralSecurityException, JOSEException {
		Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
		KeyPair ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		this.hs256Signer = new SnapshotEnvelopeSigner(SnapshotSigningKey.hs256("hs", this.secret), "gateway",
				Duration.ofMinutes(5), null, clock);
		this.hs256Verifier = SnapshotEnvelopeVerifier.builder(List.of(SnapshotVerificationKey.hs256("hs", this.secret)))
			.clock(clock)
			.audiences(List.of(AUDIENCE))
			.build();
		this.ed25519Signer = new SnapshotEnvelopeSigner(SnapshotSigningKey.ed25519("ed", ed25519.getPrivate()),
				"gateway", Duration.ofMinutes(5), null, clock);
		List<SnapshotVerificationKey> edKeys = List.of(SnapshotVerificationKey.ed25519("ed", ed25519.getPublic()));
		this.ed25519ColdVerifier = SnapshotEnvelopeVerifier.builder(edKeys)
			.clock(clock)
			.audiences(List.of(AUDIENCE))
			.cacheSize(0)
			.build();
		this.ed25519CachedVerifier = SnapshotEnvelopeVerifier.builder(edKeys)
			.clock(clock)
			.audiences(List.of(AUDIENCE))
			.build();

		AuthContext context = AuthContext.builder("user-1")
			.displayName("User One")
			.issuer("https://idp.example")
			.tenant("tenant-1")
			.roles("role:admin", "role:user")
			.scopes("documents:read", "documents:write")
			.claim("email", "user@example.com")
			.claim("age", 42)
			.correlationId("3f2b9c4e-8a71-4d0e-9b5a-2c6d7e8f9a0b")
			.build();
		this.request = new SnapshotSignRequest(context, null, AUDIENCE);
		AuthContextSnapshot hs256 = this.hs256Signer.sign(this.request);
		this.hs256Envelope = hs256.envelope();
		this.signingInput = hs256.signingInput().getBytes(StandardCharsets.US_ASCII);
		this.ed25519Envelope = this.ed25519Signer.sign(this.request).envelope();

		this.mac = Mac.getInstance("HmacSHA256");
		this.mac.init(new SecretKeySpec(this.secret, "HmacSHA256"));

		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("user-1")
			.claim("name", "User One")
			.issuer("https://idp.example")
			.claim("tenant", "tenant-1")
			.claim("roles", List.of("role:admin", "role:user"))
			.claim("scope", "documents:read documents:write")
			.claim("email", "user@example.com")
			.claim("age", 42)
			.claim("correlation_id", "3f2b9c4e-8a71-4d0e-9b5a-2c6d7e8f9a0b")
			.claim("delegation_chain", List.of("gateway"))
			.issueTime(Date.from(NOW))
			.expirationTime(Date.from(NOW.plusSeconds(300)))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("hs").build(), claims);
		jwt.sign(new MACSigner(this.secret));
		this.jws = jwt.serialize();
		this.nimbusVerifier = new MACVerifier(this.secret);
		// Every path must work before it is measured.
		if (!"user-1".equals(hs256Verify().subject().id()) || !"user-1".equals(ed25519VerifyCold().subject().id())
				|| !"user-1".equals(nimbusHs256VerifyAndParse().subject().id())) {
			throw new IllegalStateException("a benchmarked path does not verify");
		}
	}

	/** HS256: sign a context into an envelope. */
	@Benchmark
	public String hs256Sign() {
		return this.hs256Signer.sign(this.request).envelope();
	}

	/** HS256: verify an envelope and build the context (the whole path). */
	@Benchmark
	public AuthContext hs256Verify() {
		return this.hs256Verifier.verify(this.hs256Envelope, INVOCATION);
	}

	/** Ed25519: sign a context into an envelope. */
	@Benchmark
	public String ed25519Sign() {
		return this.ed25519Signer.sign(this.request).envelope();
	}

	/** Ed25519: verify without the cache (every envelope new). */
	@Benchmark
	public AuthContext ed25519VerifyCold() {
		return this.ed25519ColdVerifier.verify(this.ed25519Envelope, INVOCATION);
	}

	/** Ed25519: verify an envelope seen before (cache hit). */
	@Benchmark
	public AuthContext ed25519VerifyCached() {
		return this.ed25519CachedVerifier.verify(this.ed25519Envelope, INVOCATION);
	}

	/**
	 * The peer: parse and verify a compact HS256 JWS with the same claims, check its
	 * expiry and build the same context from its claims.
	 */
	@Benchmark
	public AuthContext nimbusHs256VerifyAndParse() {
		try {
			SignedJWT jwt = SignedJWT.parse(this.jws);
			if (!jwt.verify(this.nimbusVerifier)) {
				throw new IllegalStateException("bad signature");
			}
			JWTClaimsSet claims = jwt.getJWTClaimsSet();
			if (claims.getExpirationTime().toInstant().isBefore(NOW)) {
				throw new IllegalStateException("expired");
			}
			return AuthContext.builder(claims.getSubject())
				.displayName(claims.getStringClaim("name"))
				.issuer(claims.getIssuer())
				.tenant(claims.getStringClaim("tenant"))
				.roles(claims.getStringListClaim("roles"))
				.scopes(List.of(claims.getStringClaim("scope").split(" ")))
				.claim("email", claims.getStringClaim("email"))
				.claim("age", claims.getLongClaim("age"))
				.correlationId(claims.getStringClaim("correlation_id"))
				.delegationChain(claims.getStringListClaim("delegation_chain"))
				.build();
		}
		catch (ParseException | JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The floor: one HMAC-SHA256 over the snapshot's signing input with an initialised
	 * Mac.
	 */
	@Benchmark
	public byte[] rawHmacFloor() {
		return this.mac.doFinal(this.signingInput);
	}

}
