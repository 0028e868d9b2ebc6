package dev.gatehouse.auth.authentication;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.context.CredentialCarrierLocation;
import dev.gatehouse.auth.decision.AuthException;
import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.AuthInvocation;
import dev.gatehouse.auth.spi.AuthenticationFailedException;
import dev.gatehouse.auth.spi.AuthenticationProviderUnavailableException;
import dev.gatehouse.auth.spi.Authenticator;

import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The one place the tests mint JWTs (with Nimbus), build bearer credentials, send them
 * over HTTP and check how a token was rejected, and that it leaked nowhere.
 */
public final class TestJwts {

	/** A call to authenticate against when the invocation does not matter. */
	public static final AuthInvocation INVOCATION = AuthInvocation.of("HTTP", "GET /documents");

	/** The one reason every invalid token is answered with, whatever check it failed. */
	public static final String INVALID_REASON = "The bearer token is invalid.";

	/** The challenge every invalid or expired token is answered with. */
	public static final String INVALID_TOKEN_CHALLENGE = "Bearer realm=\"gatehouse\", error=\"invalid_token\"";

	private static final SecureRandom random = new SecureRandom();

	private static final HttpClient client = HttpClient.newHttpClient();

	private TestJwts() {
	}

	public static byte[] randomSecret(int length) {
		byte[] secret = new byte[length];
		random.nextBytes(secret);
		return secret;
	}

	/**
	 * Claims of a valid token: subject alice, issued a minute ago, valid for ten more
	 * minutes.
	 */
	public static JWTClaimsSet.Builder validClaims() {
		return validClaims(Instant.now());
	}

