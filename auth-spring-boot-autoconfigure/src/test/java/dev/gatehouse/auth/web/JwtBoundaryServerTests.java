package dev.gatehouse.auth.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.auth.authentication.CompositeAuthenticator;
import dev.gatehouse.auth.authentication.JwtBearerAuthenticator;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.spi.AuthCapability;
import dev.gatehouse.auth.spi.Authenticator;
import dev.gatehouse.auth.startup.AuthCapabilityReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JWT bearer tokens through the real HTTP stack: an embedded Tomcat on a random loopback port, the
 * auto-configured {@link JwtBearerAuthenticator} as the only credential handler, driven by the JDK
 * {@link HttpClient}. One application per key source: an HS256 shared secret, and RS256 keys from a JWK set served
 * by a JDK HTTP server on loopback (once reachable throughout, once going down while the application runs).
 *
 * <p>Every rejected token is checked to appear nowhere in the response or the log, with Gatehouse logging at
 * DEBUG so that its rejection messages are actually written.
 */
@ExtendWith(OutputCaptureExtension.class)
class JwtBoundaryServerTests {

	private static final String AUDIENCE = "documents-api";

	private static final String ISSUER = "https://idp.gatehouse.test";

	private static final String INVALID_TOKEN_CHALLENGE = "Bearer realm=\"gatehouse\", error=\"invalid_token\"";

	private static final SecureRandom random = new SecureRandom();

	private static final HttpClient client = HttpClient.newHttpClient();

