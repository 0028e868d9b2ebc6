package dev.gatehouse.auth.outbound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.JsonPath;
import dev.gatehouse.auth.autoconfigure.outbound.GatehouseOutboundAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.snapshot.GatehouseSnapshotAutoConfiguration;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.context.CredentialCarrierLocation;
import dev.gatehouse.auth.outbound.CachingOutboundTokenProviderTests.MutableClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Outbound credentials against a real Spring Authorization Server on a random loopback
 * port and a downstream service on another: the token requests are counted on the
 * authorization server's side.
 */
@ExtendWith(OutputCaptureExtension.class)
class OutboundAuthorizationServerTests {

	private static final String R = "gatehouse.outbound.registrations.";

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

	private static AuthorizationServer server;

	private final MutableClock clock = new MutableClock(Instant.now());

	@BeforeAll
	static void start() {
		server = AuthorizationServer.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@BeforeEach
	void resetCounts() {
		server.reset();
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(GatehouseSnapshotAutoConfiguration.class,
					GatehouseOutboundAutoConfiguration.class))
			.withBean(java.time.Clock.class, () -> this.clock)
			.withPropertyValues(R + "billing.type=client-credentials", R + "billing.allowed-hosts=127.0.0.1:*",
					R + "billing.token-uri=" + server.tokenUri(),
					R + "billing.client-id=" + AuthorizationServer.CLIENT_ID,
					R + "billing.client-secret=" + AuthorizationServer.CLIENT_SECRET, R + "billing.scopes=billing.read",
					R + "profile.type=token-exchange", R + "profile.allowed-hosts=127.0.0.1:*",
					R + "profile.token-uri=" + server.tokenUri(),
					R + "profile.client-id=" + AuthorizationServer.CLIENT_ID,
					R + "profile.client-secret=" + AuthorizationServer.CLIENT_SECRET,
					R + "profile.client-authentication=client_secret_post");
	}

	private static RestClient client(OutboundCredentials credentials, String registration) {
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.requestInterceptor(credentials.interceptor(registration))
			.build();
	}

	@Test
	void sendsTheAuthorizationServersJwtAfterExactlyOneTokenRequest(CapturedOutput output) throws Exception {
		try (Downstream downstream = Downstream.answering((hit) -> 200)) {
			this.runner().run((context) -> {
				OutboundCredentials credentials = context.getBean(OutboundCredentials.class);
				RestClient client = client(credentials, "billing");
				for (int i = 0; i < 3; i++) {
					client.get().uri(downstream.url()).retrieve().toBodilessEntity();
				}
				assertThat(downstream.hits()).hasSize(3);
				List<String> header = downstream.hits().get(0).authorization();
				assertThat(header).hasSize(1);
				assertThat(header.get(0)).matches("Bearer [\\w-]+\\.[\\w-]+\\.[\\w-]+");
				assertThat(downstream.hits()).extracting(Downstream.Hit::authorization).containsOnly(header);
				String token = header.get(0).substring("Bearer ".length());
				assertThat(claim(token, "sub")).isEqualTo(AuthorizationServer.CLIENT_ID);
				assertThat(server.requests("client_credentials")).isEqualTo(1);
				OutboundRegistrationStatus status = credentials.status().get(0);
				assertThat(status.state()).isEqualTo(OutboundRegistrationState.UP);
				assertThat(status.expiresAt()).isNotNull();
				for (Object shown : List.of(status, credentials, credentials.interceptor("billing"),
						credentials.token("billing"))) {
					assertThat(shown.toString()).doesNotContain(token)
						.doesNotContain(AuthorizationServer.CLIENT_SECRET);
				}
				assertThat(output).doesNotContain(token).doesNotContain(AuthorizationServer.CLIENT_SECRET);
			});
		}
	}

	@Test
	void sixtyFourConcurrentCallersCauseOneTokenRequest() throws Exception {
		try (Downstream downstream = Downstream.answering((hit) -> 200)) {
			this.runner().run((context) -> {
				RestClient client = client(context.getBean(OutboundCredentials.class), "billing");
				ExecutorService executor = Executors.newFixedThreadPool(64);
				List<Future<HttpStatusCode>> results = new ArrayList<>();
				try {
					CountDownLatch gate = new CountDownLatch(1);
					for (int i = 0; i < 64; i++) {
						results.add(executor.submit(() -> {
							gate.await();
							return client.get().uri(downstream.url()).retrieve().toBodilessEntity().getStatusCode();
						}));
					}
					gate.countDown();
					for (Future<HttpStatusCode> result : results) {
						assertThat(result.get(30, TimeUnit.SECONDS).value()).isEqualTo(200);
					}
				}
				finally {
					executor.shutdownNow();
				}
				assertThat(server.requests("client_credentials")).isEqualTo(1);
				assertThat(downstream.hits()).hasSize(64);
				assertThat(downstream.hits()).extracting(Downstream.Hit::authorization).allSatisfy((header) -> {
					assertThat(header).hasSize(1);
					assertThat(header).isEqualTo(downstream.hits().get(0).authorization());
				});
			});
		}
	}

