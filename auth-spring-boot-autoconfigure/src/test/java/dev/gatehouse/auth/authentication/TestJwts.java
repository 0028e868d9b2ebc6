package dev.gatehouse.auth.authentication;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.context.CredentialCarrierLocation;
import dev.gatehouse.auth.spi.AuthInvocation;

/**
 * Mints JWTs for the tests with Nimbus, and checks that a token leaks nowhere.
 */
final class TestJwts {

	static final AuthInvocation INVOCATION = AuthInvocation.of("HTTP", "GET /documents");

	private static final SecureRandom random = new SecureRandom();

	private TestJwts() {
	}

	static byte[] randomSecret(int length) {
		byte[] secret = new byte[length];
		random.nextBytes(secret);
		return secret;
	}

	/** Claims of a valid token: subject, issued a minute ago, valid for ten more minutes. */
	static JWTClaimsSet.Builder validClaims() {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().subject("alice")
			.issueTime(Date.from(now.minus(Duration.ofMinutes(1))))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(10))));
	}

	/** Claims of a token whose "exp" passed the given time ago. */
	static JWTClaimsSet.Builder expiredClaims(Duration ago) {
		Instant expiry = Instant.now().minus(ago);
		return new JWTClaimsSet.Builder().subject("alice")
			.issueTime(Date.from(expiry.minus(Duration.ofMinutes(10))))
			.expirationTime(Date.from(expiry));
	}

	static String sign(JWSSigner signer, JWSAlgorithm algorithm, String keyId, JWTClaimsSet claims) {
		return sign(signer, new JWSHeader.Builder(algorithm).keyID(keyId).type(JOSEObjectType.JWT).build(), claims);
	}

	static String sign(JWSSigner signer, JWSHeader header, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(header, claims);
			jwt.sign(signer);
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String hs256(byte[] secret, JWTClaimsSet claims) {
		try {
			return sign(new MACSigner(secret), new JWSHeader.Builder(JWSAlgorithm.HS256).build(), claims);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** An unsecured token: header {"alg":"none"}, the claims, and an empty signature. */
	static String unsigned(JWTClaimsSet claims) {
		return new PlainJWT(claims).serialize();
	}

	static String base64Url(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	static CredentialCarrier bearer(String token) {
		return new CredentialCarrier(CredentialCarrierKind.BEARER_TOKEN, CredentialCarrierLocation.AUTHORIZATION_HEADER,
				token, "Authorization", "Bearer");
	}

	/** Every message and string form in the exception's cause chain. */
	static List<String> texts(Throwable failure) {
		List<String> texts = new ArrayList<>();
		for (Throwable current = failure; current != null; current = current.getCause()) {
			texts.add(String.valueOf(current.getMessage()));
			texts.add(current.toString());
		}
		return texts;
	}

}
