package dev.gatehouse.auth.authentication;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.gatehouse.auth.context.AuthClaim;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.context.CredentialCarrierLocation;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.AuthenticationFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static dev.gatehouse.auth.authentication.TestJwts.INVOCATION;
import static dev.gatehouse.auth.authentication.TestJwts.base64Url;
import static dev.gatehouse.auth.authentication.TestJwts.bearer;
import static dev.gatehouse.auth.authentication.TestJwts.expiredClaims;
import static dev.gatehouse.auth.authentication.TestJwts.hs256;
import static dev.gatehouse.auth.authentication.TestJwts.validClaims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The JWT bearer authenticator with an HS256 secret: which tokens it accepts, how it maps
 * claims, how it rejects, and that the token never leaks.
 */
@ExtendWith({ OutputCaptureExtension.class, JwtDebugLogging.class })
class JwtBearerAuthenticatorTests {

	private final byte[] secret = TestJwts.randomSecret(32);

	private final String encodedSecret = Base64.getEncoder().encodeToString(this.secret);

	private final JwtBearerAuthenticator authenticator = JwtBearerAuthenticator.withSecret(this.encodedSecret).build();

	@Test
	void verifiesBearerTokens() {
		assertThat(this.authenticator.kind()).isEqualTo(CredentialCarrierKind.BEARER_TOKEN);
	}

	@Test
	void authenticatesValidToken() {
		CredentialCarrier credential = bearer(hs256(this.secret, validClaims().issuer("https://idp.example").build()));

		AuthContext context = this.authenticator.authenticate(credential, INVOCATION);

		assertThat(context.subject().id()).isEqualTo("alice");
		assertThat(context.subject().displayName()).isNull();
		assertThat(context.issuer()).isEqualTo("https://idp.example");
		assertThat(context.tenant()).isNull();
		assertThat(context.roles()).isEmpty();
		assertThat(context.scopes()).isEmpty();
		assertThat(context.claims()).isEmpty();
		assertThat(context.credentialCarrier()).isSameAs(credential);
	}

	@Test
	void mapsNameTenantRolesScopesAndCopiedClaims() {
		String token = hs256(this.secret,
				validClaims().claim("name", "Alice Example")
					.claim("tenant", "acme")
					.claim("roles", List.of("admin", "editor", "admin", " "))
					.claim("scope", "documents:read  documents:write")
					.claim("email", "alice@example.com")
					.claim("preferred_username", "alice")
					.claim("department", "ops")
					.build());

		AuthContext context = this.authenticator.authenticate(bearer(token), INVOCATION);

		assertThat(context.subject().displayName()).isEqualTo("Alice Example");
		assertThat(context.tenant()).isEqualTo("acme");
		assertThat(context.roles()).containsExactly("admin", "editor");
		assertThat(context.scopes()).containsExactly("documents:read", "documents:write");
		assertThat(context.hasScope("documents:write")).isTrue();
		// Only the configured claims are copied (email and preferred_username by
		// default).
		assertThat(context.claims()).containsExactly(AuthClaim.of("email", "alice@example.com"),
				AuthClaim.of("preferred_username", "alice"));
	}

	@Test
	void readsRolesFromKeycloakRealmAccess() {
		JwtBearerAuthenticator keycloak = JwtBearerAuthenticator.withSecret(this.encodedSecret)
			.rolesClaim("realm_access.roles")
			.build();
		String token = hs256(this.secret,
				validClaims().claim("realm_access", Map.of("roles", List.of("offline_access", "admin"))).build());

		assertThat(keycloak.authenticate(bearer(token), INVOCATION).roles()).containsExactly("offline_access", "admin");
	}

	@Test
	void prefersTopLevelClaimWhoseNameContainsDots() {
		JwtBearerAuthenticator auth0 = JwtBearerAuthenticator.withSecret(this.encodedSecret)
			.rolesClaim("https://example.com/roles")
			.build();
		String token = hs256(this.secret, validClaims().claim("https://example.com/roles", List.of("admin")).build());

		assertThat(auth0.authenticate(bearer(token), INVOCATION).roles()).containsExactly("admin");
	}

	@Test
	void grantsNoRolesWhenRolesPathIsMissing() {
		JwtBearerAuthenticator keycloak = JwtBearerAuthenticator.withSecret(this.encodedSecret)
			.rolesClaim("realm_access.roles")
			.build();
		String token = hs256(this.secret, validClaims().claim("realm_access", "not an object").build());

		assertThat(keycloak.authenticate(bearer(token), INVOCATION).roles()).isEmpty();
	}