	@Test
	void fetchesANewTokenOnlyOnceExpiryMinusSkewIsReached() {
		this.runner().run((context) -> {
			OutboundCredentials credentials = context.getBean(OutboundCredentials.class);
			OutboundToken first = credentials.token("billing");
			assertThat(first.expiresAt()).isNotNull();
			// Five minute tokens, 60 second skew: reused for about four minutes.
			this.clock.advance(AuthorizationServer.TOKEN_TTL.minusSeconds(70));
			assertThat(credentials.token("billing")).isSameAs(first);
			assertThat(server.requests("client_credentials")).isEqualTo(1);
			this.clock.advance(Duration.ofSeconds(20));
			OutboundToken second = credentials.token("billing");
			assertThat(second.value()).isNotEqualTo(first.value());
			assertThat(server.requests("client_credentials")).isEqualTo(2);
		});
	}

	@Test
	void retriesOnceAfterA401WithANewTokenAndReturnsA403AsIs() throws Exception {
		try (Downstream once401 = Downstream.answering((hit) -> (hit == 1) ? 401 : 200);
				Downstream always403 = Downstream.answering((hit) -> 403)) {
			this.runner().run((context) -> {
				RestClient client = client(context.getBean(OutboundCredentials.class), "billing");
				assertThat(client.get().uri(once401.url()).retrieve().toBodilessEntity().getStatusCode().value())
					.isEqualTo(200);
				assertThat(once401.hits()).hasSize(2);
				assertThat(once401.hits().get(1).authorization()).isNotEqualTo(once401.hits().get(0).authorization());
				assertThat(server.requests("client_credentials")).isEqualTo(2);
				assertThatExceptionOfType(HttpClientErrorException.Forbidden.class)
					.isThrownBy(() -> client.get().uri(always403.url()).retrieve().toBodilessEntity());
				assertThat(always403.hits()).hasSize(1);
				assertThat(server.requests("client_credentials")).isEqualTo(2);
			});
		}
	}

	@Test
	void backsOffFromAnAuthorizationServerThatIsDown(CapturedOutput output) throws Exception {
		try (ClosingServer down = new ClosingServer()) {
			this.runner()
				.withPropertyValues(R + "ledger.type=client-credentials", R + "ledger.allowed-hosts=127.0.0.1:*",
						R + "ledger.token-uri=" + down.url(), R + "ledger.client-id=orders",
						R + "ledger.client-secret=" + AuthorizationServer.CLIENT_SECRET,
						"gatehouse.outbound.retry-backoff=5s")
				.run((context) -> {
					OutboundCredentials credentials = context.getBean(OutboundCredentials.class);
					for (int i = 0; i < 5; i++) {
						assertThatExceptionOfType(OutboundCredentialUnavailableException.class)
							.isThrownBy(() -> credentials.token("ledger"))
							.withMessageContaining("ledger")
							.withMessageNotContaining(AuthorizationServer.CLIENT_SECRET);
					}
					assertThat(down.connections()).hasValue(1);
					assertThat(credentials.status()).filteredOn((status) -> status.name().equals("ledger"))
						.singleElement()
						.satisfies((status) -> assertThat(status.state()).isEqualTo(OutboundRegistrationState.DOWN));
					this.clock.advance(Duration.ofSeconds(5));
					assertThatExceptionOfType(OutboundCredentialUnavailableException.class)
						.isThrownBy(() -> credentials.token("ledger"));
					assertThat(down.connections()).hasValue(2);
				});
		}
		assertThat(output).doesNotContain(AuthorizationServer.CLIENT_SECRET);
	}

