package dev.gatehouse.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.gatehouse.sample.ReadmeScenarios.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the audit service and the documents service as two Spring contexts in this JVM,
 * on random loopback ports, the documents service's audit client pointed at the audit
 * service, and drives both with the JDK {@link HttpClient}: the README's scenario table
 * first (it assumes a fresh start), then what the table cannot express.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
class SampleEndToEndTests {

	private static final List<String> USERS = List.of("alice", "bob", "carol");

	/**
	 * The document each user may edit through a relation: alice owns 2, bob 1, carol 3.
	 */
	private static final Map<String, String> EDITABLE = Map.of("alice", "2", "bob", "1", "carol", "3");

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private ConfigurableApplicationContext audit;

	private ConfigurableApplicationContext documents;

	private Map<String, String> baseUrls;

	@BeforeAll
	void startBothServices() {
		// Command-line arguments, not default properties: application.yml names fixed
		// ports (8080, 8090) and would override defaults.
		this.audit = new SpringApplicationBuilder(SampleApplication.class).profiles("audit")
			.run(loopbackOnRandomPorts());
		String auditPort = port(this.audit, "local.server.port");
		String auditUrl = "http://127.0.0.1:" + auditPort;
		List<String> documentsArguments = new ArrayList<>(List.of(loopbackOnRandomPorts()));
		documentsArguments.add("--sample.audit.base-url=" + auditUrl);
		// The audit registration's credential may go to the audit service only, wherever
		// this run put it.
		documentsArguments.add("--gatehouse.outbound.registrations.audit.allowed-hosts=127.0.0.1:" + auditPort);
		this.documents = new SpringApplicationBuilder(SampleApplication.class)
			.run(documentsArguments.toArray(String[]::new));
		this.baseUrls = Map.of("documents", "http://127.0.0.1:" + port(this.documents, "local.server.port"),
				"documents-actuator", "http://127.0.0.1:" + port(this.documents, "local.management.port"), "audit",
				auditUrl);
	}

	private static String[] loopbackOnRandomPorts() {
		return new String[] { "--server.port=0", "--server.address=127.0.0.1", "--management.server.port=0",
				"--management.server.address=127.0.0.1" };
	}

	private static String port(ConfigurableApplicationContext context, String property) {
		String port = context.getEnvironment().getProperty(property);
		assertThat(port).as(property).isNotNull();
		return port;
	}

	@AfterAll
	void stopBothServices() {
		if (this.documents != null) {
			this.documents.close();
		}
		if (this.audit != null) {
			this.audit.close();
		}
	}

	@Test
	@Order(1)
	void answersEveryReadmeScenarioAsDocumented() throws Exception {
		List<Scenario> scenarios = ReadmeScenarios.load().scenarios();
		assertThat(scenarios).hasSizeGreaterThanOrEqualTo(20);
		for (Scenario scenario : scenarios) {
			HttpResponse<String> response = send(scenario);
			assertThat(response.statusCode()).as("%s: status", scenario).isEqualTo(scenario.status());
			assertThat(response.headers().firstValue("WWW-Authenticate")).as("%s: WWW-Authenticate", scenario)
				.isEqualTo(Optional.ofNullable(scenario.wwwAuthenticate()));
			if (scenario.reasonCode() != null) {
				assertThat(response.headers().firstValue("Content-Type")).as("%s: content type", scenario)
					.hasValue("application/problem+json");
				assertThat(this.json.readTree(response.body()).path("reasonCode").asString())
					.as("%s: reasonCode", scenario)
					.isEqualTo(scenario.reasonCode());
			}
			else {
				assertThat(response.body()).as("%s: not a problem", scenario).doesNotContain("\"reasonCode\"");
			}
			if (scenario.emptyBody()) {
				assertThat(response.body()).as("%s: body", scenario).isEmpty();
			}
			for (String expected : scenario.contains()) {
				assertThat(response.body()).as("%s: body", scenario).contains(expected);
			}
		}
	}

	@Test
	@Order(2)
	void readmeCurlCommandsAreTheScenarioRows() {
		ReadmeScenarios readme = ReadmeScenarios.load();
		assertThat(readme.curlCommands())
			.containsExactlyElementsOf(readme.scenarios().stream().map(Scenario::curl).toList());
	}