	/**
	 * Claims of a token valid at the given time: issued a minute before, valid for ten
	 * more minutes.
	 */
	public static JWTClaimsSet.Builder validClaims(Instant now) {
		return new JWTClaimsSet.Builder().subject("alice")
			.issueTime(Date.from(now.minus(Duration.ofMinutes(1))))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(10))));
	}

	/** Claims of a token whose "exp" passed the given time ago. */
	public static JWTClaimsSet.Builder expiredClaims(Duration ago) {
		Instant expiry = Instant.now().minus(ago);
		return new JWTClaimsSet.Builder().subject("alice")
			.issueTime(Date.from(expiry.minus(Duration.ofMinutes(10))))
			.expirationTime(Date.from(expiry));
	}

	public static RSAKey rsaKey(String keyId) {
		try {
			return new RSAKeyGenerator(2048).keyID(keyId).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A P-256 key: much cheaper to generate than an RSA key, for tests that need many.
	 */
	public static ECKey ecKey(String keyId) {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String rs256(RSAKey key, JWTClaimsSet claims) {
		try {
			return sign(new RSASSASigner(key), JWSAlgorithm.RS256, key.getKeyID(), claims);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String es256(ECKey key, JWTClaimsSet claims) {
		try {
			return sign(new ECDSASigner(key), JWSAlgorithm.ES256, key.getKeyID(), claims);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String hs256(byte[] secret, JWTClaimsSet claims) {
		try {
			return sign(new MACSigner(secret), new JWSHeader.Builder(JWSAlgorithm.HS256).build(), claims);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Signs with a {@code typ: JWT} header naming the key id. */
	public static String sign(JWSSigner signer, JWSAlgorithm algorithm, String keyId, JWTClaimsSet claims) {
		return sign(signer, new JWSHeader.Builder(algorithm).keyID(keyId).type(JOSEObjectType.JWT).build(), claims);
	}

	public static String sign(JWSSigner signer, JWSHeader header, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(header, claims);
			jwt.sign(signer);
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** An unsecured token: header {"alg":"none"}, the claims, and an empty signature. */
	public static String unsigned(JWTClaimsSet claims) {
		return new PlainJWT(claims).serialize();
	}

	public static String base64Url(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	public static CredentialCarrier bearer(String token) {
		return new CredentialCarrier(CredentialCarrierKind.BEARER_TOKEN, CredentialCarrierLocation.AUTHORIZATION_HEADER,
				token, "Authorization", "Bearer");
	}

	/** Every message and string form in the exception's cause chain. */
	public static List<String> texts(Throwable failure) {
		List<String> texts = new ArrayList<>();
		for (Throwable current = failure; current != null; current = current.getCause()) {
			texts.add(String.valueOf(current.getMessage()));
			texts.add(current.toString());
		}
		return texts;
	}

	/**
	 * Asserts that the authenticator rejects the token with a CHALLENGE of the reason
	 * code, whose reason contains the fragment, and that the token appears in no message
	 * of the failure.
	 */
	public static AuthenticationFailedException assertRejected(CredentialAuthenticator authenticator, String token,
			AuthorizationReasonCode reasonCode, String reasonFragment) {
		return assertRejected((Authenticator) authenticator::authenticate, token, reasonCode, reasonFragment);
	}

	/**
	 * Asserts that the authenticator rejects the token with a CHALLENGE of the reason
	 * code, whose reason contains the fragment, and that the token appears in no message
	 * of the failure.
	 */
	public static AuthenticationFailedException assertRejected(Authenticator authenticator, String token,
			AuthorizationReasonCode reasonCode, String reasonFragment) {
		AuthenticationFailedException failure = catchThrowableOfType(AuthenticationFailedException.class,
				() -> authenticator.authenticate(bearer(token), INVOCATION));

		assertThat(failure).as("rejection").isNotNull();
		assertThat(failure.decision().state()).isEqualTo(AuthorizationDecisionState.CHALLENGE);
		assertThat(failure.decision().reasonCode()).isEqualTo(reasonCode);
		assertThat(failure.decision().reason()).contains(reasonFragment);
		assertThat(texts(failure)).noneMatch((text) -> text.contains(token));
		return failure;
	}

	/**
	 * Asserts that the authenticator rejects the token with the generic
	 * CHALLENGE/INVALID_CREDENTIAL answer, that the DEBUG line it wrote names the reason,
	 * and that neither the token nor any of its segments was logged. Needs the
	 * authenticator's logger at DEBUG ({@link JwtDebugLogging}).
	 */
	public static void assertRejectedFor(Authenticator authenticator, String token, String loggedReason,
			CapturedOutput output) {
		int start = output.getAll().length();
		AuthenticationFailedException failure = assertRejected(authenticator, token,
				AuthorizationReasonCode.INVALID_CREDENTIAL, "invalid");
		assertThat(failure.decision().reason()).isEqualTo(INVALID_REASON);
		String logged = output.getAll().substring(start);
		assertThat(logged).contains("Rejected a bearer token (INVALID_CREDENTIAL): ").contains(loggedReason);
		assertNotLogged(token, logged);
	}

	/**
	 * Asserts that
	 * {@link #assertRejectedFor(Authenticator, String, String, CapturedOutput)} holds for
	 * a credential authenticator.
	 */
	public static void assertRejectedFor(CredentialAuthenticator authenticator, String token, String loggedReason,
			CapturedOutput output) {
		assertRejectedFor((Authenticator) authenticator::authenticate, token, loggedReason, output);
	}

	/**
	 * Asserts that neither the token nor its signature, header or payload segment (when
	 * longer than a few characters) appears in the text.
	 */
	public static void assertNotLogged(String token, String text) {
		assertThat(text).doesNotContain(token);
		for (String segment : token.split("[.]")) {
			if (segment.length() > 8) {
				assertThat(text).doesNotContain(segment);
			}
		}
	}

	/**
	 * Asserts that the token was not judged because the keys could not be obtained, and
	 * leaked nowhere.
	 */
	public static void assertUnavailable(CredentialAuthenticator authenticator, String token) {
		AuthException failure = catchThrowableOfType(AuthException.class,
				() -> authenticator.authenticate(bearer(token), INVOCATION));

		assertThat(failure).isInstanceOf(AuthenticationProviderUnavailableException.class);
		assertThat(failure.decision().state()).isEqualTo(AuthorizationDecisionState.ERROR);
		assertThat(failure.decision().reasonCode())
			.isEqualTo(AuthorizationReasonCode.VERIFICATION_PROVIDER_UNAVAILABLE);
		assertThat(failure.getCause()).isNotNull();
		assertThat(texts(failure)).noneMatch((text) -> text.contains(token))
			.noneMatch((text) -> text.contains(token.substring(token.lastIndexOf('.') + 1)));
	}

	/**
	 * Sends {@code GET path} to the loopback server with the token as bearer credential.
	 */
	public static HttpResponse<String> get(int port, String path, String token) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Bearer " + token)
			.build();
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Asserts a 401 problem response with the invalid-token challenge and the reason
	 * code.
	 */
	public static void assertChallenged(HttpResponse<String> response, String reasonCode) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(INVALID_TOKEN_CHALLENGE);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(reasonCode(response)).isEqualTo(reasonCode);
		assertThat((String) JsonPath.read(response.body(), "$.state")).isEqualTo("CHALLENGE");
		assertThat((Integer) JsonPath.read(response.body(), "$.status")).isEqualTo(401);
	}

	public static String reasonCode(HttpResponse<String> response) {
		return JsonPath.read(response.body(), "$.reasonCode");
	}

}