	@Test
	void acceptsSingleStringAsOneRole() {
		String token = hs256(this.secret, validClaims().claim("roles", "admin").build());

		assertThat(this.authenticator.authenticate(bearer(token), INVOCATION).roles()).containsExactly("admin");
	}

	@Test
	void readsScopesFromScpArray() {
		String token = hs256(this.secret, validClaims().claim("scp", List.of("documents:read", "profile")).build());

		assertThat(this.authenticator.authenticate(bearer(token), INVOCATION).scopes())
			.containsExactly("documents:read", "profile");
	}

	@Test
	void readsScopesFromScpString() {
		String token = hs256(this.secret, validClaims().claim("scp", "documents:read profile").build());

		assertThat(this.authenticator.authenticate(bearer(token), INVOCATION).scopes())
			.containsExactly("documents:read", "profile");
	}

	@Test
	void prefersScopeOverScp() {
		String token = hs256(this.secret, validClaims().claim("scope", "a").claim("scp", List.of("b")).build());

		assertThat(this.authenticator.authenticate(bearer(token), INVOCATION).scopes()).containsExactly("a");
	}

	@Test
	void readsTenantFromConfiguredPathAndIntegerTenant() {
		JwtBearerAuthenticator nested = JwtBearerAuthenticator.withSecret(this.encodedSecret)
			.tenantClaim("org.id")
			.build();
		String token = hs256(this.secret, validClaims().claim("org", Map.of("id", 42)).build());

		assertThat(nested.authenticate(bearer(token), INVOCATION).tenant()).isEqualTo("42");
	}

	@Test
	void copiesOnlyScalarClaimsConvertingNumbersAndTimes() {
		Instant issuedAt = Instant.now().minusSeconds(30);
		JwtBearerAuthenticator copying = JwtBearerAuthenticator.withSecret(this.encodedSecret)
			.copiedClaims(List.of("age", "ratio", "verified", "iat", "address", "groups", "nothing", "absent"))
			.build();
		String token = hs256(this.secret,
				validClaims().issueTime(Date.from(issuedAt))
					.claim("age", 42)
					.claim("ratio", 0.5)
					.claim("verified", true)
					.claim("address", Map.of("city", "Berlin"))
					.claim("groups", List.of("a", "b"))
					.claim("nothing", null)
					.build());

		AuthContext context = copying.authenticate(bearer(token), INVOCATION);

		assertThat(context.claims()).containsExactly(AuthClaim.of("age", 42L), AuthClaim.of("ratio", 0.5),
				AuthClaim.of("verified", true), AuthClaim.of("iat", issuedAt.getEpochSecond()));
	}

	@Test
	void rejectsRolesClaimOfWrongShape() {
		String token = hs256(this.secret, validClaims().claim("roles", List.of("admin", 7)).build());

		assertRejected(token, AuthorizationReasonCode.INVALID_CREDENTIAL, "'roles' claim");
	}

	@Test
	void rejectsScopeClaimOfWrongShape() {
		String token = hs256(this.secret, validClaims().claim("scope", 7).build());

		assertRejected(token, AuthorizationReasonCode.INVALID_CREDENTIAL, "'scope' claim");
	}

	@Test
	void rejectsTenantClaimOfWrongShape() {
		String token = hs256(this.secret, validClaims().claim("tenant", List.of("a", "b")).build());

		assertRejected(token, AuthorizationReasonCode.INVALID_CREDENTIAL, "'tenant' claim");
	}

	@Test
	void rejectsTokenWithoutSubject() {
		String token = hs256(this.secret, validClaims().subject(null).build());

		assertRejected(token, AuthorizationReasonCode.INVALID_CREDENTIAL, "no subject");
	}

	@Test
	void rejectsTokenWithBlankSubject() {
		String token = hs256(this.secret, validClaims().subject("  ").build());

		assertRejected(token, AuthorizationReasonCode.INVALID_CREDENTIAL, "no subject");
	}

	@Test
	void rejectsTokenExpiredBeyondClockSkew() {
		String token = hs256(this.secret, expiredClaims(Duration.ofMinutes(2)).build());

		assertRejected(token, AuthorizationReasonCode.EXPIRED_CREDENTIAL, "expired");
	}

