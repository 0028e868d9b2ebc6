package dev.gatehouse.auth.authzen;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import dev.gatehouse.auth.annotation.RequirePolicy;
import dev.gatehouse.auth.annotation.RequireRelation;
import dev.gatehouse.auth.cache.AuthDecisionCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gatehouse deciding in a real Cerbos PDP over AuthZEN, through a counting loopback
 * proxy, on Tomcat with a real HTTP client: relations, tenant reports and an owner rule
 * decided from a customizer's resource property; one PDP request for a boundary with two
 * PDP-backed requirements; every outage a 503 with the circuit sparing the PDP; a cached
 * ALLOW never reused for other roles; and the PDP's credential in no log line, health
 * answer or response.
 */
@ExtendWith(OutputCaptureExtension.class)
class CerbosAuthZenTests {

	private static final String PDP_AUTHORIZATION = "Bearer pdp-credential-d41c7e09";

	private static final String BOB = "authzen-bob-key-1a2b3c";

	private static final String ALICE = "authzen-alice-key-4d5e6f";

	private static final String CAROL = "authzen-carol-key-7a8b9c";

	private static final String DAVE_ADMIN = "authzen-dave-admin-key-0f1e2d";

	private static final String DAVE_PLAIN = "authzen-dave-plain-key-3c4b5a";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static CountingProxy proxy;

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() {
		proxy = CountingProxy.start(CerbosPdp.shared().baseUrl());
		context = application(proxy.baseUrl()).run();
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
		if (proxy != null) {
			proxy.close();
		}
	}

	@BeforeEach
	void reset() {
		proxy.reset();
		context.getBean(AuthDecisionCache.class).evictAll();
	}

	@Test
	void decidesRelationsInThePdp() throws Exception {
		assertThat(send(BOB, "PUT", "/documents/2").statusCode()).isEqualTo(200);
		assertThat(send(BOB, "GET", "/documents/3").statusCode()).isEqualTo(200);
		HttpResponse<String> denied = send(BOB, "PUT", "/documents/3");
		assertThat(denied.statusCode()).isEqualTo(403);
		assertThat(denied.body()).contains("\"reasonCode\":\"RELATION_DENIED\"");
		assertThat(proxy.count("POST", "/access/v1/evaluation")).isEqualTo(3);
		// The PDP's credential reached it.
		assertThat(proxy.requests().get(0).headers().get("Authorization")).containsExactly(PDP_AUTHORIZATION);
	}

	@Test
	void decidesTenantReportsInThePdp() throws Exception {
		assertThat(send(BOB, "GET", "/tenants/acme/report").statusCode()).isEqualTo(200);
		HttpResponse<String> otherTenant = send(BOB, "GET", "/tenants/globex/report");
		assertThat(otherTenant.statusCode()).isEqualTo(403);
		assertThat(otherTenant.body()).contains("\"reasonCode\":\"POLICY_DENIED\"");
		// Alice's admin role reaches Cerbos as cerbos.roles.
		assertThat(send(ALICE, "GET", "/tenants/globex/report").statusCode()).isEqualTo(200);
	}

	@Test
	void decidesAnOwnerRuleFromAResourcePropertyACustomizerAdds() throws Exception {
		// Document 77 is in no relation of the policy: only its owner property, read by
		// the
		// customizer from the application's store, makes carol its owner.
		assertThat(send(CAROL, "DELETE", "/documents/77").statusCode()).isEqualTo(200);
		assertThat(send(BOB, "DELETE", "/documents/77").statusCode()).isEqualTo(403);
		assertThat(proxy.bodies("/access/v1/evaluation").get(0)).contains("\"owner\":\"carol\"");
	}

	@Test
	void decidesABoundaryWithTwoPdpRequirementsInOneRequest() throws Exception {
		assertThat(send(BOB, "GET", "/tenants/acme/documents/3").statusCode()).isEqualTo(200);
		assertThat(proxy.count("POST", "/access/v1/evaluations")).isEqualTo(1);
		assertThat(proxy.total()).isEqualTo(1);

		HttpResponse<String> denied = send(BOB, "GET", "/tenants/globex/documents/3");
		assertThat(denied.statusCode()).isEqualTo(403);
		assertThat(denied.body()).contains("\"reasonCode\":\"POLICY_DENIED\"");
		HttpResponse<String> deniedFirst = send(CAROL, "GET", "/tenants/globex/documents/1");
		assertThat(deniedFirst.body()).contains("\"reasonCode\":\"RELATION_DENIED\"");
		assertThat(proxy.total()).isEqualTo(3);
	}

