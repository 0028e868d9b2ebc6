package dev.gatehouse.auth.propagation;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.auth.annotation.Protected;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.spi.SnapshotSignRequest;
import dev.gatehouse.auth.spi.SnapshotSigner;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gatehouse applications on random loopback ports: "orders" authenticates an API-key
 * caller and calls "billing", its one propagation target, through a {@link RestClient}
 * from Boot's builder; billing, which has no credential configuration but a snapshot
 * verification key, sees the caller's identity from the signed snapshot alone. As the
 * attacker: a partner (a capture server) called through the same builder never receives
 * the snapshot, and a snapshot signed for billing is refused by "payments", which trusts
 * the same key.
 */
@ExtendWith(OutputCaptureExtension.class)
class SnapshotPropagationServerTests {

	private static final String API_KEY = "orders-demo-key-5f2c81";

	private static final String SECRET = Base64.getEncoder()
		.encodeToString("0123456789abcdef0123456789abcdef-orders".getBytes(StandardCharsets.US_ASCII));

	private static final HttpClient client = HttpClient.newHttpClient();

	private static ConfigurableApplicationContext billing;

	private static ConfigurableApplicationContext orders;

	private static ConfigurableApplicationContext ordersWithoutPropagation;

	private static ConfigurableApplicationContext payments;

	private static HttpServer partner;

