package dev.gatehouse.auth.web;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.crypto.spec.SecretKeySpec;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.gatehouse.auth.authentication.CompositeAuthenticator;
import dev.gatehouse.auth.authentication.JwkSetServer;
import dev.gatehouse.auth.authentication.JwtBearerAuthenticator;
import dev.gatehouse.auth.authentication.TestJwts;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.spi.AuthCapability;
import dev.gatehouse.auth.spi.Authenticator;
import dev.gatehouse.auth.startup.AuthCapabilityReport;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.gatehouse.auth.authentication.TestJwts.assertChallenged;
import static dev.gatehouse.auth.authentication.TestJwts.get;
import static dev.gatehouse.auth.authentication.TestJwts.reasonCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * JWT bearer tokens through the real HTTP stack: an embedded Tomcat on a random loopback
 * port, the auto-configured {@link JwtBearerAuthenticator} as the only credential
 * handler, driven by the JDK {@link HttpClient}. One application per key source: an HS256
 * shared secret, and RS256 keys from a JWK set served by a JDK HTTP server on loopback
 * (once reachable throughout, once going down while the application runs).
 *
 * <p>
 * Every rejected token is checked to appear nowhere in the response or the log, with
 * Gatehouse logging at DEBUG so that its rejection messages are actually written.
 */
@ExtendWith(OutputCaptureExtension.class)
class JwtBoundaryServerTests {

	private static final String AUDIENCE = "documents-api";

	private static final String ISSUER = "https://idp.gatehouse.test";

