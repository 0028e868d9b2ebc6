package dev.gatehouse.auth.springsecurity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.authentication.KeycloakServer;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.outbound.OutboundCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static dev.gatehouse.auth.authentication.TestJwts.get;
import static dev.gatehouse.auth.authentication.TestJwts.reasonCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spring Security bridge against a real Keycloak 26.5 ({@link KeycloakServer}): the
 * application authenticates with Spring Security's resource server
 * ({@code JwtDecoders.fromIssuerLocation} at the realm, no {@code gatehouse.jwt.*} key
 * source), Gatehouse authorizes from the {@code JwtAuthenticationToken} with
 * {@code gatehouse.jwt.roles-claim=realm_access.roles}, and calls a downstream service on
 * the caller's behalf with a {@code token-exchange} outbound registration against
 * Keycloak's standard token exchange (RFC 8693). Real Tomcat on a random loopback port,
 * real HTTP, tokens from the realm's token endpoint.
 *
 * <p>
 * The realm: users log in through {@code portal}, whose access tokens name
 * {@code reports-api} as audience (so {@code reports-api} may exchange them);
 * {@code reports-api} has standard token exchange enabled and an audience mapper for
 * {@code downstream-api}, the audience it asks for. The caller's own token does not name
 * {@code downstream-api}.
 */
@Tag(KeycloakServer.TAG)
@SpringBootTest(classes = KeycloakBridgeTests.BridgeApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "gatehouse.jwt.roles-claim=realm_access.roles",
				"gatehouse.outbound.registrations.downstream.type=token-exchange",
				"gatehouse.outbound.registrations.downstream.client-id=reports-api",
				"gatehouse.outbound.registrations.downstream.client-secret=" + KeycloakBridgeTests.REPORTS_API_SECRET,
				"gatehouse.outbound.registrations.downstream.audience=downstream-api" })
class KeycloakBridgeTests {

	static final String REPORTS_API_SECRET = "reports-api-secret-0123456789";

	private static final String REALM = "gatehouse-bridge";

	private static final String AUDITOR = "auditor";

	private static final String DOWNSTREAM_AUDIENCE = "downstream-api";

	private static final String PASSWORD = "correct horse battery staple";

	/** The client users log in with; its access tokens are meant for reports-api. */
	private static final KeycloakServer.Client PORTAL = new KeycloakServer.Client("portal",
			"portal-secret-0123456789abcdef", List.of("reports-api"), Map.of());

	/** The application: exchanges its callers' tokens for downstream-api. */
	private static final KeycloakServer.Client REPORTS_API = new KeycloakServer.Client("reports-api",
			REPORTS_API_SECRET, List.of(DOWNSTREAM_AUDIENCE), Map.of("standard.token.exchange.enabled", "true"));

	/** The downstream service, only an audience here. */
	private static final KeycloakServer.Client DOWNSTREAM_API = new KeycloakServer.Client(DOWNSTREAM_AUDIENCE,
			"downstream-api-secret-0123456789", List.of(), Map.of());

	private static KeycloakServer.RealmHandle realm;

	private static HttpServer downstream;

	/** The Authorization headers the downstream stub received, in order. */
	private static final List<String> downstreamAuthorizations = new CopyOnWriteArrayList<>();

	@LocalServerPort
	private int port;

	static synchronized KeycloakServer.RealmHandle realm() {
		if (realm == null) {
			realm = KeycloakServer.shared()
				.createRealm(
						new KeycloakServer.Realm(REALM, List.of(AUDITOR), List.of(PORTAL, REPORTS_API, DOWNSTREAM_API),
								List.of(new KeycloakServer.User("alice", PASSWORD, List.of(AUDITOR)),
										new KeycloakServer.User("carol", PASSWORD, List.of(AUDITOR)),
										new KeycloakServer.User("bob", PASSWORD, List.of()))));
		}
		return realm;
	}