	@Test
	void acceptsTokenExpiredWithinClockSkew() {
		String token = hs256(this.secret, expiredClaims(Duration.ofSeconds(20)).build());

		assertThat(this.authenticator.authenticate(bearer(token), INVOCATION).subject().id()).isEqualTo("alice");
	}

	@Test
	void honoursConfiguredClockSkew() {
		JwtBearerAuthenticator strict = JwtBearerAuthenticator.withSecret(this.encodedSecret)
			.clockSkew(Duration.ZERO)
			.build();
		String token = hs256(this.secret, expiredClaims(Duration.ofSeconds(20)).build());

		AuthenticationFailedException failure = catchThrowableOfType(AuthenticationFailedException.class,
				() -> strict.authenticate(bearer(token), INVOCATION));

		assertThat(failure.decision().reasonCode()).isEqualTo(AuthorizationReasonCode.EXPIRED_CREDENTIAL);
	}

	@Test
	void rejectsTokenNotYetValidAsInvalidNotExpired() {
		Instant now = Instant.now();
		String token = hs256(this.secret,
				validClaims().notBeforeTime(Date.from(now.plus(Duration.ofMinutes(5)))).build());

		assertRejected(token, AuthorizationReasonCode.INVALID_CREDENTIAL, "invalid");
	}

	@Test
	void rejectsTokenWithoutExpiry() {
		String token = hs256(this.secret, new JWTClaimsSet.Builder().subject("alice").build());

		assertRejected(token, AuthorizationReasonCode.INVALID_CREDENTIAL, "invalid");
	}

	@Test
	void rejectsExpiredTokenFromWrongIssuerAsInvalid() {
		JwtBearerAuthenticator withIssuer = JwtBearerAuthenticator.withSecret(this.encodedSecret)
			.issuer("https://idp.example")
			.build();
		String token = hs256(this.secret, expiredClaims(Duration.ofMinutes(5)).issuer("https://evil.example").build());

		AuthenticationFailedException failure = catchThrowableOfType(AuthenticationFailedException.class,
				() -> withIssuer.authenticate(bearer(token), INVOCATION));

		assertThat(failure.decision().reasonCode()).isEqualTo(AuthorizationReasonCode.INVALID_CREDENTIAL);
	}

	@Test
	void rejectsTokenFromWrongIssuer(CapturedOutput output) {
		JwtBearerAuthenticator withIssuer = JwtBearerAuthenticator.withSecret(this.encodedSecret)
			.issuer("https://idp.example")
			.build();
		String good = hs256(this.secret, validClaims().issuer("https://idp.example").build());
		String bad = hs256(this.secret, validClaims().issuer("https://evil.example").build());

		assertThat(withIssuer.authenticate(bearer(good), INVOCATION).issuer()).isEqualTo("https://idp.example");
		TestJwts.assertRejectedFor(withIssuer, bad, "wrong issuer", output);
	}

	@Test
	void acceptsTokenForAnyConfiguredAudience() {
		JwtBearerAuthenticator withAudience = JwtBearerAuthenticator.withSecret(this.encodedSecret)
			.audiences(List.of("orders", "documents"))
			.build();
		String token = hs256(this.secret, validClaims().audience(List.of("billing", "documents")).build());

		assertThat(withAudience.authenticate(bearer(token), INVOCATION).subject().id()).isEqualTo("alice");
	}

	@Test
	void rejectsTokenForWrongAudience(CapturedOutput output) {
		JwtBearerAuthenticator withAudience = JwtBearerAuthenticator.withSecret(this.encodedSecret)
			.audiences(List.of("documents"))
			.build();
		String wrong = hs256(this.secret, validClaims().audience("billing").build());
		String missing = hs256(this.secret, validClaims().build());

		TestJwts.assertRejectedFor(withAudience, wrong, "wrong audience", output);
		TestJwts.assertRejectedFor(withAudience, missing, "wrong audience", output);
	}

	@Test
	void rejectsTokenSignedWithAnotherSecret() {
		String token = hs256(TestJwts.randomSecret(32), validClaims().build());

		assertRejected(token, AuthorizationReasonCode.INVALID_CREDENTIAL, "invalid");
	}