	@Nested
	@SpringBootTest(classes = JwtBoundaryTestApplication.class,
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "server.address=127.0.0.1", "logging.level.dev.gatehouse=DEBUG",
					"gatehouse.jwt.audiences=" + AUDIENCE, "gatehouse.jwt.clock-skew=30s" })
	// No issuer check here: gatehouse.jwt.issuer-uri cannot be combined with a secret, so the wrong-issuer case
	// is shown with the JWK set below.
	class SharedSecret {

		private static final byte[] SECRET = randomBytes(32);

		@LocalServerPort
		private int port;

		@Autowired
		private ApplicationContext context;

		@DynamicPropertySource
		static void secret(DynamicPropertyRegistry registry) {
			registry.add("gatehouse.jwt.secret", () -> Base64.getEncoder().encodeToString(SECRET));
		}

		@Test
		void authenticatesThroughOneCompositeBuiltFromTheJwtHandler() {
			assertOnlyJwtAuthenticator(this.context);
		}

		@Test
		void answersValidTokenWithSubjectAndClaimsVisibleToHandler() throws Exception {
			String token = hs256(validClaims().claim("name", "Alice Liddell")
				.claim("tenant", "wonderland")
				.claim("roles", List.of("ADMIN", "READER"))
				.claim("scope", "reports:read documents:write")
				.claim("email", "alice@example.test")
				.build());

			HttpResponse<String> me = get(this.port, "/me", token);

			assertThat(me.statusCode()).isEqualTo(200);
			Map<String, Object> body = JsonPath.read(me.body(), "$");
			assertThat(body).containsEntry("subject", "alice")
				.containsEntry("displayName", "Alice Liddell")
				.containsEntry("tenant", "wonderland")
				.containsEntry("roles", List.of("ADMIN", "READER"))
				.containsEntry("scopes", List.of("reports:read", "documents:write"))
				.containsEntry("email", "alice@example.test")
				.containsEntry("issuer", null);
			assertThat(me.body()).doesNotContain(token);
			assertThat(get(this.port, "/admin", token)).satisfies(ok("admin for alice"));
			assertThat(get(this.port, "/reports", token)).satisfies(ok("reports for alice"));
		}

		@Test
		void deniesTokenWithoutRole(CapturedOutput output) throws Exception {
			String token = hs256(validClaims().claim("roles", List.of("READER")).build());

			HttpResponse<String> response = get(this.port, "/admin", token);

			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
			assertThat(reasonCode(response)).isEqualTo("INSUFFICIENT_ROLE");
			assertThat((String) JsonPath.read(response.body(), "$.state")).isEqualTo("DENY");
			assertTokenNotLeaked(token, response, output);
		}

		@Test
		void deniesTokenWithoutScopeWithInsufficientScopeChallenge(CapturedOutput output) throws Exception {
			String token = hs256(validClaims().claim("scope", "documents:read").build());

			HttpResponse<String> response = get(this.port, "/reports", token);

			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
					(challenge) -> assertThat(challenge).contains("error=\"insufficient_scope\""));
			assertThat(reasonCode(response)).isEqualTo("INSUFFICIENT_SCOPE");
			assertTokenNotLeaked(token, response, output);
		}

		@Test
		void challengesTokenExpiredBeyondClockSkewAsExpired(CapturedOutput output) throws Exception {
			String token = hs256(expiredClaims(Duration.ofMinutes(2)).build());

			HttpResponse<String> response = get(this.port, "/me", token);

			assertChallenged(response, "EXPIRED_CREDENTIAL");
			assertTokenNotLeaked(token, response, output);
		}

		@Test
		void acceptsTokenExpiredWithinClockSkew() throws Exception {
			// gatehouse.jwt.clock-skew=30s: a token that expired 5 seconds ago is still honoured.
			String token = hs256(expiredClaims(Duration.ofSeconds(5)).claim("scope", "reports:read").build());

			assertThat(get(this.port, "/reports", token)).satisfies(ok("reports for alice"));
		}

		@Test
		void challengesTokenWithBadSignature(CapturedOutput output) throws Exception {
			String token = sign(new MACSigner(randomBytes(32)), new JWSHeader(JWSAlgorithm.HS256),
					validClaims().build());

			assertRejectedAsInvalid(this.port, token, output);
		}

		@Test
		void challengesTokenForWrongAudience(CapturedOutput output) throws Exception {
			assertRejectedAsInvalid(this.port, hs256(validClaims().audience("billing-api").build()), output);
			assertRejectedAsInvalid(this.port, hs256(validClaims().audience(List.of()).build()), output);
		}

		@Test
		void challengesUnsignedToken(CapturedOutput output) throws Exception {
			assertRejectedAsInvalid(this.port, new PlainJWT(validClaims().build()).serialize(), output);
		}

		@Test
		void challengesTokenThatIsNotThreeSegments(CapturedOutput output) throws Exception {
			String token = hs256(validClaims().build());
			String twoSegments = token.substring(0, token.lastIndexOf('.'));

			assertRejectedAsInvalid(this.port, twoSegments, output);
			assertRejectedAsInvalid(this.port, token + "." + base64Url("{\"extra\":true}"), output);
			assertRejectedAsInvalid(this.port, base64Url("{\"sub\":\"alice\",\"secret\":\"" + token + "\"}"),
					output);
		}

		@Test
		void answersPublicEndpointWhateverTheToken(CapturedOutput output) throws Exception {
			assertThat(get(this.port, "/public/whoami", hs256(validClaims().build()))).satisfies(ok("alice"));
			String expired = hs256(expiredClaims(Duration.ofHours(1)).build());
			String forged = sign(new MACSigner(randomBytes(32)), new JWSHeader(JWSAlgorithm.HS256),
					validClaims().build());
			String unsigned = new PlainJWT(validClaims().build()).serialize();
			for (String token : List.of(expired, forged, unsigned, "not-a-jwt")) {
				HttpResponse<String> response = get(this.port, "/public/whoami", token);
				assertThat(response).as(token).satisfies(ok("<none>"));
				assertThat(output).doesNotContain(token);
			}
		}

		private String hs256(JWTClaimsSet claims) {
			try {
				return sign(new MACSigner(SECRET), new JWSHeader(JWSAlgorithm.HS256), claims);
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	@Nested
	@SpringBootTest(classes = JwtBoundaryTestApplication.class,
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "server.address=127.0.0.1", "logging.level.dev.gatehouse=DEBUG",
					"gatehouse.jwt.issuer-uri=" + ISSUER, "gatehouse.jwt.audiences=" + AUDIENCE,
					"gatehouse.jwt.roles-claim=realm_access.roles" })
	class RsaJwkSet {

		private static RSAKey key;

		private static JwkSetServer jwks;

		@LocalServerPort
		private int port;

		@Autowired
		private ApplicationContext context;

		@BeforeAll
		static void startJwkSetServer() throws Exception {
			key = rsaKey("rsa-1");
			jwks = JwkSetServer.start(key);
		}

		@AfterAll
		static void stopJwkSetServer() {
			jwks.stop();
		}

		@DynamicPropertySource
		static void jwkSetUri(DynamicPropertyRegistry registry) {
			registry.add("gatehouse.jwt.jwk-set-uri", () -> jwks.uri());
		}

		@Test
		void authenticatesThroughOneCompositeBuiltFromTheJwtHandler() {
			assertOnlyJwtAuthenticator(this.context);
		}

		@Test
		void answersValidTokenWithSubjectAndRolesFromNestedClaim() throws Exception {
			String token = rs256(key, validClaims().issuer(ISSUER)
				.claim("realm_access", Map.of("roles", List.of("ADMIN")))
				.claim("scp", List.of("reports:read"))
				.build());

			HttpResponse<String> me = get(this.port, "/me", token);

			assertThat(me.statusCode()).isEqualTo(200);
			Map<String, Object> body = JsonPath.read(me.body(), "$");
			assertThat(body).containsEntry("subject", "alice")
				.containsEntry("issuer", ISSUER)
				.containsEntry("roles", List.of("ADMIN"))
				.containsEntry("scopes", List.of("reports:read"));
			assertThat(get(this.port, "/admin", token)).satisfies(ok("admin for alice"));
			assertThat(get(this.port, "/reports", token)).satisfies(ok("reports for alice"));
		}

		@Test
		void challengesTokenSignedWithUnknownKeyId(CapturedOutput output) throws Exception {
			String token = rs256(rsaKey("rsa-unknown"), validClaims().issuer(ISSUER).build());

			assertRejectedAsInvalid(this.port, token, output);
		}

		@Test
		void challengesTokenSignedWithAnotherKeyUnderTheKnownKeyId(CapturedOutput output) throws Exception {
			String token = rs256(rsaKey("rsa-1"), validClaims().issuer(ISSUER).build());

			assertRejectedAsInvalid(this.port, token, output);
		}

		@Test
		void challengesTokenFromWrongIssuer(CapturedOutput output) throws Exception {
			assertRejectedAsInvalid(this.port, rs256(key, validClaims().issuer("https://evil.test").build()),
					output);
			assertRejectedAsInvalid(this.port, rs256(key, validClaims().build()), output);
		}

		@Test
		void challengesTokenForWrongAudience(CapturedOutput output) throws Exception {
			assertRejectedAsInvalid(this.port,
					rs256(key, validClaims().issuer(ISSUER).audience("billing-api").build()), output);
		}

		@Test
		void challengesExpiredTokenAsExpired(CapturedOutput output) throws Exception {
			String token = rs256(key, expiredClaims(Duration.ofMinutes(5)).issuer(ISSUER).build());

			HttpResponse<String> response = get(this.port, "/me", token);

			assertChallenged(response, "EXPIRED_CREDENTIAL");
			assertTokenNotLeaked(token, response, output);
		}

		@Test
		void challengesUnsignedTokenNamingAKnownKeyId(CapturedOutput output) throws Exception {
			String token = base64Url("{\"alg\":\"none\",\"kid\":\"rsa-1\"}") + "."
					+ base64Url("{\"sub\":\"admin\",\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE
							+ "\",\"exp\":4102444800}")
					+ ".";

			assertRejectedAsInvalid(this.port, token, output);
		}

	}

	@Nested
	@SpringBootTest(classes = JwtBoundaryTestApplication.class,
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "server.address=127.0.0.1", "logging.level.dev.gatehouse=DEBUG",
					"gatehouse.jwt.audiences=" + AUDIENCE })
	class UnreachableJwkSet {

		private static RSAKey key;

		private static JwkSetServer jwks;

		@LocalServerPort
		private int port;

		@Autowired
		private ApplicationContext context;

		@BeforeAll
		static void startJwkSetServer() throws Exception {
			key = rsaKey("rsa-1");
			jwks = JwkSetServer.start(key);
		}

		@AfterAll
		static void stopJwkSetServer() {
			jwks.stop();
		}

		@DynamicPropertySource
		static void jwkSetUri(DynamicPropertyRegistry registry) {
			registry.add("gatehouse.jwt.jwk-set-uri", () -> jwks.uri());
		}

		@Test
		void answersTokenWithUncachedKeyIdWith503WhileJwkSetIsDown(CapturedOutput output) throws Exception {
			assertOnlyJwtAuthenticator(this.context);
			// The application started without asking the identity provider for anything.
			assertThat(jwks.requests()).isZero();
			assertThat(get(this.port, "/me", rs256(key, validClaims().build())).statusCode()).isEqualTo(200);
			assertThat(jwks.requests()).isEqualTo(1);

			jwks.stop();
			// A key id that is not cached makes the decoder fetch the JWK set again, which now fails.
			String token = rs256(rsaKey("rsa-2"), validClaims().build());
			HttpResponse<String> response = get(this.port, "/me", token);

			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
			assertThat(reasonCode(response)).isEqualTo("VERIFICATION_PROVIDER_UNAVAILABLE");
			assertThat((String) JsonPath.read(response.body(), "$.state")).isEqualTo("ERROR");
			assertThat(response.body()).doesNotContain("Exception")
				.doesNotContain("\tat ")
				.doesNotContain("trace")
				.doesNotContain("127.0.0.1")
				.doesNotContain("jwks")
				.doesNotContain("refused");
			assertTokenNotLeaked(token, response, output);
			// The failure is logged for operators, without the token.
			assertThat(output).contains("Could not authenticate GET /me (VERIFICATION_PROVIDER_UNAVAILABLE)");
		}

	}

	private static void assertOnlyJwtAuthenticator(ApplicationContext context) {
		Map<String, Authenticator> authenticators = context.getBeansOfType(Authenticator.class);
		assertThat(authenticators).hasSize(1);
		Authenticator authenticator = authenticators.values().iterator().next();
		assertThat(authenticator).isInstanceOfSatisfying(CompositeAuthenticator.class, (composite) -> {
			assertThat(composite.supports(CredentialCarrierKind.BEARER_TOKEN)).isTrue();
			assertThat(composite.supports(CredentialCarrierKind.API_KEY)).isFalse();
		});
		assertThat(context.getBeansOfType(JwtBearerAuthenticator.class)).hasSize(1);
		// Startup validation ran (its report exists only then) and found exactly this one provider.
		AuthCapabilityReport report = context.getBean(AuthCapabilityReport.class);
		assertThat(report.isRequired(AuthCapability.AUTHENTICATION)).isTrue();
		assertThat(report.providers(AuthCapability.AUTHENTICATION).beanNames())
			.containsExactlyElementsOf(authenticators.keySet());
	}

	private static void assertRejectedAsInvalid(int port, String token, CapturedOutput output) throws Exception {
		HttpResponse<String> response = get(port, "/me", token);
		assertChallenged(response, "INVALID_CREDENTIAL");
		assertTokenNotLeaked(token, response, output);
		// The rejection was logged (at DEBUG), so the check above looked at real log output.
		assertThat(output).contains("Credential rejected for GET /me (INVALID_CREDENTIAL)");
	}

	private static void assertChallenged(HttpResponse<String> response, String reasonCode) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(INVALID_TOKEN_CHALLENGE);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(reasonCode(response)).isEqualTo(reasonCode);
		assertThat((String) JsonPath.read(response.body(), "$.state")).isEqualTo("CHALLENGE");
		assertThat((Integer) JsonPath.read(response.body(), "$.status")).isEqualTo(401);
	}

	/** Neither the token nor its signature (or, lacking one, its last segment) shows up anywhere. */
	private static void assertTokenNotLeaked(String token, HttpResponse<String> response, CapturedOutput output) {
		String trimmed = token.endsWith(".") ? token.substring(0, token.length() - 1) : token;
		String tail = trimmed.substring(trimmed.lastIndexOf('.') + 1);
		assertThat(response.body()).doesNotContain(token).doesNotContain(tail);
		assertThat(response.headers().map().values()).allSatisfy((values) -> assertThat(values)
			.noneMatch((value) -> value.contains(token) || value.contains(tail)));
		assertThat(output).doesNotContain(token).doesNotContain(tail);
	}

	private static Consumer<HttpResponse<String>> ok(String body) {
		return (response) -> {
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo(body);
		};
	}

	private static HttpResponse<String> get(int port, String path, String token)
			throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Bearer " + token)
			.build();
		return client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static String reasonCode(HttpResponse<String> response) {
		return JsonPath.read(response.body(), "$.reasonCode");
	}

	/** Claims of a valid token for this service: subject alice, audience, issued a minute ago, ten more to go. */
	private static JWTClaimsSet.Builder validClaims() {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().subject("alice")
			.audience(AUDIENCE)
			.issueTime(Date.from(now.minus(Duration.ofMinutes(1))))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(10))));
	}

	/** Claims of a token for this service whose "exp" passed the given time ago. */
	private static JWTClaimsSet.Builder expiredClaims(Duration ago) {
		Instant expiry = Instant.now().minus(ago);
		return new JWTClaimsSet.Builder().subject("alice")
			.audience(AUDIENCE)
			.issueTime(Date.from(expiry.minus(Duration.ofMinutes(10))))
			.expirationTime(Date.from(expiry));
	}

	private static String rs256(RSAKey key, JWTClaimsSet claims) {
		try {
			return sign(new RSASSASigner(key),
					new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
					claims);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String sign(JWSSigner signer, JWSHeader header, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(header, claims);
			jwt.sign(signer);
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAKey rsaKey(String keyId) {
		try {
			return new RSAKeyGenerator(2048).keyID(keyId).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

	private static String base64Url(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	/** Serves the public half of keys as a JWK set at {@code /jwks} on a loopback port, counting requests. */
	private static final class JwkSetServer {

		private final HttpServer server;

		private final AtomicInteger requests = new AtomicInteger();

		private boolean stopped;

		private JwkSetServer(HttpServer server) {
			this.server = server;
		}

		static JwkSetServer start(RSAKey... keys) throws IOException {
			byte[] document = new JWKSet(List.of(keys)).toPublicJWKSet().toString().getBytes(StandardCharsets.UTF_8);
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
			JwkSetServer jwks = new JwkSetServer(server);
			server.createContext("/jwks", (exchange) -> {
				jwks.requests.incrementAndGet();
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, document.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(document);
				}
			});
			server.start();
			return jwks;
		}

		String uri() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/jwks";
		}

		int requests() {
			return this.requests.get();
		}

		void stop() {
			if (!this.stopped) {
				this.stopped = true;
				this.server.stop(0);
			}
		}

	}

}