	@Nested
	@SpringBootTest(classes = JwtBoundaryTestApplication.class,
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "server.address=127.0.0.1", "logging.level.dev.gatehouse=DEBUG",
					"gatehouse.jwt.audiences=" + AUDIENCE, "gatehouse.jwt.clock-skew=30s",
					"gatehouse.jwt.issuer=" + ISSUER })
	class SharedSecret {

		private static final byte[] SECRET = TestJwts.randomSecret(32);

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
				.containsEntry("issuer", ISSUER);
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
			assertThat(response.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying((challenge) -> assertThat(challenge).contains("error=\"insufficient_scope\""));
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
			// gatehouse.jwt.clock-skew=30s: a token that expired 5 seconds ago is still
			// honoured.
			String token = hs256(expiredClaims(Duration.ofSeconds(5)).claim("scope", "reports:read").build());

			assertThat(get(this.port, "/reports", token)).satisfies(ok("reports for alice"));
		}

		@Test
		void challengesTokenWithBadSignature(CapturedOutput output) throws Exception {
			String token = TestJwts.sign(new MACSigner(TestJwts.randomSecret(32)), new JWSHeader(JWSAlgorithm.HS256),
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
			assertRejectedAsInvalid(this.port, TestJwts.unsigned(validClaims().build()), output);
		}

		@Test
		void challengesTokenThatIsNotThreeSegments(CapturedOutput output) throws Exception {
			String token = hs256(validClaims().build());
			String twoSegments = token.substring(0, token.lastIndexOf('.'));

			assertRejectedAsInvalid(this.port, twoSegments, output);
			assertRejectedAsInvalid(this.port, token + "." + TestJwts.base64Url("{\"extra\":true}"), output);
			assertRejectedAsInvalid(this.port, TestJwts.base64Url("{\"sub\":\"alice\",\"secret\":\"" + token + "\"}"),
					output);
		}

		@Test
		void answersPublicEndpointWhateverTheToken(CapturedOutput output) throws Exception {
			assertThat(get(this.port, "/public/whoami", hs256(validClaims().build()))).satisfies(ok("alice"));
			String expired = hs256(expiredClaims(Duration.ofHours(1)).build());
			String forged = TestJwts.sign(new MACSigner(TestJwts.randomSecret(32)), new JWSHeader(JWSAlgorithm.HS256),
					validClaims().build());
			String unsigned = TestJwts.unsigned(validClaims().build());
			for (String token : List.of(expired, forged, unsigned, "not-a-jwt")) {
				HttpResponse<String> response = get(this.port, "/public/whoami", token);
				assertThat(response).as(token).satisfies(ok("<none>"));
				assertThat(output).doesNotContain(token);
			}
		}

		@Test
		void challengesTokenWithWrongOrMissingIssuer(CapturedOutput output) throws Exception {
			assertRejectedAsInvalid(this.port, hs256(validClaims().issuer("https://evil.test").build()), output);
			assertRejectedAsInvalid(this.port, hs256(validClaims().issuer(null).build()), output);
		}

		@ParameterizedTest
		@ValueSource(strings = { "reports:read\ndocuments:write", "reports:read\tdocuments:write",
				"documents:write\u00a0reports:read\r\n", "\u2003reports:read\u3000" })
		void grantsScopesSeparatedByAnyWhitespace(String scope) throws Exception {
			String token = hs256(validClaims().claim("scope", scope).build());

			assertThat(get(this.port, "/reports", token)).satisfies(ok("reports for alice"));
			assertThat(get(this.port, "/public/whoami", token)).satisfies(ok("alice"));
		}

		@Test
		void challengesTokenThatAnAdditionalValidatorBeanRejects(CapturedOutput output) throws Exception {
			String blocked = hs256(validClaims().claim("blocked", true).claim("scope", "reports:read").build());

			assertRejectedAsInvalid(this.port, blocked, output);
			assertThat(get(this.port, "/public/whoami", blocked)).satisfies(ok("<none>"));
		}

		private String hs256(JWTClaimsSet claims) {
			return TestJwts.hs256(SECRET, claims);
		}

	}

	@Nested
	@SpringBootTest(classes = JwtBoundaryTestApplication.class,
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "server.address=127.0.0.1", "logging.level.dev.gatehouse=DEBUG",
					"gatehouse.jwt.issuer-uri=" + ISSUER, "gatehouse.jwt.audiences=" + AUDIENCE,
					"gatehouse.jwt.roles-claim=realm_access.roles" })
	class RsaJwkSet {

		private static final RSAKey key = TestJwts.rsaKey("rsa-1");

		@RegisterExtension
		static final JwkSetServer jwks = new JwkSetServer().publish(key);

		@LocalServerPort
		private int port;

		@Autowired
		private ApplicationContext context;

		@DynamicPropertySource
		static void jwkSetUri(DynamicPropertyRegistry registry) {
			registry.add("gatehouse.jwt.jwk-set-uri", jwks::uri);
		}

		@Test
		void authenticatesThroughOneCompositeBuiltFromTheJwtHandler() {
			assertOnlyJwtAuthenticator(this.context);
		}

		@Test
		void answersValidTokenWithSubjectAndRolesFromNestedClaim() throws Exception {
			String token = TestJwts.rs256(key,
					validClaims().issuer(ISSUER)
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
			String token = TestJwts.rs256(TestJwts.rsaKey("rsa-unknown"), validClaims().issuer(ISSUER).build());

			assertRejectedAsInvalid(this.port, token, output);
		}

		@Test
		void challengesTokenSignedWithAnotherKeyUnderTheKnownKeyId(CapturedOutput output) throws Exception {
			String token = TestJwts.rs256(TestJwts.rsaKey("rsa-1"), validClaims().issuer(ISSUER).build());

			assertRejectedAsInvalid(this.port, token, output);
		}

		@Test
		void challengesTokenFromWrongIssuer(CapturedOutput output) throws Exception {
			assertRejectedAsInvalid(this.port, TestJwts.rs256(key, validClaims().issuer("https://evil.test").build()),
					output);
			assertRejectedAsInvalid(this.port, TestJwts.rs256(key, validClaims().issuer(null).build()), output);
		}

		@Test
		void challengesTokenForWrongAudience(CapturedOutput output) throws Exception {
			assertRejectedAsInvalid(this.port,
					TestJwts.rs256(key, validClaims().issuer(ISSUER).audience("billing-api").build()), output);
		}

		@Test
		void challengesExpiredTokenAsExpired(CapturedOutput output) throws Exception {
			String token = TestJwts.rs256(key, expiredClaims(Duration.ofMinutes(5)).issuer(ISSUER).build());

			HttpResponse<String> response = get(this.port, "/me", token);

			assertChallenged(response, "EXPIRED_CREDENTIAL");
			assertTokenNotLeaked(token, response, output);
		}

		@Test
		void challengesUnsignedTokenNamingAKnownKeyId(CapturedOutput output) throws Exception {
			String token = TestJwts.base64Url("{\"alg\":\"none\",\"kid\":\"rsa-1\"}") + "." + TestJwts.base64Url(
					"{\"sub\":\"admin\",\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"exp\":4102444800}")
					+ ".";

			assertRejectedAsInvalid(this.port, token, output);
		}

	}

	@Nested
	@SpringBootTest(classes = JwtBoundaryTestApplication.class,
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "server.address=127.0.0.1",
					"logging.level.dev.gatehouse=DEBUG", "gatehouse.jwt.audiences=" + AUDIENCE })
	class UnreachableJwkSet {

		private static final RSAKey key = TestJwts.rsaKey("rsa-1");

		@RegisterExtension
		static final JwkSetServer jwks = new JwkSetServer().publish(key);

		@LocalServerPort
		private int port;

		@Autowired
		private ApplicationContext context;

		@DynamicPropertySource
		static void jwkSetUri(DynamicPropertyRegistry registry) {
			registry.add("gatehouse.jwt.jwk-set-uri", jwks::uri);
		}

		@Test
		void answersTokenWithUncachedKeyIdWith503WhileJwkSetIsDown(CapturedOutput output) throws Exception {
			assertOnlyJwtAuthenticator(this.context);
			// The application started without asking the identity provider for anything.
			assertThat(jwks.requests()).isZero();
			assertThat(get(this.port, "/me", TestJwts.rs256(key, validClaims().build())).statusCode()).isEqualTo(200);
			assertThat(jwks.requests()).isEqualTo(1);

			jwks.stop();
			// A key id that is not cached makes the decoder fetch the JWK set again,
			// which now fails.
			String token = TestJwts.rs256(TestJwts.rsaKey("rsa-2"), validClaims().build());
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

	@Nested
	@SpringBootTest(classes = JwtBoundaryTestApplication.class,
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "server.address=127.0.0.1",
					"logging.level.dev.gatehouse=DEBUG", "gatehouse.jwt.jwk-set-refetch-interval=60s" })
	class RateLimitedJwkSet {

		private static final RSAKey key = TestJwts.rsaKey("rsa-1");

		@RegisterExtension
		static final JwkSetServer jwks = new JwkSetServer().publish(key);

		@LocalServerPort
		private int port;

		@DynamicPropertySource
		static void jwkSetUri(DynamicPropertyRegistry registry) {
			registry.add("gatehouse.jwt.jwk-set-uri", jwks::uri);
		}

		@Test
		void fetchesJwkSetAtMostTwiceWithinTheIntervalFor200TokensWithForgedKeyIds(CapturedOutput output)
				throws Exception {
			// Signed beforehand with throwaway keys under random key ids, as an attacker
			// would.
			List<String> forged = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				forged.add(TestJwts.es256(TestJwts.ecKey(UUID.randomUUID().toString()), validClaims().build()));
			}
			assertThat(jwks.requests()).isZero();
			long start = System.nanoTime();

			for (String token : forged) {
				assertChallenged(get(this.port, "/me", token), "INVALID_CREDENTIAL");
			}

			// The flood fits in the 60-second interval even on a loaded machine (about 6
			// s with 2 busy cores).
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
			assertThat(jwks.requests()).isBetween(1, 2);
			assertThat(output).doesNotContain(forged.get(0)).doesNotContain(forged.get(199));
			assertThat(get(this.port, "/me", TestJwts.rs256(key, validClaims().build())).statusCode()).isEqualTo(200);
		}

	}

	@Nested
	@SpringBootTest(classes = JwtBoundaryTestApplication.class,
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "server.address=127.0.0.1", "gatehouse.jwt.jwk-set-refetch-interval=1s" })
	class RotatedJwkSet {

		private static final RSAKey key = TestJwts.rsaKey("rsa-1");

		private static final RSAKey rotated = TestJwts.rsaKey("rsa-2");

		@RegisterExtension
		static final JwkSetServer jwks = new JwkSetServer().publish(key);

		@LocalServerPort
		private int port;

		@DynamicPropertySource
		static void jwkSetUri(DynamicPropertyRegistry registry) {
			registry.add("gatehouse.jwt.jwk-set-uri", jwks::uri);
		}

		@Test
		void acceptsKeyPublishedByRotationOnceTheIntervalHasPassed() throws Exception {
			assertThat(get(this.port, "/me", TestJwts.rs256(key, validClaims().build())).statusCode()).isEqualTo(200);
			// Spend this interval's refetch on a forged key id.
			assertChallenged(get(this.port, "/me", TestJwts.es256(TestJwts.ecKey("forged"), validClaims().build())),
					"INVALID_CREDENTIAL");

			jwks.publish(key, rotated);
			Thread.sleep(1200);

			assertThat(get(this.port, "/me", TestJwts.rs256(rotated, validClaims().build())).statusCode())
				.isEqualTo(200);
			assertThat(get(this.port, "/me", TestJwts.rs256(key, validClaims().build())).statusCode()).isEqualTo(200);
			assertThat(jwks.requests()).isEqualTo(3);
		}

	}

	@Nested
	@SpringBootTest(classes = JwtBoundaryTestApplication.class,
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "server.address=127.0.0.1",
					"logging.level.dev.gatehouse=DEBUG", "gatehouse.jwt.jwk-set-timeout=1s" })
	class HangingJwkSet {

		@RegisterExtension
		static final JwkSetServer jwks = new JwkSetServer();

		@LocalServerPort
		private int port;

		@DynamicPropertySource
		static void jwkSetUri(DynamicPropertyRegistry registry) {
			registry.add("gatehouse.jwt.jwk-set-uri", jwks::uri);
		}

		@Test
		void answers503WithinTheConfiguredTimeoutWhenJwkSetNeverAnswers(CapturedOutput output) throws Exception {
			jwks.hang();
			String token = TestJwts.rs256(TestJwts.rsaKey("rsa-1"), validClaims().build());

			long start = System.nanoTime();
			HttpResponse<String> response = get(this.port, "/me", token);
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(reasonCode(response)).isEqualTo("VERIFICATION_PROVIDER_UNAVAILABLE");
			assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(900)).isLessThan(Duration.ofSeconds(2));
			assertThat(jwks.requests()).isEqualTo(1);
			assertTokenNotLeaked(token, response, output);
			assertThat(get(this.port, "/public/whoami", token)).satisfies(ok("<none>"));
		}

	}

	@Nested
	@SpringBootTest(classes = { JwtBoundaryTestApplication.class, ApplicationDecoder.DecoderConfiguration.class },
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "server.address=127.0.0.1",
					"logging.level.dev.gatehouse=DEBUG", "gatehouse.jwt.audiences=" + AUDIENCE })
	class ApplicationDecoder {

		private static final byte[] SECRET = TestJwts.randomSecret(32);

		@LocalServerPort
		private int port;

		@Autowired
		private RecordingDecoder decoder;

		@Test
		void verifiesTokensWithTheApplicationsJwtDecoder() throws Exception {
			String token = TestJwts.hs256(SECRET, validClaims().claim("roles", List.of("ADMIN")).build());

			assertThat(get(this.port, "/admin", token)).satisfies(ok("admin for alice"));
			assertThat(this.decoder.decoded).containsExactly(token);
		}

		@Test
		void challengesInsteadOfFailingWhenTheDecoderThrowsUnexpectedly(CapturedOutput output) throws Exception {
			String token = TestJwts.hs256(SECRET, validClaims().claim("explode", true).build());

			HttpResponse<String> response = get(this.port, "/me", token);

			assertChallenged(response, "INVALID_CREDENTIAL");
			assertThat(get(this.port, "/public/whoami", token)).satisfies(ok("<none>"));
			assertTokenNotLeaked(token, response, output);
			assertThat(output).contains("failed unexpectedly for GET /me")
				.contains("java.lang.IllegalStateException (message withheld)");
		}

		/**
		 * Delegates to Nimbus and records each token; a token with an "explode" claim
		 * makes it throw.
		 */
		static final class RecordingDecoder implements JwtDecoder {

			private final JwtDecoder delegate = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(SECRET, "HmacSHA256"))
				.build();

			final List<String> decoded = new CopyOnWriteArrayList<>();

			@Override
			public Jwt decode(String token) {
				this.decoded.add(token);
				Jwt jwt = this.delegate.decode(token);
				if (jwt.hasClaim("explode")) {
					// A bug that quotes the token in its message, as careless code does.
					throw new IllegalStateException("cannot map " + token);
				}
				return jwt;
			}

		}

		@Configuration(proxyBeanMethods = false)
		static class DecoderConfiguration {

			@Bean
			RecordingDecoder recordingDecoder() {
				return new RecordingDecoder();
			}

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
		// Startup validation ran (its report exists only then) and found exactly this one
		// provider.
		AuthCapabilityReport report = context.getBean(AuthCapabilityReport.class);
		assertThat(report.isRequired(AuthCapability.AUTHENTICATION)).isTrue();
		assertThat(report.providers(AuthCapability.AUTHENTICATION).beanNames())
			.containsExactlyElementsOf(authenticators.keySet());
	}

	private static void assertRejectedAsInvalid(int port, String token, CapturedOutput output) throws Exception {
		HttpResponse<String> response = get(port, "/me", token);
		assertChallenged(response, "INVALID_CREDENTIAL");
		assertTokenNotLeaked(token, response, output);
		// The rejection was logged (at DEBUG), so the check above looked at real log
		// output.
		assertThat(output).contains("Credential rejected for GET /me (INVALID_CREDENTIAL)");
	}

	/**
	 * Neither the token nor its signature (or, lacking one, its last segment) shows up
	 * anywhere.
	 */
	private static void assertTokenNotLeaked(String token, HttpResponse<String> response, CapturedOutput output) {
		String trimmed = token.endsWith(".") ? token.substring(0, token.length() - 1) : token;
		String tail = trimmed.substring(trimmed.lastIndexOf('.') + 1);
		assertThat(response.body()).doesNotContain(token).doesNotContain(tail);
		assertThat(response.headers().map().values()).allSatisfy(
				(values) -> assertThat(values).noneMatch((value) -> value.contains(token) || value.contains(tail)));
		assertThat(output).doesNotContain(token).doesNotContain(tail);
	}

	private static Consumer<HttpResponse<String>> ok(String body) {
		return (response) -> {
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo(body);
		};
	}

	/**
	 * Claims of a valid token for this service: subject alice, audience, issued a minute
	 * ago, ten more to go.
	 */
	private static JWTClaimsSet.Builder validClaims() {
		return TestJwts.validClaims().audience(AUDIENCE).issuer(ISSUER);
	}

	/** Claims of a token for this service whose "exp" passed the given time ago. */
	private static JWTClaimsSet.Builder expiredClaims(Duration ago) {
		return TestJwts.expiredClaims(ago).audience(AUDIENCE).issuer(ISSUER);
	}

}