	@Test
	void exchangesEachCallersTokenOnceAndKeysItBySubjectAndSubjectToken() throws Exception {
		this.runner().run((context) -> {
			OutboundCredentials credentials = context.getBean(OutboundCredentials.class);
			String aliceToken = callerToken("alice");
			OutboundToken forAlice = exchangeAs(credentials, "alice", aliceToken);
			OutboundToken forBob = exchangeAs(credentials, "bob", callerToken("bob"));
			assertThat(forAlice.value()).isNotEqualTo(forBob.value());
			assertThat(server.requests(TOKEN_EXCHANGE)).isEqualTo(2);
			assertThat(exchangeAs(credentials, "alice", aliceToken)).isSameAs(forAlice);
			assertThat(server.requests(TOKEN_EXCHANGE)).isEqualTo(2);
			// Alice's inbound token was refreshed: the cached exchange was for the old
			// one, so the new one is exchanged anew.
			OutboundToken renewed = exchangeAs(credentials, "alice", callerToken("alice"));
			assertThat(renewed.value()).isNotEqualTo(forAlice.value());
			assertThat(server.requests(TOKEN_EXCHANGE)).isEqualTo(3);
			assertThat(credentials.status()).filteredOn((status) -> status.name().equals("profile"))
				.singleElement()
				.satisfies((status) -> assertThat(status.cachedTokens()).isEqualTo(3));
		});
	}

	/**
	 * Issue 18 item 4: alice calls with her bearer token, then a request authenticated by
	 * a snapshot for alice (no bearer token) must not be served her exchanged token.
	 */
	@Test
	void neverServesAnExchangedTokenToACallerWithoutABearerToken() throws Exception {
		try (Downstream downstream = Downstream.answering((hit) -> 200)) {
			this.runner().run((context) -> {
				OutboundCredentials credentials = context.getBean(OutboundCredentials.class);
				RestClient client = client(credentials, "profile");
				AuthContext withJwt = caller("alice",
						new CredentialCarrier(CredentialCarrierKind.BEARER_TOKEN,
								CredentialCarrierLocation.AUTHORIZATION_HEADER, callerToken("alice"), "Authorization",
								"Bearer"));
				try (AuthContextScope scope = AuthContextHolder.open(withJwt)) {
					client.get().uri(downstream.url()).retrieve().toBodilessEntity();
				}
				assertThat(server.requests(TOKEN_EXCHANGE)).isEqualTo(1);
				String exchanged = downstream.hits().get(0).authorization().get(0);
				AuthContext viaSnapshot = caller("alice",
						new CredentialCarrier(CredentialCarrierKind.AUTH_CONTEXT_SNAPSHOT,
								CredentialCarrierLocation.HEADER, "eyJzbmFwc2hvdCI6dHJ1ZX0", "X-Auth-Context-Snapshot",
								null));
				AuthContext noCredential = caller("alice", null);
				for (AuthContext caller : List.of(viaSnapshot, noCredential)) {
					try (AuthContextScope scope = AuthContextHolder.open(caller)) {
						assertThatExceptionOfType(OutboundCredentialUnavailableException.class)
							.isThrownBy(() -> client.get().uri(downstream.url()).retrieve().toBodilessEntity())
							.withMessageContaining("presented none");
					}
				}
				assertThat(downstream.hits()).hasSize(1);
				assertThat(downstream.hits()).extracting(Downstream.Hit::authorization)
					.containsExactly(List.of(exchanged));
				assertThat(server.requests(TOKEN_EXCHANGE)).isEqualTo(1);
			});
		}
	}

	/**
	 * Issue 18 item 6: a downstream that always answers 401 gets one refresh and retry,
	 * not a new token per call, until the retry back-off has passed.
	 */
	@Test
	void doesNotFetchATokenPerCallFromADownstreamThatAlwaysAnswers401() throws Exception {
		try (Downstream always401 = Downstream.answering((hit) -> 401)) {
			this.runner().withPropertyValues("gatehouse.outbound.retry-backoff=30s").run((context) -> {
				RestClient client = client(context.getBean(OutboundCredentials.class), "billing");
				for (int i = 0; i < 20; i++) {
					assertThatExceptionOfType(HttpClientErrorException.Unauthorized.class)
						.isThrownBy(() -> client.get().uri(always401.url()).retrieve().toBodilessEntity());
				}
				// The first call fetched a token and, on its 401, one more; every later
				// call sent the refused token once and was answered as it came.
				assertThat(server.requests("client_credentials")).isEqualTo(2);
				assertThat(always401.hits()).hasSize(21);
				this.clock.advance(Duration.ofSeconds(30));
				assertThatExceptionOfType(HttpClientErrorException.Unauthorized.class)
					.isThrownBy(() -> client.get().uri(always401.url()).retrieve().toBodilessEntity());
				assertThat(server.requests("client_credentials")).isEqualTo(3);
			});
		}
	}