	private static final List<Map<String, List<String>>> partnerRequests = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void start() throws Exception {
		partner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		partner.createContext("/", (exchange) -> {
			partnerRequests.add(Map.copyOf(exchange.getRequestHeaders()));
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		partner.start();
		billing = new SpringApplicationBuilder(BillingApplication.class).properties(common())
			.properties("spring.application.name=billing", "gatehouse.snapshot.max-envelope-length=2048",
					"gatehouse.snapshot.verification.keys.orders-1.algorithm=HS256",
					"gatehouse.snapshot.verification.keys.orders-1.secret=" + SECRET)
			.run();
		// Trusts the same key, as every service of a deployment that shares it does.
		payments = new SpringApplicationBuilder(BillingApplication.class).properties(common())
			.properties("spring.application.name=payments",
					"gatehouse.snapshot.verification.keys.orders-1.algorithm=HS256",
					"gatehouse.snapshot.verification.keys.orders-1.secret=" + SECRET)
			.run();
		orders = new SpringApplicationBuilder(OrdersApplication.class).properties(orders(true)).run();
		ordersWithoutPropagation = new SpringApplicationBuilder(OrdersApplication.class).properties(orders(false))
			.run();
	}

	@AfterAll
	static void stop() {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { ordersWithoutPropagation,
				orders, billing, payments }) {
			if (context != null) {
				context.close();
			}
		}
		if (partner != null) {
			partner.stop(0);
		}
	}

	@Test
	void aPartnerCalledThroughTheSameBuilderNeverReceivesTheSnapshot() throws Exception {
		partnerRequests.clear();
		HttpResponse<String> response = get(orders, "/orders/partner", "X-API-Key", API_KEY);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(partnerRequests).singleElement().satisfies((headers) -> {
			assertThat(headers.keySet()).noneMatch((name) -> name.equalsIgnoreCase("X-Auth-Context-Snapshot"));
			assertThat(headers.keySet()).noneMatch((name) -> name.equalsIgnoreCase("X-API-Key"));
			assertThat(headers.keySet()).noneMatch((name) -> name.equalsIgnoreCase("Authorization"));
		});
	}

	@Test
	void aSnapshotSignedForBillingIsRefusedByAnotherServiceThatTrustsTheKey() throws Exception {
		String captured = signedEnvelope();
		HttpResponse<String> replayed = get(payments, "/billing/whoami", "X-Auth-Context-Snapshot", captured);
		assertThat(replayed.statusCode()).isEqualTo(401);
		assertThat((String) JsonPath.read(replayed.body(), "$.reasonCode")).isEqualTo("SNAPSHOT_INVALID");
		assertThat(replayed.body()).doesNotContain(captured);
		HttpResponse<String> intended = get(billing, "/billing/whoami", "X-Auth-Context-Snapshot", captured);
		assertThat(intended.statusCode()).isEqualTo(200);
	}

	@Test
	void aSnapshotWithoutAudienceIsRefusedByDefault() throws Exception {
		AuthContext context = AuthContext.builder("ada").roles("REPORTER").build();
		String unbound = orders.getBean(SnapshotSigner.class).sign(new SnapshotSignRequest(context, null)).envelope();
		HttpResponse<String> response = get(billing, "/billing/whoami", "X-Auth-Context-Snapshot", unbound);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat((String) JsonPath.read(response.body(), "$.reasonCode")).isEqualTo("SNAPSHOT_INVALID");
	}

	@Test
	void downstreamSeesTheCallersIdentityButNeverItsCredential(CapturedOutput output) throws Exception {
		HttpResponse<String> response = get(orders, "/orders/forward", "X-API-Key", API_KEY);
		assertThat(response.statusCode()).isEqualTo(200);
		String body = response.body();
		assertThat((Integer) JsonPath.read(body, "$.status")).isEqualTo(200);
		String seen = JsonPath.read(body, "$.body");
		assertThat((String) JsonPath.read(seen, "$.subject")).isEqualTo("ada");
		assertThat((List<String>) JsonPath.read(seen, "$.roles")).containsExactly("REPORTER");
		assertThat((String) JsonPath.read(seen, "$.tenant")).isEqualTo("acme");
		assertThat((String) JsonPath.read(seen, "$.correlationId")).isEqualTo("corr-42");
		assertThat((List<String>) JsonPath.read(seen, "$.delegationChain")).containsExactly("orders");
		assertThat((String) JsonPath.read(seen, "$.credentialKind")).isEqualTo("AUTH_CONTEXT_SNAPSHOT");
		assertThat((Boolean) JsonPath.read(seen, "$.apiKeyHeaderSeen")).isFalse();
		assertThat((Boolean) JsonPath.read(seen, "$.authorizationHeaderSeen")).isFalse();
		assertThat(body).doesNotContain(API_KEY);
		assertThat(output).doesNotContain(API_KEY).doesNotContain(SECRET);
	}

	@Test
	void downstreamChallengesWhenTheCallerDoesNotPropagate() throws Exception {
		HttpResponse<String> response = get(ordersWithoutPropagation, "/orders/forward", "X-API-Key", API_KEY);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat((Integer) JsonPath.read(response.body(), "$.status")).isEqualTo(401);
		String problem = JsonPath.read(response.body(), "$.body");
		assertThat((String) JsonPath.read(problem, "$.reasonCode")).isEqualTo("MISSING_CREDENTIAL");
	}

	@Test
	void downstreamRejectsATamperedSnapshot() throws Exception {
		String envelope = signedEnvelope();
		char last = envelope.charAt(envelope.length() - 1);
		String tampered = envelope.substring(0, envelope.length() - 1) + ((last == 'A') ? 'B' : 'A');
		HttpResponse<String> response = get(billing, "/billing/whoami", "X-Auth-Context-Snapshot", tampered);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValue("Bearer realm=\"gatehouse\", error=\"invalid_token\"");
		assertThat((String) JsonPath.read(response.body(), "$.reasonCode")).isEqualTo("SNAPSHOT_INVALID");
		assertThat(response.body()).doesNotContain(tampered);
	}

	@Test
	void snapshotWinsOverAnotherCredentialOnTheSameRequest() throws Exception {
		HttpResponse<String> response = get(billing, "/billing/whoami", "X-Auth-Context-Snapshot", signedEnvelope(),
				"Authorization", "Bearer some-other-token");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat((String) JsonPath.read(response.body(), "$.subject")).isEqualTo("ada");
	}

	@Test
	void rejectsAnOversizedSnapshotWithItsOwnReason() throws Exception {
		// Longer than billing's max-envelope-length (2048), shorter than Tomcat's own
		// header limit.
		HttpResponse<String> response = get(billing, "/billing/whoami", "X-Auth-Context-Snapshot", "A".repeat(3000));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat((String) JsonPath.read(response.body(), "$.reasonCode")).isEqualTo("SNAPSHOT_INVALID");
	}

	private static String signedEnvelope() {
		AuthContext context = AuthContext.builder("ada").roles("REPORTER").tenant("acme").build();
		return orders.getBean(SnapshotSigner.class).sign(new SnapshotSignRequest(context, null, "billing")).envelope();
	}

	private static String[] common() {
		return new String[] { "server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off" };
	}

	private static String[] orders(boolean propagate) {
		Map<String, String> properties = new LinkedHashMap<>();
		for (String property : common()) {
			String[] pair = property.split("=", 2);
			properties.put(pair[0], pair[1]);
		}
		properties.put("spring.application.name", "orders");
		properties.put("gatehouse.api-keys[0].sha256", sha256(API_KEY));
		properties.put("gatehouse.api-keys[0].subject", "ada");
		properties.put("gatehouse.api-keys[0].roles", "REPORTER");
		properties.put("gatehouse.api-keys[0].tenant", "acme");
		properties.put("gatehouse.snapshot.propagation.enabled", String.valueOf(propagate));
		properties.put("gatehouse.snapshot.signing.key-id", "orders-1");
		properties.put("gatehouse.snapshot.signing.secret", SECRET);
		properties.put("gatehouse.snapshot.verification.keys.orders-1.secret", SECRET);
		properties.put("billing.url", "http://127.0.0.1:" + port(billing));
		properties.put("partner.url", "http://127.0.0.1:" + partner.getAddress().getPort() + "/hooks");
		properties.put("gatehouse.snapshot.propagation.targets[0].url",
				"http://127.0.0.1:" + port(billing) + "/billing");
		properties.put("gatehouse.snapshot.propagation.targets[0].audience", "billing");
		return properties.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static HttpResponse<String> get(ConfigurableApplicationContext target, String path, String... headers)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(target) + path));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String sha256(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(OrdersController.class)
	static class OrdersApplication {

	}

	@RestController
	static class OrdersController {

		private final RestClient billing;

		private final RestClient partner;

		OrdersController(RestClient.Builder builder, Environment environment) {
			this.billing = builder.clone().baseUrl(environment.getRequiredProperty("billing.url")).build();
			// A webhook or payment provider, built from the same Boot builder.
			this.partner = builder.clone().baseUrl(environment.getRequiredProperty("partner.url")).build();
		}

		@Protected
		@GetMapping("/orders/partner")
		Map<String, Object> callPartner() {
			int status = this.partner.post()
				.uri("/order-created")
				.retrieve()
				.toBodilessEntity()
				.getStatusCode()
				.value();
			return Map.of("status", status);
		}

		@Protected
		@GetMapping("/orders/forward")
		Map<String, Object> forward() throws Exception {
			// The application gives the call chain a correlation id; the snapshot carries
			// it downstream.
			AuthContext caller = AuthContextHolder.require().toBuilder().correlationId("corr-42").build();
			ResponseEntity<String> answer = AuthContextHolder.callWith(caller,
					() -> this.billing.get()
						.uri("/billing/whoami")
						.exchange((request, response) -> ResponseEntity.status(response.getStatusCode())
							.body(new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8))));
			return Map.of("status", answer.getStatusCode().value(), "body", String.valueOf(answer.getBody()));
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(BillingController.class)
	static class BillingApplication {

	}

	@RestController
	static class BillingController {

		@RequireRole("REPORTER")
		@GetMapping("/billing/whoami")
		Map<String, Object> whoami(HttpServletRequest request) {
			AuthContext context = AuthContextHolder.require();
			Map<String, Object> seen = new LinkedHashMap<>();
			seen.put("subject", context.subject().id());
			seen.put("roles", context.roles());
			seen.put("tenant", context.tenant());
			seen.put("correlationId", context.correlationId());
			seen.put("delegationChain", context.delegationChain());
			seen.put("credentialKind",
					(context.credentialCarrier() != null) ? context.credentialCarrier().kind().name() : null);
			seen.put("apiKeyHeaderSeen", request.getHeader("X-API-Key") != null);
			seen.put("authorizationHeaderSeen", request.getHeader("Authorization") != null);
			return seen;
		}

	}

}