	static synchronized int downstreamPort() {
		if (downstream == null) {
			try {
				downstream = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			downstream.createContext("/audit", (exchange) -> {
				downstreamAuthorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
				byte[] body = "audited".getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			downstream.start();
		}
		return downstream.getAddress().getPort();
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("keycloak.issuer-uri", () -> realm().issuerUri());
		registry.add("gatehouse.outbound.registrations.downstream.token-uri",
				() -> realm().issuerUri() + "/protocol/openid-connect/token");
		registry.add("downstream.port", KeycloakBridgeTests::downstreamPort);
		registry.add("gatehouse.outbound.registrations.downstream.allowed-hosts",
				() -> "127.0.0.1:" + downstreamPort());
	}

	@AfterAll
	static void stopDownstream() {
		if (downstream != null) {
			downstream.stop(0);
			downstream = null;
		}
	}

	@BeforeEach
	void forgetDownstreamCalls() {
		downstreamAuthorizations.clear();
	}

	@Test
	void allowsAUserWithTheRealmRoleThroughTheBridge() {
		String accessToken = realm().passwordGrant(PORTAL, "alice", PASSWORD).accessToken();

		HttpResponse<String> response = get(this.port, "/reports", accessToken);

		// The subject is Spring Security's principal name (preferred_username), not sub.
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("reports for alice from " + realm().issuerUri());
	}

	@Test
	void deniesAUserWithoutTheRealmRoleThroughTheBridge() {
		String accessToken = realm().passwordGrant(PORTAL, "bob", PASSWORD).accessToken();

		HttpResponse<String> response = get(this.port, "/reports", accessToken);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
		assertThat(reasonCode(response)).isEqualTo("INSUFFICIENT_ROLE");
		assertThat(response.body()).doesNotContain(accessToken);
	}

	@Test
	void challengesARequestWithoutAToken() throws Exception {
		HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create("http://127.0.0.1:" + this.port + "/reports"))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(reasonCode(response)).isEqualTo("MISSING_CREDENTIAL");
	}

	@Test
	void callsDownstreamWithATokenExchangedOnTheCallersBehalfCachedPerCaller() throws ParseException {
		String alice = realm().passwordGrant(PORTAL, "alice", PASSWORD).accessToken();
		String carol = realm().passwordGrant(PORTAL, "carol", PASSWORD).accessToken();
		JWTClaimsSet aliceClaims = SignedJWT.parse(alice).getJWTClaimsSet();
		// The premise: the caller's own token is not meant for the downstream service.
		assertThat(aliceClaims.getAudience()).contains("reports-api").doesNotContain(DOWNSTREAM_AUDIENCE);

		HttpResponse<String> first = get(this.port, "/audit", alice);
		HttpResponse<String> second = get(this.port, "/audit", alice);
		HttpResponse<String> other = get(this.port, "/audit", carol);

		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		assertThat(first.body()).isEqualTo("audited for alice");
		assertThat(other.body()).isEqualTo("audited for carol");
		assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
		assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
		assertThat(downstreamAuthorizations).hasSize(3)
			.allSatisfy((header) -> assertThat(header).startsWith("Bearer "));
		String exchanged = downstreamAuthorizations.get(0).substring("Bearer ".length());
		assertThat(exchanged).isNotEqualTo(alice);
		JWTClaimsSet exchangedClaims = SignedJWT.parse(exchanged).getJWTClaimsSet();
		assertThat(exchangedClaims.getAudience()).contains(DOWNSTREAM_AUDIENCE);
		assertThat(exchangedClaims.getSubject()).isEqualTo(aliceClaims.getSubject());
		assertThat(exchangedClaims.getIssuer()).isEqualTo(realm().issuerUri());
		assertThat(exchangedClaims.getStringClaim("azp")).isEqualTo("reports-api");
		// Cached per caller: Keycloak issues a new token (new jti, iat) on every
		// exchange,
		// so the same token twice means one exchange.
		assertThat(downstreamAuthorizations.get(1)).isEqualTo(downstreamAuthorizations.get(0));
		String carolsExchanged = downstreamAuthorizations.get(2).substring("Bearer ".length());
		assertThat(carolsExchanged).isNotEqualTo(exchanged).isNotEqualTo(carol);
		JWTClaimsSet carolsClaims = SignedJWT.parse(carolsExchanged).getJWTClaimsSet();
		assertThat(carolsClaims.getSubject()).isEqualTo(SignedJWT.parse(carol).getJWTClaimsSet().getSubject())
			.isNotEqualTo(aliceClaims.getSubject());
		assertThat(carolsClaims.getAudience()).contains(DOWNSTREAM_AUDIENCE);
	}

	@Test
	void doesNotExchangeForACallerWithoutTheRealmRole() {
		String bob = realm().passwordGrant(PORTAL, "bob", PASSWORD).accessToken();

		HttpResponse<String> response = get(this.port, "/audit", bob);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
		assertThat(downstreamAuthorizations).isEmpty();
	}

	/**
	 * The application: Spring Security's resource server, configured explicitly (Boot's
	 * security auto-configuration is not on this test execution's class path), with every
	 * request permitted so that Gatehouse makes every decision.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableWebSecurity
	@Import(BridgeApplication.ReportsController.class)
	static class BridgeApplication {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
				.oauth2ResourceServer((resourceServer) -> resourceServer
					.jwt((jwt) -> jwt.jwtAuthenticationConverter(usernameAsPrincipalName())))
				.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.csrf(AbstractHttpConfigurer::disable)
				.build();
		}

		// Keycloak's sub is an opaque id; many applications name their callers by
		// preferred_username. Gatehouse's own JWT authenticator, were it to verify the
		// token (the JwtDecoder bean once switched it on), would take sub: a subject
		// "alice" in a response shows that the context came through the bridge.
		private static JwtAuthenticationConverter usernameAsPrincipalName() {
			JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
			converter.setPrincipalClaimName("preferred_username");
			return converter;
		}

		@Bean
		JwtDecoder jwtDecoder(Environment environment) {
			return JwtDecoders.fromIssuerLocation(environment.getRequiredProperty("keycloak.issuer-uri"));
		}

		// What Boot's SecurityFilterAutoConfiguration registers (not on this class
		// path): Spring Security's filter chain at spring.security.filter.order (-100),
		// before Gatehouse's filter, which reads the authentication it leaves.
		@Bean
		DelegatingFilterProxyRegistrationBean securityFilterChainRegistration() {
			DelegatingFilterProxyRegistrationBean registration = new DelegatingFilterProxyRegistrationBean(
					"springSecurityFilterChain");
			registration.setOrder(-100);
			return registration;
		}

		@Bean
		RestClient downstreamClient(RestClient.Builder builder, OutboundCredentials credentials,
				Environment environment) {
			return builder.baseUrl("http://127.0.0.1:" + environment.getRequiredProperty("downstream.port"))
				.requestInterceptor(credentials.interceptor("downstream"))
				.build();
		}

		@RestController
		static class ReportsController {

			private final RestClient downstream;

			ReportsController(RestClient downstream) {
				this.downstream = downstream;
			}

			@RequireRole(AUDITOR)
			@GetMapping("/reports")
			String reports() {
				AuthContext context = AuthContextHolder.require();
				return "reports for " + context.subject().id() + " from " + context.issuer();
			}

			@RequireRole(AUDITOR)
			@GetMapping("/audit")
			String audit() {
				return this.downstream.get().uri("/audit").retrieve().body(String.class) + " for "
						+ AuthContextHolder.require().subject().id();
			}

		}

	}

}