	/**
	 * Issue 18 item 8: with {@code org.springframework.web.client} at DEBUG, Spring's
	 * RestClient logs every request body it writes; the token requests' bodies carry the
	 * client secret (client_secret_post) and the caller's bearer token (subject_token).
	 */
	@Test
	void keepsTheClientSecretAndTheSubjectTokenOutOfDebugLogs(CapturedOutput output) throws Exception {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		LogLevel before = logging.getLoggerConfiguration("org.springframework.web.client").getConfiguredLevel();
		logging.setLogLevel("org.springframework.web.client", LogLevel.DEBUG);
		try {
			String aliceToken = callerToken("alice");
			server.reset();
			this.runner()
				.withPropertyValues(R + "posted.type=client-credentials", R + "posted.token-uri=" + server.tokenUri(),
						R + "posted.client-id=" + AuthorizationServer.CLIENT_ID,
						R + "posted.client-secret=" + AuthorizationServer.CLIENT_SECRET,
						R + "posted.client-authentication=client_secret_post", R + "posted.allowed-hosts=127.0.0.1:*")
				.run((context) -> {
					OutboundCredentials credentials = context.getBean(OutboundCredentials.class);
					assertThat(credentials.token("posted").value()).isNotBlank();
					assertThat(exchangeAs(credentials, "alice", aliceToken).value()).isNotBlank();
				});
			assertThat(server.requests("client_credentials")).isEqualTo(1);
			assertThat(server.requests(TOKEN_EXCHANGE)).isEqualTo(1);
			// DEBUG was on, and the bodies were logged with their values redacted.
			assertThat(output).contains("Writing [")
				.contains("client_secret=[REDACTED]")
				.contains("subject_token=[REDACTED]");
			assertThat(output).doesNotContain(AuthorizationServer.CLIENT_SECRET).doesNotContain(aliceToken);
		}
		finally {
			logging.setLogLevel("org.springframework.web.client", before);
		}
	}

	private static AuthContext caller(String subject, @Nullable CredentialCarrier credential) {
		AuthContext.Builder builder = AuthContext.builder(subject).issuer("http://127.0.0.1");
		if (credential != null) {
			builder.credentialCarrier(credential);
		}
		return builder.build();
	}

	private static OutboundToken exchangeAs(OutboundCredentials credentials, String subject, String bearer) {
		AuthContext caller = AuthContext.builder(subject)
			.issuer("http://127.0.0.1")
			.credentialCarrier(new CredentialCarrier(CredentialCarrierKind.BEARER_TOKEN,
					CredentialCarrierLocation.AUTHORIZATION_HEADER, bearer, "Authorization", "Bearer"))
			.build();
		try (AuthContextScope scope = AuthContextHolder.open(caller)) {
			return credentials.token("profile");
		}
	}

	private static String callerToken(String clientId) {
		String basic = Base64.getEncoder()
			.encodeToString(
					(clientId + ":" + AuthorizationServer.CALLER_SECRET + clientId).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(URI.create(server.tokenUri()))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=profile"))
			.build();
		try {
			HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			return JsonPath.read(response.body(), "$.access_token");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String claim(String jwt, String name) {
		String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
		return JsonPath.read(payload, "$." + name);
	}

	/** An "identity provider" that accepts connections and drops them, counting each. */
	static final class ClosingServer implements AutoCloseable {

		private final ServerSocket socket;

		private final AtomicInteger connections = new AtomicInteger();

		private final Thread acceptor;

		ClosingServer() throws IOException {
			this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			this.acceptor = new Thread(() -> {
				while (!this.socket.isClosed()) {
					try (Socket accepted = this.socket.accept()) {
						this.connections.incrementAndGet();
					}
					catch (IOException ex) {
						// closed
					}
				}
			}, "closing-server");
			this.acceptor.setDaemon(true);
			this.acceptor.start();
		}

		String url() {
			return "http://127.0.0.1:" + this.socket.getLocalPort() + "/oauth2/token";
		}

		AtomicInteger connections() {
			return this.connections;
		}

		@Override
		public void close() throws Exception {
			this.socket.close();
			this.acceptor.join(5000);
		}

	}

}
