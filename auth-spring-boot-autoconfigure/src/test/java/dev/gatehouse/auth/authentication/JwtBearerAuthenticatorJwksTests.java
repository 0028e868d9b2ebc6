package dev.gatehouse.auth.authentication;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.error.AuthException;
import dev.gatehouse.auth.error.AuthenticationFailedException;
import dev.gatehouse.auth.error.AuthenticationProviderUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.gatehouse.auth.authentication.TestJwts.INVOCATION;
import static dev.gatehouse.auth.authentication.TestJwts.base64Url;
import static dev.gatehouse.auth.authentication.TestJwts.bearer;
import static dev.gatehouse.auth.authentication.TestJwts.expiredClaims;
import static dev.gatehouse.auth.authentication.TestJwts.validClaims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The JWT bearer authenticator with keys from a JWK set (RS256, ES256) or an issuer's discovery document, served
 * by a JDK HTTP server on loopback.
 */
class JwtBearerAuthenticatorJwksTests {

	private static RSAKey rsaKey;

	private static ECKey ecKey;

	private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

	private final Map<String, Response> responses = new ConcurrentHashMap<>();

	private HttpServer server;

	private String baseUri;

	@BeforeAll
	static void generateKeys() throws Exception {
		rsaKey = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
		ecKey = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
	}

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
		this.server.createContext("/", (exchange) -> {
			String path = exchange.getRequestURI().getPath();
			this.requests.computeIfAbsent(path, (key) -> new AtomicInteger()).incrementAndGet();
			Response response = this.responses.getOrDefault(path, new Response(404, "{}"));
			byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(response.status(), body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.start();
		this.baseUri = "http://127.0.0.1:" + this.server.getAddress().getPort();
		this.responses.put("/jwks",
				new Response(200, new JWKSet(List.of(rsaKey.toPublicJWK(), ecKey.toPublicJWK())).toString()));
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void authenticatesRs256TokenFromJwkSet() {
		JwtBearerAuthenticator authenticator = jwks().build();
		String token = rs256(validClaims().claim("roles", List.of("admin")).build());

		AuthContext context = authenticator.authenticate(bearer(token), INVOCATION);

		assertThat(context.subject().id()).isEqualTo("alice");
		assertThat(context.roles()).containsExactly("admin");
		assertThat(context.toString()).doesNotContain(token);
	}

	@Test
	void authenticatesEs256TokenFromJwkSet() throws Exception {
		JwtBearerAuthenticator authenticator = jwks().build();
		String token = TestJwts.sign(new ECDSASigner(ecKey), JWSAlgorithm.ES256, "ec-1", validClaims().build());

		assertThat(authenticator.authenticate(bearer(token), INVOCATION).subject().id()).isEqualTo("alice");
	}

	@Test
	void fetchesNothingUntilFirstTokenAndCachesJwkSet() {
		JwtBearerAuthenticator authenticator = jwks().build();
		assertThat(requestCount("/jwks")).isZero();

		authenticator.authenticate(bearer(rs256(validClaims().build())), INVOCATION);
		authenticator.authenticate(bearer(rs256(validClaims().subject("bob").build())), INVOCATION);

		assertThat(requestCount("/jwks")).isEqualTo(1);
	}

	@Test
	void rejectsExpiredToken() {
		String token = rs256(expiredClaims(Duration.ofMinutes(5)).build());

		assertRejected(jwks().build(), token, AuthorizationReasonCode.EXPIRED_CREDENTIAL, "expired");
	}

	@Test
	void rejectsTokenForWrongAudience() {
		JwtBearerAuthenticator authenticator = jwks().audiences(List.of("documents")).build();

		assertThat(authenticator.authenticate(bearer(rs256(validClaims().audience("documents").build())), INVOCATION)
			.subject()
			.id()).isEqualTo("alice");
		assertRejected(authenticator, rs256(validClaims().audience("billing").build()),
				AuthorizationReasonCode.INVALID_CREDENTIAL, "not meant for this service");
	}

	@Test
	void rejectsTokenFromWrongIssuer() {
		JwtBearerAuthenticator authenticator = jwks().issuer("https://idp.example").build();

		assertRejected(authenticator, rs256(validClaims().issuer("https://other.example").build()),
				AuthorizationReasonCode.INVALID_CREDENTIAL, "untrusted issuer");
		assertRejected(authenticator, rs256(validClaims().build()), AuthorizationReasonCode.INVALID_CREDENTIAL,
				"untrusted issuer");
	}

	@Test
	void rejectsTokenWithBadSignature() throws Exception {
		RSAKey impostor = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
		String token = TestJwts.sign(new RSASSASigner(impostor), JWSAlgorithm.RS256, "rsa-1", validClaims().build());

		assertRejected(jwks().build(), token, AuthorizationReasonCode.INVALID_CREDENTIAL, "invalid");
	}

	@Test
	void rejectsTokenWithUnknownKeyId() throws Exception {
		RSAKey unknown = new RSAKeyGenerator(2048).keyID("rsa-unknown").generate();
		String token = TestJwts.sign(new RSASSASigner(unknown), JWSAlgorithm.RS256, "rsa-unknown",
				validClaims().build());

		assertRejected(jwks().build(), token, AuthorizationReasonCode.INVALID_CREDENTIAL, "invalid");
	}

	@Test
	void rejectsUnsignedToken() {
		String token = base64Url("{\"alg\":\"none\",\"kid\":\"rsa-1\"}") + "."
				+ base64Url("{\"sub\":\"admin\",\"exp\":4102444800}") + ".";

		assertRejected(jwks().build(), token, AuthorizationReasonCode.INVALID_CREDENTIAL, "invalid");
	}

	@Test
	void rejectsHs256TokenKeyedWithThePublicKey() throws Exception {
		// The classic algorithm confusion attack: HMAC "signed" with the RSA public key an attacker can download.
		byte[] publicKey = rsaKey.toRSAPublicKey().getEncoded();
		String token = TestJwts.sign(new MACSigner(publicKey), new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1")
			.build(), validClaims().build());

		assertRejected(jwks().build(), token, AuthorizationReasonCode.INVALID_CREDENTIAL, "invalid");
	}

	@Test
	void rejectsRs512TokenWhenOnlyRs256AndEs256AreAccepted() throws Exception {
		String token = TestJwts.sign(new RSASSASigner(rsaKey), JWSAlgorithm.RS512, "rsa-1", validClaims().build());

		assertRejected(jwks().build(), token, AuthorizationReasonCode.INVALID_CREDENTIAL, "invalid");
	}

	@Test
	void rejectsTokenWithoutThreeSegmentsWithoutFetchingKeys() {
		assertRejected(jwks().build(), "abc.def", AuthorizationReasonCode.INVALID_CREDENTIAL, "malformed");
		assertThat(requestCount("/jwks")).isZero();
	}

	@Test
	void reportsProviderUnavailableWhenJwkSetEndpointIsDown() {
		JwtBearerAuthenticator authenticator = jwks().build();
		this.server.stop(0);

		assertUnavailable(authenticator, rs256(validClaims().build()));
	}

	@Test
	void reportsProviderUnavailableWhenJwkSetIsGarbage() {
		this.responses.put("/jwks", new Response(200, "<html>not a JWK set</html>"));

		assertUnavailable(jwks().build(), rs256(validClaims().build()));
	}

	@Test
	void reportsProviderUnavailableWhenJwkSetEndpointFails() {
		this.responses.put("/jwks", new Response(503, "{\"error\":\"maintenance\"}"));

		assertUnavailable(jwks().build(), rs256(validClaims().build()));
	}

	@Test
	void discoversJwkSetFromIssuerOnFirstToken() {
		this.responses.put("/.well-known/openid-configuration", new Response(200,
				"{\"issuer\":\"" + this.baseUri + "\",\"jwks_uri\":\"" + this.baseUri + "/jwks\"}"));
		JwtBearerAuthenticator authenticator = JwtBearerAuthenticator.withIssuerUri(this.baseUri).build();
		assertThat(this.requests).isEmpty();

		AuthContext context = authenticator.authenticate(bearer(rs256(validClaims().issuer(this.baseUri).build())),
				INVOCATION);

		assertThat(context.issuer()).isEqualTo(this.baseUri);
		assertThat(requestCount("/.well-known/openid-configuration")).isEqualTo(1);
		assertThat(requestCount("/jwks")).isEqualTo(1);
		assertRejected(authenticator, rs256(validClaims().issuer("https://other.example").build()),
				AuthorizationReasonCode.INVALID_CREDENTIAL, "untrusted issuer");
	}

	@Test
	void reportsProviderUnavailableWhileIssuerIsDownAndRecoversLater() {
		JwtBearerAuthenticator authenticator = JwtBearerAuthenticator.withIssuerUri(this.baseUri).build();
		String token = rs256(validClaims().issuer(this.baseUri).build());

		// No discovery document yet (404): the keys cannot be known, so the token is not judged.
		assertUnavailable(authenticator, token);

		this.responses.put("/.well-known/openid-configuration", new Response(200,
				"{\"issuer\":\"" + this.baseUri + "\",\"jwks_uri\":\"" + this.baseUri + "/jwks\"}"));
		assertThat(authenticator.authenticate(bearer(token), INVOCATION).subject().id()).isEqualTo("alice");
	}

	@Test
	void refusesIssuerAndJwkSetUrisThatAreNotHttp() {
		assertThat(catchThrowableOfType(IllegalArgumentException.class,
				() -> JwtBearerAuthenticator.withJwkSetUri("file:///etc/jwks.json")))
			.hasMessageContaining("absolute http or https URI");
		assertThat(catchThrowableOfType(IllegalArgumentException.class,
				() -> JwtBearerAuthenticator.withIssuerUri("not a uri")))
			.hasMessageContaining("absolute http or https URI");
	}

	private JwtBearerAuthenticator.Builder jwks() {
		return JwtBearerAuthenticator.withJwkSetUri(this.baseUri + "/jwks");
	}

	private int requestCount(String path) {
		AtomicInteger count = this.requests.get(path);
		return (count != null) ? count.get() : 0;
	}

	private static String rs256(JWTClaimsSet claims) {
		try {
			return TestJwts.sign(new RSASSASigner(rsaKey), JWSAlgorithm.RS256, "rsa-1", claims);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void assertRejected(JwtBearerAuthenticator authenticator, String token,
			AuthorizationReasonCode reasonCode, String reasonFragment) {
		AuthenticationFailedException failure = catchThrowableOfType(AuthenticationFailedException.class,
				() -> authenticator.authenticate(bearer(token), INVOCATION));

		assertThat(failure).as("rejection").isNotNull();
		assertThat(failure.decision().state()).isEqualTo(AuthorizationDecisionState.CHALLENGE);
		assertThat(failure.decision().reasonCode()).isEqualTo(reasonCode);
		assertThat(failure.decision().reason()).contains(reasonFragment);
		assertThat(TestJwts.texts(failure)).noneMatch((text) -> text.contains(token));
	}

	private static void assertUnavailable(JwtBearerAuthenticator authenticator, String token) {
		AuthException failure = catchThrowableOfType(AuthException.class,
				() -> authenticator.authenticate(bearer(token), INVOCATION));

		assertThat(failure).isInstanceOf(AuthenticationProviderUnavailableException.class);
		assertThat(failure.decision().state()).isEqualTo(AuthorizationDecisionState.ERROR);
		assertThat(failure.decision().reasonCode())
			.isEqualTo(AuthorizationReasonCode.VERIFICATION_PROVIDER_UNAVAILABLE);
		assertThat(failure.getCause()).isNotNull();
		assertThat(TestJwts.texts(failure)).noneMatch((text) -> text.contains(token))
			.noneMatch((text) -> text.contains(token.substring(token.lastIndexOf('.') + 1)));
	}

	private record Response(int status, String body) {
	}

}
