package dev.gatehouse.auth.actuate;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code refresh} write operation of the {@code gatehouse} endpoint as an anonymous
 * caller meets it (issue 18, item 5), over real HTTP with a loopback token server
 * counting client-credentials requests: by default the endpoint is read-only, so 20
 * anonymous POSTs are refused and reach no identity provider; with write access granted
 * deliberately, 20 POSTs make one token request per registration within
 * {@code gatehouse.outbound.retry-backoff}.
 */
class GatehouseRefreshServerTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final Map<String, AtomicInteger> tokenRequests = new ConcurrentHashMap<>();

	private HttpServer tokenServer;

	private ConfigurableApplicationContext context;

	@BeforeEach
	void startTokenServer() throws IOException {
		this.tokenServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.tokenServer.createContext("/oauth2/token", this::issueToken);
		this.tokenServer.start();
	}

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
		this.tokenServer.stop(0);
	}

	@Test
	void anonymousRefreshesAreRefusedByDefaultAndReachNoIdentityProvider() throws Exception {
		start();
		int before = totalTokenRequests();

		for (int i = 0; i < 20; i++) {
			HttpResponse<String> response = post("{}");
			assertThat(response.statusCode()).isEqualTo(405);
		}
		assertThat(post("{\"registration\":\"ledger\"}").statusCode()).isEqualTo(405);

		assertThat(totalTokenRequests()).isEqualTo(before).isZero();
		assertThat(get("/actuator/gatehouse").statusCode()).isEqualTo(200);
	}

	@Test
	void grantedRefreshesAreLimitedToOnePerRegistrationWithinTheRetryBackoff() throws Exception {
		start("management.endpoint.gatehouse.access=unrestricted", "gatehouse.outbound.retry-backoff=1h");

		HttpResponse<String> first = post("{}");
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<Map<String, Boolean>>read(first.body(), "$")).containsEntry("ledger", true)
			.containsEntry("billing", true);
		for (int i = 0; i < 19; i++) {
			HttpResponse<String> again = post("{}");
			assertThat(again.statusCode()).isEqualTo(200);
			assertThat(JsonPath.<Map<String, Boolean>>read(again.body(), "$")).containsEntry("ledger", false)
				.containsEntry("billing", false);
		}
		HttpResponse<String> named = post("{\"registration\":\"ledger\"}");
		assertThat(JsonPath.<Map<String, Boolean>>read(named.body(), "$")).containsExactly(Map.entry("ledger", false));

		assertThat(this.tokenRequests.get("ledger-client")).hasValue(1);
		assertThat(this.tokenRequests.get("billing-client")).hasValue(1);
	}

	private void start(String... properties) {
		String tokenUri = "http://127.0.0.1:" + this.tokenServer.getAddress().getPort() + "/oauth2/token";
		this.context = new SpringApplicationBuilder(RefreshApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"management.endpoints.web.exposure.include=gatehouse",
					"gatehouse.outbound.registrations.ledger.type=client-credentials",
					"gatehouse.outbound.registrations.ledger.token-uri=" + tokenUri,
					"gatehouse.outbound.registrations.ledger.client-id=ledger-client",
					"gatehouse.outbound.registrations.ledger.client-secret=ledger-secret-5c2d",
					"gatehouse.outbound.registrations.ledger.allowed-hosts=127.0.0.1",
					"gatehouse.outbound.registrations.billing.type=client-credentials",
					"gatehouse.outbound.registrations.billing.token-uri=" + tokenUri,
					"gatehouse.outbound.registrations.billing.client-id=billing-client",
					"gatehouse.outbound.registrations.billing.client-secret=billing-secret-9e1a",
					"gatehouse.outbound.registrations.billing.allowed-hosts=127.0.0.1")
			.properties(properties)
			.run();
	}

	private void issueToken(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		String client = clientId(authorization, body);
		this.tokenRequests.computeIfAbsent(client, (key) -> new AtomicInteger()).incrementAndGet();
		byte[] response = ("{\"access_token\":\"token-for-" + client
				+ "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")
			.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, response.length);
		exchange.getResponseBody().write(response);
		exchange.close();
	}

	private static String clientId(String authorization, String body) {
		if (authorization != null && authorization.startsWith("Basic ")) {
			String decoded = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
			return URLDecoder.decode(decoded.substring(0, decoded.indexOf(':')), StandardCharsets.UTF_8);
		}
		for (String pair : body.split("&")) {
			if (pair.startsWith("client_id=")) {
				return URLDecoder.decode(pair.substring(10), StandardCharsets.UTF_8);
			}
		}
		return "unknown";
	}

	private int totalTokenRequests() {
		return this.tokenRequests.values().stream().mapToInt(AtomicInteger::get).sum();
	}

	private HttpResponse<String> get(String path) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String json) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(uri("/actuator/gatehouse"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		return URI.create("http://127.0.0.1:" + port + path);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class RefreshApplication {

	}

}