	@Test
	void aCachedAllowIsNotReusedForTheSameSubjectWithOtherRoles() throws Exception {
		assertThat(send(DAVE_ADMIN, "GET", "/tenants/globex/report").statusCode()).isEqualTo(200);
		assertThat(send(DAVE_ADMIN, "GET", "/tenants/globex/report").statusCode()).isEqualTo(200);
		assertThat(proxy.total()).isEqualTo(1);

		assertThat(send(DAVE_PLAIN, "GET", "/tenants/globex/report").statusCode()).isEqualTo(403);
		assertThat(proxy.total()).isEqualTo(2);
	}

	@Test
	void aFailingPdpIsA503AndTheCircuitSparesItUntilOneTrialSucceeds(CapturedOutput output) throws Exception {
		proxy.respond(500, "{\"error\":\"boom\"}");
		for (int i = 0; i < 2; i++) {
			assertUnavailable(send(BOB, "PUT", "/documents/2"));
		}
		assertThat(proxy.total()).isEqualTo(2);
		for (int i = 0; i < 5; i++) {
			assertUnavailable(send(BOB, "PUT", "/documents/2"));
		}
		assertThat(proxy.total()).as("no request while the circuit is open").isEqualTo(2);
		HttpResponse<String> health = get("/actuator/health/gatehouse");
		assertThat(health.body()).contains("\"circuit\":\"OPEN\"").contains("\"lastFailure\":\"HTTP 500\"");

		proxy.forward();
		Thread.sleep(1200);
		assertThat(send(BOB, "PUT", "/documents/2").statusCode()).isEqualTo(200);
		assertThat(send(BOB, "PUT", "/documents/1").statusCode()).isEqualTo(200);
		assertThat(proxy.total()).isEqualTo(4);
		assertThat(get("/actuator/health/gatehouse").body()).contains("\"circuit\":\"CLOSED\"");

		// Not served from the cache: every call below reaches the proxy.
		context.getBean(AuthDecisionCache.class).evictAll();
		proxy.respondOk("{\"decision\":\"maybe\"}");
		assertUnavailable(send(BOB, "PUT", "/documents/2"));
		proxy.respondOk("not json");
		assertUnavailable(send(BOB, "PUT", "/documents/2"));
		proxy.forward();
		proxy.delay(1500);
		assertUnavailable(send(BOB, "PUT", "/documents/2"));
		// The circuit is open again; once the interval is over it closes for the next
		// test.
		proxy.reset();
		Thread.sleep(1200);
		assertThat(send(BOB, "PUT", "/documents/2").statusCode()).isEqualTo(200);
		// The credential is in no log line (DEBUG included), no health answer, no
		// response.
		assertThat(output).contains("The policy decision point did not decide: HTTP 500")
			.doesNotContain("pdp-credential");
		assertThat(health.body()).doesNotContain("pdp-credential").doesNotContain(proxy.baseUrl());
	}

