package dev.gatehouse.benchmarks.filter;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.snapshot.SnapshotEnvelopeSigner;
import dev.gatehouse.auth.snapshot.SnapshotSigningKey;
import dev.gatehouse.auth.spi.SnapshotSignRequest;
import dev.gatehouse.benchmarks.http.HttpBenchmarkApplication;

/**
 * The credentials every stack of the filter benchmark is configured with and called with:
 * one API key (role REPORTER) and one HS256 key, with a JWT signed by it. Fixed, public
 * benchmark values, not secrets.
 */
final class FilterCredentials {

	/**
	 * The header that carries the API key, for Gatehouse and the Spring Security peer
	 * alike.
	 */
	static final String API_KEY_HEADER = HttpBenchmarkApplication.GATEHOUSE_KEY_HEADER;

	/** The API key presented by the API-key cases. */
	static final String API_KEY = HttpBenchmarkApplication.REPORTER_KEY;

	/** A well-formed key that no stack knows. */
	static final String UNKNOWN_API_KEY = "bench-unknown-key-00000000";

	/** The caller the API key and the JWT identify. */
	static final String SUBJECT = "reporter";

	/** The role of that caller. */
	static final String ROLE = "REPORTER";

	/** The scope the JWT grants. */
	static final String SCOPE = "reports:read";

	/** The issuer of {@link #resourceServerJwt()}. */
	static final String ISSUER = "https://idp.example/realms/bench";

	/** The scopes {@link #resourceServerJwt()} grants, as its {@code scope} claim. */
	static final String RESOURCE_SERVER_SCOPES = "reports.read reports.write openid";

	/** The roles of {@link #resourceServerJwt()}'s {@code roles} claim. */
	static final List<String> RESOURCE_SERVER_ROLES = List.of("REPORTER", "auditor");

	/** The request path of every case; the stacks do not route, so any path would do. */
	static final String PATH = "/reports/hello";

	/**
	 * The HS256 key: 32 fixed bytes, the shortest key Gatehouse and Nimbus accept for
	 * HS256.
	 */
	private static final byte[] HS256_KEY = "gatehouse-filter-benchmark-key-1".getBytes(StandardCharsets.US_ASCII);

	/** The header that carries a signed context snapshot (Gatehouse's default). */
	static final String SNAPSHOT_HEADER = "X-Auth-Context-Snapshot";

	/** The key id of the snapshot key shared by the signing and the verifying service. */
	static final String SNAPSHOT_KEY_ID = "bench-1";

	/**
	 * The audience the snapshot is signed for, the filter stack's verification audience.
	 */
	static final String SNAPSHOT_AUDIENCE = "filter-benchmark";

	/** The snapshot HS256 key: 32 fixed bytes, the shortest Gatehouse accepts. */
	private static final byte[] SNAPSHOT_KEY = "gatehouse-snapshot-bench-key-001".getBytes(StandardCharsets.US_ASCII);

	private FilterCredentials() {
	}

	/**
	 * Returns the snapshot key base64-encoded, as
	 * {@code gatehouse.snapshot.verification.keys.*.secret} takes it.
	 * @return the encoded key
	 */
	static String snapshotSecretBase64() {
		return Base64.getEncoder().encodeToString(SNAPSHOT_KEY);
	}

	/**
	 * Signs a snapshot for {@link #SUBJECT} with role {@link #ROLE} and scope
	 * {@link #SCOPE}, as an upstream service would, valid for 50 minutes (under the
	 * verifier's default one-hour maximum).
	 * @return the envelope
	 */
	static String snapshot() {
		SnapshotEnvelopeSigner signer = new SnapshotEnvelopeSigner(
				SnapshotSigningKey.hs256(SNAPSHOT_KEY_ID, SNAPSHOT_KEY), "upstream", Duration.ofMinutes(50), null,
				Clock.systemUTC());
		AuthContext caller = AuthContext.builder(SUBJECT)
			.issuer("https://idp.example")
			.roles(ROLE)
			.scopes(SCOPE)
			.correlationId("bench-correlation")
			.build();
		return signer.sign(new SnapshotSignRequest(caller, null, SNAPSHOT_AUDIENCE)).envelope();
	}

	/**
	 * Returns the HS256 key base64-encoded, as {@code gatehouse.jwt.secret} takes it.
	 * @return the encoded key
	 */
	static String hs256SecretBase64() {
		return Base64.getEncoder().encodeToString(HS256_KEY);
	}

	/**
	 * Returns the HS256 key as a JCA key, as {@code NimbusJwtDecoder.withSecretKey} takes
	 * it.
	 * @return the key
	 */
	static SecretKey hs256Key() {
		return new SecretKeySpec(HS256_KEY, "HmacSHA256");
	}

	/**
	 * Signs a JWT for {@link #SUBJECT} with role {@link #ROLE} and scope {@link #SCOPE},
	 * valid for a day from now.
	 * @return the compact JWS
	 */
	static String jwt() {
		return sign(HS256_KEY);
	}

	/**
	 * Signs the same claims with another key, so that every stack must refuse the token.
	 * @return the compact JWS
	 */
	static String jwtSignedWithAnotherKey() {
		byte[] other = HS256_KEY.clone();
		other[0] ^= 1;
		return sign(other);
	}

	/**
	 * Signs the kind of access token an identity provider issues to a user, as a resource
	 * server receives it: {@link #SUBJECT}, {@link #ISSUER}, three scopes, a roles claim,
	 * {@code email} and {@code preferred_username} (the claims Gatehouse copies by
	 * default), valid for a day from now, with the HS256 key.
	 * @return the compact JWS
	 */
	static String resourceServerJwt() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(SUBJECT)
			.issuer(ISSUER)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(1, ChronoUnit.DAYS)))
			.claim("scope", RESOURCE_SERVER_SCOPES)
			.claim("roles", RESOURCE_SERVER_ROLES)
			.claim("email", "reporter@example.com")
			.claim("preferred_username", SUBJECT)
			.build();
		return sign(claims, HS256_KEY);
	}

	private static String sign(byte[] key) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(SUBJECT)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(1, ChronoUnit.DAYS)))
			.claim("scope", SCOPE)
			.claim("roles", List.of(ROLE))
			.build();
		return sign(claims, key);
	}

	private static String sign(JWTClaimsSet claims, byte[] key) {
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
		try {
			jwt.sign(new MACSigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign the benchmark JWT", ex);
		}
		return jwt.serialize();
	}

}
