package dev.gatehouse.auth.authzen;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The AuthZEN client against a scripted loopback endpoint: what it sends, which answers
 * are decisions, every way an engine fails, the circuit, discovery and health. The real
 * engine is {@code CerbosAuthZenTests}'.
 */
class AuthZenClientTests {

	private static final String SECRET = "Bearer pdp-secret-value-7f3a";

	private static final AuthZenEvaluation EDIT = new AuthZenEvaluation(
			new AuthZenEvaluation.Subject("user", "bob", Map.of("roles", List.of("editor"))),
			new AuthZenEvaluation.Action("editor"), new AuthZenEvaluation.Resource("document", "42", Map.of()),
			Map.of("boundary", "DocumentController.update"));

	private static final AuthZenEvaluation READ = new AuthZenEvaluation(EDIT.subject(),
			new AuthZenEvaluation.Action("read"),
			new AuthZenEvaluation.Resource("report", "acme", Map.of("tenant", "acme")),
			Map.of("boundary", "DocumentController.update"));

	private final JsonMapper json = JsonMapper.builder().build();

	private final StubPdp pdp = newStub();

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	@AfterEach
	void stop() {
		this.pdp.close();
	}

	@Test
	void sendsOneEvaluationToTheEvaluationEndpointWithTheHeadersAndCorrelationId() {
		this.pdp.answer("/access/v1/evaluation", 200, "{\"decision\":true}");
		AuthZenClient client = client(this.pdp.baseUrl(), false, 2);

		assertThat(client.evaluate(List.of(EDIT), "corr-1")).containsExactly(true);

		StubPdp.Recorded request = this.pdp.requestsTo("/access/v1/evaluation").get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.headers()).containsEntry("authorization", SECRET)
			.containsEntry("content-type", "application/json");
		JsonNode body = this.json.readTree(request.body());
		assertThat(body.at("/subject/type").stringValue()).isEqualTo("user");
		assertThat(body.at("/subject/id").stringValue()).isEqualTo("bob");
		assertThat(body.at("/subject/properties/roles/0").stringValue()).isEqualTo("editor");
		assertThat(body.at("/action/name").stringValue()).isEqualTo("editor");
		assertThat(body.at("/resource/type").stringValue()).isEqualTo("document");
		assertThat(body.at("/resource/id").stringValue()).isEqualTo("42");
		assertThat(body.at("/resource/properties").isMissingNode()).isTrue();
		assertThat(body.at("/context/boundary").stringValue()).isEqualTo("DocumentController.update");
		assertThat(body.at("/context/correlation_id").stringValue()).isEqualTo("corr-1");
	}

	@Test
	void sendsSeveralInOneBatchThatStopsAtTheFirstDeny() {
		this.pdp.answer("/access/v1/evaluations", 200, "{\"evaluations\":[{\"decision\":true},{\"decision\":false}]}");
		AuthZenClient client = client(this.pdp.baseUrl(), false, 2);

		assertThat(client.evaluate(List.of(EDIT, READ, EDIT), null)).containsExactly(true, false);

		assertThat(this.pdp.requests).hasSize(1);
		JsonNode body = this.json.readTree(this.pdp.requests.get(0).body());
		assertThat(body.at("/options/evaluations_semantic").stringValue()).isEqualTo("deny_on_first_deny");
		assertThat(body.get("evaluations").size()).isEqualTo(3);
		assertThat(body.at("/evaluations/1/resource/properties/tenant").stringValue()).isEqualTo("acme");
		assertThat(body.at("/evaluations/1/context/correlation_id").isMissingNode()).isTrue();
	}

	@Test
	void appendsThePathsToABaseUrlWithAPath() {
		this.pdp.answer("/stores/01ABC/access/v1/evaluation", 200, "{\"decision\":false}");
		AuthZenClient client = client(URI.create(this.pdp.baseUrl() + "/stores/01ABC/"), false, 2);

		assertThat(client.evaluate(List.of(EDIT), null)).containsExactly(false);
	}

	@Test
	void anythingButADecisionIsUnavailableNeverADeny() {
		assertUnavailable(500, "{\"decision\":false}", "HTTP 500");
		assertUnavailable(302, "", "HTTP 302");
		assertUnavailable(401, "{\"decision\":true}", "HTTP 401");
		assertUnavailable(200, "{}", "response without a decision");
		assertUnavailable(200, "{\"decision\":\"true\"}", "response without a decision");
		assertUnavailable(200, "{\"decision\":null}", "response without a decision");
		assertUnavailable(200, "[true]", "malformed response");
		assertUnavailable(200, "{\"decision\":tru", "malformed response");
		assertUnavailable(200, "{\"decision\":false,\"decision\":true}", "malformed response");
		assertUnavailable(200, "", "malformed response");
	}

	@Test
	void aBatchAnswerMustCoverWhatWasAskedUpToTheFirstDeny() {
		assertBatchUnavailable("{\"evaluations\":[{\"decision\":true}]}");
		assertBatchUnavailable("{\"evaluations\":[]}");
		assertBatchUnavailable("{\"evaluations\":[{\"decision\":true},{\"decision\":true},{\"decision\":true}]}");
		assertBatchUnavailable("{\"evaluations\":[{\"decision\":true},{}]}");
		assertBatchUnavailable("{\"decision\":true}");
	}

	@Test
	void aSlowEngineTimesOut() {
		this.pdp.answer("/access/v1/evaluation", 200, "{\"decision\":true}", 1500);
		AuthZenClient client = new AuthZenClient(new AuthZenClient.Settings(this.pdp.baseUrl(), false,
				Duration.ofMillis(200), Map.of(), 5, Duration.ofSeconds(10)), ObservationRegistry.NOOP);

		long start = System.nanoTime();
		assertThatExceptionOfType(AuthZenUnavailableException.class)
			.isThrownBy(() -> client.evaluate(List.of(EDIT), null))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("timeout"));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1400));
	}

	@Test
	void aClosedPortIsARefusedConnection() throws IOException {
		AuthZenClient client = client(URI.create("http://127.0.0.1:" + closedPort()), false, 5);

		assertThatExceptionOfType(AuthZenUnavailableException.class)
			.isThrownBy(() -> client.evaluate(List.of(EDIT), null))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("connection refused"));
	}

	@Test
	void theCircuitOpensAfterTheThresholdFailsFastThenLetsOneTrialThrough() {
		this.pdp.answer("/access/v1/evaluation", 500, "{}");
		AuthZenClient client = client(this.pdp.baseUrl(), false, 2);

		assertReason(client, "HTTP 500");
		assertReason(client, "HTTP 500");
		for (int i = 0; i < 5; i++) {
			assertReason(client, "circuit open");
		}
		assertThat(this.pdp.requests).hasSize(2);
		assertThat(client.decisionEngineHealth().up()).isFalse();
		assertThat(client.decisionEngineHealth().details()).containsEntry("circuit", "OPEN");

		this.nanos.addAndGet(Duration.ofSeconds(11).toNanos());
		this.pdp.answer("/access/v1/evaluation", 200, "{\"decision\":true}");
		assertThat(client.evaluate(List.of(EDIT), null)).containsExactly(true);
		assertThat(client.evaluate(List.of(EDIT), null)).containsExactly(true);
		assertThat(this.pdp.requests).hasSize(4);
		assertThat(client.decisionEngineHealth().up()).isTrue();
		assertThat(client.decisionEngineHealth().details()).containsEntry("circuit", "CLOSED")
			.doesNotContainKey("lastFailure");
	}

	@Test
	void aFailedTrialOpensTheCircuitAgain() {
		this.pdp.answer("/access/v1/evaluation", 503, "{}");
		AuthZenClient client = client(this.pdp.baseUrl(), false, 1);
		assertReason(client, "HTTP 503");
		assertReason(client, "circuit open");

		this.nanos.addAndGet(Duration.ofSeconds(11).toNanos());
		assertReason(client, "HTTP 503");
		assertReason(client, "circuit open");
		assertThat(this.pdp.requests).hasSize(2);
	}

	@Test
	void discoversEndpointsOnTheBaseUrlsOrigin() {
		String base = this.pdp.baseUrl().toString();
		this.pdp.answer("/.well-known/authzen-configuration", 200, "{\"policy_decision_point\":\"" + base
				+ "\",\"access_evaluation_endpoint\":\"" + base + "/custom/evaluation\"}");
		this.pdp.answer("/custom/evaluation", 200, "{\"decision\":true}");
		this.pdp.answer("/access/v1/evaluations", 200, "{\"evaluations\":[{\"decision\":true},{\"decision\":true}]}");
		AuthZenClient client = client(this.pdp.baseUrl(), true, 2);

		assertThat(client.discover()).isTrue();
		assertThat(client.evaluate(List.of(EDIT), null)).containsExactly(true);
		// An endpoint the document leaves out is the standard path.
		assertThat(client.evaluate(List.of(EDIT, READ), null)).containsExactly(true, true);
		assertThat(this.pdp.requestsTo("/.well-known/authzen-configuration")).hasSize(1);
	}

	@Test
	void refusesDiscoveredEndpointsOnAnotherOriginSoTheHeadersGoNowhereElse() throws IOException {
		try (StubPdp elsewhere = newStub()) {
			elsewhere.answer("/access/v1/evaluation", 200, "{\"decision\":true}");
			this.pdp.answer("/.well-known/authzen-configuration", 200,
					"{\"access_evaluation_endpoint\":\"" + elsewhere.baseUrl() + "/access/v1/evaluation\"}");
			AuthZenClient client = client(this.pdp.baseUrl(), true, 5);

			assertThat(client.discover()).isFalse();
			assertReason(client, "discovered endpoint on another origin");
			assertThat(elsewhere.requests).isEmpty();
		}
	}

	@Test
	void anUnreachableDiscoveryDocumentIsDownAndTheFirstCallTriesAgain() {
		AuthZenClient client = client(this.pdp.baseUrl(), true, 5);

		assertThat(client.discover()).isFalse();
		assertThat(client.decisionEngineHealth().up()).isFalse();
		assertThat(client.decisionEngineHealth().details()).containsEntry("lastFailure", "HTTP 404")
			.containsEntry("endpoints", "not discovered");

		this.pdp.answer("/.well-known/authzen-configuration", 200, "{}");
		this.pdp.answer("/access/v1/evaluation", 200, "{\"decision\":true}");
		assertThat(client.evaluate(List.of(EDIT), null)).containsExactly(true);
		assertThat(client.decisionEngineHealth().up()).isTrue();
	}

	@Test
	void headerValuesAppearInNoExceptionHealthOrToString() {
		this.pdp.answer("/access/v1/evaluation", 500, SECRET);
		AuthZenClient client = client(this.pdp.baseUrl(), false, 5);

		assertThatExceptionOfType(AuthZenUnavailableException.class)
			.isThrownBy(() -> client.evaluate(List.of(EDIT), null))
			.satisfies((ex) -> assertThat(ex).hasMessageNotContaining("pdp-secret"));
		assertThat(client.toString()).contains("Authorization").doesNotContain("pdp-secret");
		assertThat(client.decisionEngineHealth().details().toString()).doesNotContain("pdp-secret")
			.doesNotContain("127.0.0.1");
		assertThat(new AuthZenClient.Settings(this.pdp.baseUrl(), false, Duration.ofSeconds(1),
				Map.of("Authorization", SECRET), 5, Duration.ofSeconds(1))
			.toString()).doesNotContain("pdp-secret");
	}

	@Test
	void observesEachCall() {
		this.pdp.answer("/access/v1/evaluation", 200, "{\"decision\":true}");
		TestObservationRegistry registry = TestObservationRegistry.create();
		AuthZenClient client = new AuthZenClient(new AuthZenClient.Settings(this.pdp.baseUrl(), false,
				Duration.ofSeconds(1), Map.of(), 5, Duration.ofSeconds(10)), registry);

		client.evaluate(List.of(EDIT), null);

		TestObservationRegistryAssert.assertThat(registry)
			.hasObservationWithNameEqualTo(AuthZenClient.OBSERVATION_NAME)
			.that()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("gatehouse.authzen.endpoint", "evaluation")
			.hasLowCardinalityKeyValue("gatehouse.authzen.outcome", "decided");
	}

	@Test
	void refusesUnusableSettings() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> settings(URI.create("ftp://x")));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> settings(URI.create("http://user:pw@localhost")));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> settings(URI.create("http://localhost?q=1")));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new AuthZenClient.Settings(this.pdp.baseUrl(), false, Duration.ZERO, Map.of(), 5,
					Duration.ofSeconds(1)));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new AuthZenClient.Settings(this.pdp.baseUrl(), false, Duration.ofSeconds(1), Map.of(), 0,
					Duration.ofSeconds(1)));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new AuthZenClient.Settings(this.pdp.baseUrl(), false, Duration.ofSeconds(1), Map.of(), 1,
					Duration.ofSeconds(-1)));
	}

	private static AuthZenClient.Settings settings(URI baseUrl) {
		return new AuthZenClient.Settings(baseUrl, false, Duration.ofSeconds(1), Map.of(), 5, Duration.ofSeconds(1));
	}

	private void assertUnavailable(int status, String body, String reason) {
		try (StubPdp stub = newStub()) {
			stub.answer("/access/v1/evaluation", status, body);
			assertReason(client(stub.baseUrl(), false, 5), reason);
		}
	}

	private void assertBatchUnavailable(String body) {
		try (StubPdp stub = newStub()) {
			stub.answer("/access/v1/evaluations", 200, body);
			assertThatExceptionOfType(AuthZenUnavailableException.class)
				.isThrownBy(() -> client(stub.baseUrl(), false, 5).evaluate(List.of(EDIT, READ), null))
				.satisfies((ex) -> assertThat(ex.reason()).startsWith("response without"));
		}
	}

	private static void assertReason(AuthZenClient client, String reason) {
		assertThatExceptionOfType(AuthZenUnavailableException.class)
			.isThrownBy(() -> client.evaluate(List.of(EDIT), null))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

	private AuthZenClient client(URI baseUrl, boolean discovery, int threshold) {
		return new AuthZenClient(new AuthZenClient.Settings(baseUrl, discovery, Duration.ofSeconds(1),
				Map.of("Authorization", SECRET), threshold, Duration.ofSeconds(10)), ObservationRegistry.NOOP,
				this.nanos::get);
	}

	private static StubPdp newStub() {
		try {
			return new StubPdp();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
