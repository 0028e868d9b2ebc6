package dev.gatehouse.auth.authentication;

import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.gatehouse.auth.authentication.JwtRejectionServerTests.assertRefused;
import static dev.gatehouse.auth.authentication.TestJwts.get;
import static dev.gatehouse.auth.authentication.TestJwts.reasonCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gatehouse's JWT authenticator against a real Keycloak 26.5 ({@link KeycloakServer}):
 * {@code gatehouse.jwt.issuer-uri} at the realm (discovery, JWK set, {@code iss}),
 * {@code audiences=reports-api}, {@code roles-claim=realm_access.roles}, real HTTP on a
 * random loopback port. The client {@code reports-api} gets the audience mapper that puts
 * {@code reports-api} into its access tokens; its ID tokens carry {@code aud:
 * reports-api} anyway (the client id), so only the token type tells them apart.
 */
@Tag(KeycloakServer.TAG)
@ExtendWith(OutputCaptureExtension.class)
class JwtKeycloakTests {

	private static final String REALM = "gatehouse-jwt";

	private static final KeycloakServer.Client REPORTS_API = new KeycloakServer.Client("reports-api",
			"reports-api-secret-0123456789", List.of("reports-api"), Map.of());

	/** A client whose access tokens carry RFC 9068's {@code typ: at+jwt} header. */
	private static final KeycloakServer.Client REPORTS_API_RFC9068 = new KeycloakServer.Client("reports-api-rfc9068",
			"reports-api-rfc9068-secret-0123", List.of("reports-api"),
			Map.of("access.token.header.type.rfc9068", "true"));

	private static final String PASSWORD = "correct horse battery staple";

	private static KeycloakServer.RealmHandle realm;

	static synchronized KeycloakServer.RealmHandle realm() {
		if (realm == null) {
			realm = KeycloakServer.shared()
				.createRealm(new KeycloakServer.Realm(REALM, List.of(ReportsApiApplication.AUDITOR),
						List.of(REPORTS_API, REPORTS_API_RFC9068),
						List.of(new KeycloakServer.User("alice", PASSWORD, List.of(ReportsApiApplication.AUDITOR)),
								new KeycloakServer.User("bob", PASSWORD, List.of()))));
		}
		return realm;
	}

	static void keycloak(DynamicPropertyRegistry registry) {
		registry.add("gatehouse.jwt.issuer-uri", () -> realm().issuerUri());
	}

	@Nested
	@SpringBootTest(classes = ReportsApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "server.address=127.0.0.1", "logging.level.dev.gatehouse=DEBUG",
					"gatehouse.jwt.audiences=reports-api", "gatehouse.jwt.roles-claim=realm_access.roles" })
	class Defaults {

		@LocalServerPort
		private int port;

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) {
			keycloak(registry);
		}

		@Test
		void answersTheAccessTokenOfAUserWithTheRealmRole() throws Exception {
			String accessToken = realm().passwordGrant(REPORTS_API, "alice", PASSWORD).accessToken();
			String subject = SignedJWT.parse(accessToken).getJWTClaimsSet().getSubject();

			HttpResponse<String> response = get(this.port, "/reports", accessToken);

			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("reports for " + subject);
		}

		@Test
		void deniesTheAccessTokenOfAUserWithoutTheRealmRole() {
			String accessToken = realm().passwordGrant(REPORTS_API, "bob", PASSWORD).accessToken();

			HttpResponse<String> response = get(this.port, "/reports", accessToken);

			assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
			assertThat(reasonCode(response)).isEqualTo("INSUFFICIENT_ROLE");
			assertThat(get(this.port, "/me", accessToken).statusCode()).isEqualTo(200);
		}

		@Test
		void refusesTheIdTokenOfTheSameLogin(CapturedOutput output) throws Exception {
			KeycloakServer.Tokens tokens = realm().passwordGrant(REPORTS_API, "alice", PASSWORD);
			// The attack's premise: the ID token is signed by the realm and names this
			// API as its audience.
			JWTClaimsSet claims = SignedJWT.parse(tokens.idToken()).getJWTClaimsSet();
			assertThat(claims.getAudience()).containsExactly("reports-api");
			assertThat(claims.getClaim("typ")).isEqualTo("ID");
			assertThat(get(this.port, "/reports", tokens.accessToken()).statusCode()).isEqualTo(200);

			// Before the fix: /me answered 200 as alice, /reports 403 (Keycloak's ID
			// tokens carry no realm_access).
			assertRefused(this.port, "/me", tokens.idToken(), "an ID token", output);
			assertRefused(this.port, "/reports", tokens.idToken(), "an ID token", output);
		}

	}

	@Nested
	@SpringBootTest(classes = ReportsApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "server.address=127.0.0.1", "logging.level.dev.gatehouse=DEBUG",
					"gatehouse.jwt.audiences=reports-api", "gatehouse.jwt.roles-claim=realm_access.roles",
					"gatehouse.jwt.required-type=at+jwt" })
	class RequiredType {

		@LocalServerPort
		private int port;

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) {
			keycloak(registry);
		}

		@Test
		void acceptsOnlyAccessTokensWithTheAtJwtHeader(CapturedOutput output) throws ParseException {
			String marked = realm().passwordGrant(REPORTS_API_RFC9068, "alice", PASSWORD).accessToken();
			String unmarked = realm().passwordGrant(REPORTS_API, "alice", PASSWORD).accessToken();
			assertThat(SignedJWT.parse(marked).getHeader().getType()).hasToString("at+jwt");

			assertThat(get(this.port, "/reports", marked).statusCode()).isEqualTo(200);
			assertRefused(this.port, "/reports", unmarked, "not the required type", output);
		}

	}

}