	@Test
	void rejectsTokenWithTamperedPayload() {
		String token = hs256(this.secret, validClaims().build());
		String[] parts = token.split("\\.");
		String forged = parts[0] + "." + base64Url("{\"sub\":\"admin\",\"exp\":4102444800}") + "." + parts[2];

		assertRejected(forged, AuthorizationReasonCode.INVALID_CREDENTIAL, "invalid");
	}

	@Test
	void rejectsUnsignedToken() {
		String token = TestJwts.unsigned(validClaims().build());
		assertThat(token).startsWith(base64Url("{\"alg\":\"none\"}") + ".").endsWith(".");

		assertRejected(token, AuthorizationReasonCode.INVALID_CREDENTIAL, "invalid");
	}

	@Test
	void rejectsHandCraftedAlgNoneTokenWithSignature() {
		String token = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
				+ base64Url("{\"sub\":\"admin\",\"exp\":4102444800}") + "." + base64Url("signature");

		assertRejected(token, AuthorizationReasonCode.INVALID_CREDENTIAL, "");
	}

	@Test
	void rejectsTokenSignedWithOtherHmacAlgorithm() throws Exception {
		byte[] longSecret = TestJwts.randomSecret(64);
		JwtBearerAuthenticator hs256 = JwtBearerAuthenticator.withSecret(Base64.getEncoder().encodeToString(longSecret))
			.build();
		String hs512 = TestJwts.sign(new MACSigner(longSecret), new JWSHeader.Builder(JWSAlgorithm.HS512).build(),
				validClaims().build());

		TestJwts.assertRejected(hs256, hs512, AuthorizationReasonCode.INVALID_CREDENTIAL, "invalid");
	}

	@Test
	void rejectsRsaSignedToken() throws Exception {
		RSAKey rsaKey = TestJwts.rsaKey("rsa");
		String token = TestJwts.sign(new RSASSASigner(rsaKey), JWSAlgorithm.RS256, "rsa", validClaims().build());

		assertRejected(token, AuthorizationReasonCode.INVALID_CREDENTIAL, "invalid");
	}

	@Test
	void rejectsTokenOfForeignJoseType() {
		String token = TestJwts.sign(macSigner(),
				new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("dpop+jwt")).build(),
				validClaims().build());