	@Test
	@Order(3)
	void auditRecordCarriesWriterDelegationChainAndCorrelationId() throws Exception {
		HttpResponse<String> created = send("bob", "documents", "POST", "/api/documents",
				"{\"title\":\"Audited\",\"body\":\"Traced end to end\"}");
		assertThat(created.statusCode()).isEqualTo(201);
		String correlationId = created.headers().firstValue("X-Correlation-Id").orElseThrow();
		String id = this.json.readTree(created.body()).path("id").asString();

		JsonNode record = auditRecords().stream()
			.filter((candidate) -> candidate.path("detail").asString().equals("Audited"))
			.findFirst()
			.orElseThrow();
		assertThat(record.path("action").asString()).isEqualTo("create");
		assertThat(record.path("document").asString()).isEqualTo(id);
		assertThat(record.path("subject").asString()).isEqualTo("bob");
		assertThat(record.path("tenant").asString()).isEqualTo("acme");
		assertThat(record.path("correlationId").asString()).isEqualTo(correlationId);
		assertThat(record.path("delegationChain").values()).extracting(JsonNode::asString).containsExactly("documents");
	}

	@Test
	@Order(4)
	void exportRunsAsTheCallerOnAnExecutorThread() throws Exception {
		HttpResponse<String> response = send("alice", "documents", "POST", "/api/documents/2/export", null);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode export = this.json.readTree(response.body());
		assertThat(export.path("requestedBy").asString()).isEqualTo("alice");
		assertThat(export.path("ranAs").asString()).isEqualTo("alice");
		assertThat(export.path("jobThread").asString()).startsWith("export-")
			.isNotEqualTo(export.path("requestThread").asString());
	}

	@Test
	@Order(5)
	void decisionsAreLoggedWithTheRequestsCorrelationId(CapturedOutput output) throws Exception {
		HttpResponse<String> response = send("carol", "documents", "GET", "/api/tenants/acme/report", null);
		assertThat(response.statusCode()).isEqualTo(403);
		String correlationId = response.headers().firstValue("X-Correlation-Id").orElseThrow();
		assertThat(output.getOut()).containsPattern("\\[" + correlationId
				+ "\\].*DecisionLoggingObservationHandler\\s*: gatehouse.authorization DENY/POLICY_DENIED HTTP "
				+ "/api/tenants/\\{tenant\\}/report");
	}

	@Test
	@Order(6)
	void concurrentCallersEachSeeOnlyTheirOwnIdentity() throws Exception {
		int requests = 300;
		Map<String, String> writers = new ConcurrentHashMap<>();
		Map<String, String> correlationIds = new ConcurrentHashMap<>();
		ExecutorService clients = Executors.newFixedThreadPool(16);
		try {
			List<Future<?>> results = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				String user = USERS.get(i % USERS.size());
				int n = i;
				results.add(clients.submit(() -> {
					if (n % 2 == 0) {
						HttpResponse<String> me = send(user, "documents", "GET", "/api/me", null);
						assertThat(me.statusCode()).as("request %d", n).isEqualTo(200);
						assertThat(this.json.readTree(me.body()).path("subject").asString()).as("request %d", n)
							.isEqualTo(user);
					}
					else {
						String title = "concurrent-" + n;
						HttpResponse<String> written = send(user, "documents", "PUT",
								"/api/documents/" + EDITABLE.get(user), "{\"title\":\"" + title + "\",\"body\":\"x\"}");
						assertThat(written.statusCode()).as("request %d", n).isEqualTo(200);
						writers.put(title, user);
						correlationIds.put(title, written.headers().firstValue("X-Correlation-Id").orElseThrow());
					}
					return null;
				}));
			}
			for (Future<?> result : results) {
				result.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			clients.shutdownNow();
		}
		assertThat(writers).hasSize(requests / 2);
		List<JsonNode> records = auditRecords().stream()
			.filter((record) -> record.path("detail").asString().startsWith("concurrent-"))
			.toList();
		assertThat(records).hasSize(requests / 2);
		for (JsonNode record : records) {
			String title = record.path("detail").asString();
			assertThat(record.path("subject").asString()).as(title).isEqualTo(writers.get(title));
			assertThat(record.path("correlationId").asString()).as(title).isEqualTo(correlationIds.get(title));
			assertThat(record.path("delegationChain").values()).extracting(JsonNode::asString)
				.containsExactly("documents");
		}
	}

	private List<JsonNode> auditRecords() throws IOException, InterruptedException {
		HttpResponse<String> response = send("alice", "audit", "GET", "/internal/audit", null);
		assertThat(response.statusCode()).isEqualTo(200);
		return this.json.readTree(response.body()).values().stream().toList();
	}

	private HttpResponse<String> send(Scenario scenario) throws IOException, InterruptedException {
		return send(scenario.user(), scenario.service(), scenario.method(), scenario.path(), scenario.body());
	}

	private HttpResponse<String> send(String user, String service, String method, String path, String body)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrls.get(service) + path))
			.timeout(Duration.ofSeconds(30));
		String key = ReadmeScenarios.API_KEYS.get(user);
		if (key != null) {
			request.header("X-API-Key", key);
		}
		if (body != null) {
			request.header("Content-Type", "application/json");
			request.method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