	@Test
	void aPdpAtAClosedPortIsA503NeverA403OrA200(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext closed = application("http://127.0.0.1:" + closedPort()).run()) {
			int port = closed.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			for (String[] call : List.of(new String[] { BOB, "PUT", "/documents/2" },
					new String[] { CAROL, "PUT", "/documents/2" }, new String[] { BOB, "GET", "/tenants/acme/report" },
					new String[] { BOB, "GET", "/tenants/acme/documents/3" })) {
				HttpResponse<String> response = send(port, call[0], call[1], call[2]);
				assertUnavailable(response);
			}
		}
		assertThat(output).doesNotContain("pdp-credential");
	}

	private static void assertUnavailable(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.body()).contains("\"reasonCode\":\"DECISION_PROVIDER_UNAVAILABLE\"")
			.doesNotContain("pdp-credential");
	}

	private static SpringApplicationBuilder application(String pdpUrl) {
		return new SpringApplicationBuilder(PdpApplication.class).properties("server.port=0",
				"server.address=127.0.0.1", "spring.main.banner-mode=off",
				"management.endpoints.web.exposure.include=health", "management.endpoint.health.show-details=always",
				"logging.level.dev.gatehouse=DEBUG", "logging.level.org.springframework.web=DEBUG",
				"gatehouse.cache.enabled=true", "gatehouse.authzen.base-url=" + pdpUrl,
				"gatehouse.authzen.profile=cerbos", "gatehouse.authzen.timeout=500ms",
				"gatehouse.authzen.failure-threshold=2", "gatehouse.authzen.open-interval=1s",
				"gatehouse.authzen.headers.Authorization=" + PDP_AUTHORIZATION,
				"gatehouse.api-keys[0].sha256=" + sha256(BOB), "gatehouse.api-keys[0].subject=bob",
				"gatehouse.api-keys[0].tenant=acme", "gatehouse.api-keys[0].roles=editor",
				"gatehouse.api-keys[1].sha256=" + sha256(ALICE), "gatehouse.api-keys[1].subject=alice",
				"gatehouse.api-keys[1].tenant=acme", "gatehouse.api-keys[1].roles=admin",
				"gatehouse.api-keys[2].sha256=" + sha256(CAROL), "gatehouse.api-keys[2].subject=carol",
				"gatehouse.api-keys[2].tenant=globex", "gatehouse.api-keys[2].roles=viewer",
				"gatehouse.api-keys[3].sha256=" + sha256(DAVE_ADMIN), "gatehouse.api-keys[3].subject=dave",
				"gatehouse.api-keys[3].tenant=acme", "gatehouse.api-keys[3].roles=admin",
				"gatehouse.api-keys[4].sha256=" + sha256(DAVE_PLAIN), "gatehouse.api-keys[4].subject=dave",
				"gatehouse.api-keys[4].tenant=acme");
	}

	private static HttpResponse<String> send(String apiKey, String method, String path) throws Exception {
		return send(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class), apiKey, method,
				path);
	}

	private static HttpResponse<String> send(int port, String apiKey, String method, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("X-API-Key", apiKey)
			.timeout(Duration.ofSeconds(10))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> get(String path) throws Exception {
		int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static String sha256(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(DocumentController.class)
	static class PdpApplication {

		/**
		 * Owners of documents the policy has no relation for, as an application stores
		 * them.
		 */
		@Bean
		AuthZenRequestCustomizer documentOwner() {
			Map<String, String> owners = Map.of("77", "carol");
			return (request, call, properties) -> {
				if (call.arguments().length > 0 && call.arguments()[0] instanceof String id && owners.containsKey(id)) {
					properties.resource("owner", owners.get(id));
				}
			};
		}

	}

	@RestController
	static class DocumentController {

		@RequireRelation(value = "editor", resource = "document:{id}")
		@PutMapping("/documents/{id}")
		String edit(@PathVariable String id) {
			return "edited " + id;
		}

		@RequireRelation(value = "viewer", resource = "document:{id}")
		@GetMapping("/documents/{id}")
		String read(@PathVariable String id) {
			return "read " + id;
		}

		@RequireRelation(value = "owner", resource = "document:{id}")
		@DeleteMapping("/documents/{id}")
		String delete(@PathVariable String id) {
			return "deleted " + id;
		}

		@RequirePolicy(resource = "report:{tenant}", action = "read", tenant = "{tenant}")
		@GetMapping("/tenants/{tenant}/report")
		String report(@PathVariable String tenant) {
			return "report " + tenant;
		}

		@RequireRelation(value = "viewer", resource = "document:{id}")
		@RequirePolicy(resource = "report:{tenant}", action = "read", tenant = "{tenant}")
		@GetMapping("/tenants/{tenant}/documents/{id}")
		String tenantDocument(@PathVariable String tenant, @PathVariable String id) {
			return "document " + id + " of " + tenant;
		}

	}

}