		assertRejected(token, AuthorizationReasonCode.INVALID_CREDENTIAL, "invalid");
	}

	@Test
	void acceptsAccessTokenJoseType() {
		String token = TestJwts.sign(macSigner(),
				new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt")).build(),
				validClaims().build());

		assertThat(this.authenticator.authenticate(bearer(token), INVOCATION).subject().id()).isEqualTo("alice");
	}

	@Test
	void rejectsSenderConstrainedToken() {
		String token = hs256(this.secret, validClaims().claim("cnf", Map.of("jkt", "0ZcOCORZNYy")).build());

		assertRejected(token, AuthorizationReasonCode.INVALID_CREDENTIAL, "invalid");
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "abc.def", "a.b.c.d", "....", "not a token at all" })
	void rejectsTokenWithoutThreeSegmentsAsMalformed(String token, CapturedOutput output) {
		assertRejectedFor(token, "malformed", output);
	}

	@Test
	void rejectsGarbageBase64AsMalformed(CapturedOutput output) {
		assertRejectedFor("!!!!.####.$$$$", "malformed", output);
	}

	@Test
	void rejectsHeaderThatIsNotJsonAsMalformed(CapturedOutput output) {
		String token = base64Url("not json") + "." + base64Url("{\"sub\":\"alice\"}") + "." + base64Url("sig");

		assertRejectedFor(token, "malformed", output);
	}

	@Test
	void rejectsSignedPayloadThatIsNotJsonAsMalformed(CapturedOutput output) throws Exception {
		JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), new Payload("[1, 2"));
		jws.sign(macSigner());

		assertRejectedFor(jws.serialize(), "malformed", output);
	}

	@Test
	void rejectsPayloadThatIsNotJsonAsMalformed(CapturedOutput output) {
		String token = base64Url("{\"alg\":\"HS256\"}") + "." + base64Url("[1, 2") + "." + base64Url("sig");

		assertRejectedFor(token, "malformed", output);
	}

	@Test
	void neverShowsTheTokenInContextOrFailures() {
		String valid = hs256(this.secret,
				validClaims().claim("roles", List.of("admin")).claim("email", "alice@example.com").build());
		AuthContext context = this.authenticator.authenticate(bearer(valid), INVOCATION);
		assertThat(context.toString()).doesNotContain(valid).doesNotContain(valid.split("\\.")[2]);

		List<String> rejected = List.of(hs256(this.secret, expiredClaims(Duration.ofHours(1)).build()),
				hs256(TestJwts.randomSecret(32), validClaims().build()), TestJwts.unsigned(validClaims().build()),
				hs256(this.secret, validClaims().claim("roles", 1).build()), valid.substring(0, valid.lastIndexOf('.')),
				valid.replace('.', '!'));
		for (String token : rejected) {
			AuthenticationFailedException failure = catchThrowableOfType(AuthenticationFailedException.class,
					() -> this.authenticator.authenticate(bearer(token), INVOCATION));
			assertThat(failure).as("rejection of %s", token).isNotNull();
			assertThat(TestJwts.texts(failure)).noneMatch((text) -> text.contains(token));
			assertThat(failure.decision().reason()).doesNotContain(token);
			for (String segment : token.split("[.!]")) {
				if (segment.length() > 16) {
					assertThat(TestJwts.texts(failure)).noneMatch((text) -> text.contains(segment));
				}
			}
		}
	}

	@Test
	void answersEveryInvalidTokenAlikeAndLogsWhyAtDebug(CapturedOutput output) {
		OAuth2Error quoting = new OAuth2Error("invalid_token", "CANARY-DESCRIPTION", null);
		JwtBearerAuthenticator checked = JwtBearerAuthenticator.withSecret(this.encodedSecret)
			.issuer("https://idp.example")
			.audiences(List.of("documents"))
			.additionalValidators(List.of((jwt) -> jwt.hasClaim("blocked") ? OAuth2TokenValidatorResult.failure(quoting)
					: OAuth2TokenValidatorResult.success()))
			.build();
		Instant now = Instant.now();

		TestJwts.assertRejectedFor(checked, hs256(TestJwts.randomSecret(32), claims().build()), "bad signature",
				output);
		TestJwts.assertRejectedFor(checked, TestJwts.unsigned(claims().build()), "unsigned (alg none)", output);
		TestJwts.assertRejectedFor(checked, hs256(this.secret, claims().issuer("https://evil.example").build()),
				"wrong issuer", output);
		TestJwts.assertRejectedFor(checked, hs256(this.secret, claims().audience("billing").build()), "wrong audience",
				output);
		TestJwts.assertRejectedFor(checked, hs256(this.secret, claims().audience("billing").issuer(null).build()),
				"wrong issuer (iss is not the configured issuer); wrong audience", output);
		TestJwts.assertRejectedFor(checked,
				hs256(this.secret, claims().notBeforeTime(Date.from(now.plus(Duration.ofMinutes(5)))).build()),
				"not valid yet", output);
		TestJwts.assertRejectedFor(checked, hs256(this.secret, claims().expirationTime(null).build()), "no exp claim",
				output);
		TestJwts.assertRejectedFor(checked,
				hs256(this.secret, claims().claim("cnf", Map.of("jkt", "0ZcOCORZNYy")).build()), "sender-constrained",
				output);
		TestJwts.assertRejectedFor(checked, hs256(this.secret, claims().claim("blocked", true).build()),
				"refused by an additional OAuth2TokenValidator", output);
		TestJwts.assertRejectedFor(checked, "abc.def", "malformed", output);
		assertThat(output).doesNotContain("CANARY");

		String expired = hs256(this.secret,
				expiredClaims(Duration.ofMinutes(5)).issuer("https://idp.example").audience("documents").build());
		TestJwts.assertRejected(checked, expired, AuthorizationReasonCode.EXPIRED_CREDENTIAL, "expired");
		assertThat(output).contains("Rejected a bearer token (EXPIRED_CREDENTIAL): expired");
		TestJwts.assertNotLogged(expired, output.getAll());
	}

	@Test
	void logsNothingAboutRejectionsBelowDebug(CapturedOutput output) {
		LoggingSystem.get(getClass().getClassLoader())
			.setLogLevel(JwtBearerAuthenticator.class.getName(), LogLevel.INFO);

		TestJwts.assertRejected(this.authenticator, hs256(TestJwts.randomSecret(32), validClaims().build()),
				AuthorizationReasonCode.INVALID_CREDENTIAL, "invalid");

		assertThat(output).doesNotContain("Rejected a bearer token");
	}

	private static JWTClaimsSet.Builder claims() {
		return validClaims().issuer("https://idp.example").audience("documents");
	}

	@Test
	void refusesCredentialsOfAnotherKind() {
		CredentialCarrier apiKey = new CredentialCarrier(CredentialCarrierKind.API_KEY,
				CredentialCarrierLocation.HEADER, "key", "X-API-Key", null);

		assertThatIllegalArgumentException().isThrownBy(() -> this.authenticator.authenticate(apiKey, INVOCATION))
			.withMessageContaining("BEARER_TOKEN");
	}

	@Test
	void acceptsBase64UrlSecretWithoutPadding() {
		byte[] key = TestJwts.randomSecret(33);
		key[0] = (byte) 0xfb;
		key[1] = (byte) 0xff;
		String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
		assertThat(encoded).containsAnyOf("-", "_");
		JwtBearerAuthenticator urlSecret = JwtBearerAuthenticator.withSecret(encoded).build();

		assertThat(urlSecret.authenticate(bearer(hs256(key, validClaims().build())), INVOCATION).subject().id())
			.isEqualTo("alice");
	}

	@Test
	void acceptsPaddedBase64Secret() {
		byte[] key = TestJwts.randomSecret(34);
		String encoded = Base64.getEncoder().encodeToString(key);
		assertThat(encoded).endsWith("=");
		JwtBearerAuthenticator paddedSecret = JwtBearerAuthenticator.withSecret(encoded).build();

		assertThat(paddedSecret.authenticate(bearer(hs256(key, validClaims().build())), INVOCATION).subject().id())
			.isEqualTo("alice");
	}

	@Test
	void refusesShortSecretWithoutShowingIt() {
		String shortSecret = Base64.getEncoder().encodeToString(TestJwts.randomSecret(16));

		assertThatIllegalArgumentException().isThrownBy(() -> JwtBearerAuthenticator.withSecret(shortSecret))
			.withMessageContaining("at least 32 bytes")
			.withMessageNotContaining(shortSecret)
			.withNoCause();
	}

	@Test
	void refusesSecretThatIsNotBase64WithoutShowingIt() {
		String notBase64 = "this secret is definitely not base64 but it is long enough";

		assertThatIllegalArgumentException().isThrownBy(() -> JwtBearerAuthenticator.withSecret(notBase64))
			.withMessageContaining("base64")
			.withMessageNotContaining(notBase64)
			.withNoCause();
	}

	@Test
	void refusesNegativeClockSkew() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JwtBearerAuthenticator.withSecret(this.encodedSecret).clockSkew(Duration.ofSeconds(-1)));
	}

	@Test
	void refusesBlankClaimNames() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JwtBearerAuthenticator.withSecret(this.encodedSecret).rolesClaim(" ").build());
		assertThatIllegalArgumentException().isThrownBy(
				() -> JwtBearerAuthenticator.withSecret(this.encodedSecret).copiedClaims(List.of("email", "")).build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JwtBearerAuthenticator.withSecret(this.encodedSecret).audiences(List.of(" ")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "documents:read\ndocuments:write", "documents:read\tdocuments:write",
			"\r\ndocuments:read \u00a0documents:write\u2003", "documents:read\u3000\u000bdocuments:write\n" })
	void splitsScopeOnAnyWhitespace(String scope) {
		String token = hs256(this.secret, validClaims().claim("scope", scope).build());

		assertThat(this.authenticator.authenticate(bearer(token), INVOCATION).scopes())
			.containsExactly("documents:read", "documents:write");
	}

	@Test
	void grantsNoScopeForWhitespaceOnlyScopeClaim() {
		String token = hs256(this.secret, validClaims().claim("scope", " \n\t\u00a0").build());

		assertThat(this.authenticator.authenticate(bearer(token), INVOCATION).scopes()).isEmpty();
	}

	@Test
	void checksIssuerWithSharedSecret(CapturedOutput output) {
		JwtBearerAuthenticator checked = JwtBearerAuthenticator.withSecret(this.encodedSecret)
			.issuer("https://idp.example")
			.build();

		assertThat(checked
			.authenticate(bearer(hs256(this.secret, validClaims().issuer("https://idp.example").build())), INVOCATION)
			.issuer()).isEqualTo("https://idp.example");
		TestJwts.assertRejectedFor(checked, hs256(this.secret, validClaims().issuer("https://evil.example").build()),
				"wrong issuer", output);
		TestJwts.assertRejectedFor(checked, hs256(this.secret, validClaims().build()), "wrong issuer", output);
	}

	@Test
	void readsTheConfiguredClockForTimeChecks() {
		Instant later = Instant.now().plus(Duration.ofHours(2));
		JwtBearerAuthenticator inTwoHours = JwtBearerAuthenticator.withSecret(this.encodedSecret)
			.clock(Clock.fixed(later, ZoneOffset.UTC))
			.build();
		String validNow = hs256(this.secret, validClaims().build());
		String validLater = hs256(this.secret, validClaims(later).build());

		TestJwts.assertRejected(inTwoHours, validNow, AuthorizationReasonCode.EXPIRED_CREDENTIAL, "expired");
		assertThat(inTwoHours.authenticate(bearer(validLater), INVOCATION).subject().id()).isEqualTo("alice");
		// Not yet valid at the real time: issued-at is fine, but nbf lies in the future.
		assertRejected(hs256(this.secret, validClaims(later).notBeforeTime(Date.from(later)).build()),
				AuthorizationReasonCode.INVALID_CREDENTIAL, "invalid");
	}

	@Test
	void appliesAdditionalValidators() {
		OAuth2Error error = new OAuth2Error("invalid_token", "The acr claim is too weak", null);
		OAuth2TokenValidator<Jwt> strongAuthentication = (jwt) -> "mfa".equals(jwt.getClaimAsString("acr"))
				? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(error);
		JwtBearerAuthenticator strict = JwtBearerAuthenticator.withSecret(this.encodedSecret)
			.additionalValidators(List.of(strongAuthentication))
			.build();

		assertThat(
				strict.authenticate(bearer(hs256(this.secret, validClaims().claim("acr", "mfa").build())), INVOCATION)
					.subject()
					.id())
			.isEqualTo("alice");
		TestJwts.assertRejected(strict, hs256(this.secret, validClaims().claim("acr", "pwd").build()),
				AuthorizationReasonCode.INVALID_CREDENTIAL, "invalid");
		// Additional validators come on top of the built-in checks, never instead of
		// them.
		TestJwts.assertRejected(strict,
				hs256(this.secret, expiredClaims(Duration.ofMinutes(5)).claim("acr", "mfa").build()),
				AuthorizationReasonCode.EXPIRED_CREDENTIAL, "expired");
	}

	@Test
	void usesApplicationDecoderAndStillAppliesItsOwnChecks(CapturedOutput output) {
		List<String> decoded = new ArrayList<>();
		JwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(this.secret, "HmacSHA256")).build();
		JwtDecoder recording = (token) -> {
			decoded.add(token);
			return nimbus.decode(token);
		};
		JwtBearerAuthenticator withDecoder = JwtBearerAuthenticator.withDecoder(recording)
			.audiences(List.of("documents"))
			.build();
		String token = hs256(this.secret, validClaims().audience("documents").build());

		assertThat(withDecoder.authenticate(bearer(token), INVOCATION).subject().id()).isEqualTo("alice");
		assertThat(decoded).containsExactly(token);
		TestJwts.assertRejectedFor(withDecoder, hs256(this.secret, validClaims().audience("billing").build()),
				"wrong audience", output);
		TestJwts.assertRejectedFor(withDecoder, hs256(TestJwts.randomSecret(32), validClaims().build()),
				"bad signature", output);
		assertThat(decoded).hasSize(3);
	}

	@Test
	void refusesNonPositiveJwkSetDurations() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> JwtBearerAuthenticator.withJwkSetUri("https://idp.example/jwks").jwkSetTimeout(Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JwtBearerAuthenticator.withJwkSetUri("https://idp.example/jwks")
				.jwkSetRefetchInterval(Duration.ofSeconds(-1)));
	}

	private MACSigner macSigner() {
		try {
			return new MACSigner(this.secret);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void assertRejectedFor(String token, String loggedReason, CapturedOutput output) {
		TestJwts.assertRejectedFor(this.authenticator, token, loggedReason, output);
	}

	private void assertRejected(String token, AuthorizationReasonCode reasonCode, String reasonFragment) {
		TestJwts.assertRejected(this.authenticator, token, reasonCode, reasonFragment);
	}

}
