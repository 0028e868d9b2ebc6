package dev.gatehouse.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.gatehouse.auth.relation.InMemoryRelationChecker;
import dev.gatehouse.auth.relation.InMemoryRelationStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code cerbos} profile against a real Cerbos PDP with the sample's policies
 * ({@code sample-app/cerbos/policies}): relations and the tenant-report policy are
 * decided in Cerbos over AuthZEN, with the README's demo users over real HTTP, and a
 * stopped Cerbos answers 503 {@code DECISION_PROVIDER_UNAVAILABLE}, never a denial.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CerbosProfileTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private CerbosServer cerbos;

	private ConfigurableApplicationContext audit;

	private ConfigurableApplicationContext documents;

	private String documentsUrl;

	private String actuatorUrl;

	@BeforeAll
	void startCerbosAndBothServices() throws Exception {
		this.cerbos = CerbosServer.start();
		// The documents service reports writes to the audit service, as in the default
		// profile.
		this.audit = new SpringApplicationBuilder(SampleApplication.class).profiles("audit")
			.run(loopbackOnRandomPorts());
		String auditPort = this.audit.getEnvironment().getProperty("local.server.port");
		List<String> arguments = new ArrayList<>(List.of(loopbackOnRandomPorts()));
		arguments.add("--sample.audit.base-url=http://127.0.0.1:" + auditPort);
		arguments.add("--gatehouse.outbound.registrations.audit.allowed-hosts=127.0.0.1:" + auditPort);
		arguments.add("--gatehouse.authzen.base-url=" + this.cerbos.baseUrl());
		this.documents = new SpringApplicationBuilder(SampleApplication.class).profiles("cerbos")
			.run(arguments.toArray(String[]::new));
		this.documentsUrl = "http://127.0.0.1:" + this.documents.getEnvironment().getProperty("local.server.port");
		this.actuatorUrl = "http://127.0.0.1:" + this.documents.getEnvironment().getProperty("local.management.port");
	}

	private static String[] loopbackOnRandomPorts() {
		return new String[] { "--server.port=0", "--server.address=127.0.0.1", "--management.server.port=0",
				"--management.server.address=127.0.0.1" };
	}

	@AfterAll
	void stopEverything() {
		if (this.documents != null) {
			this.documents.close();
		}
		if (this.audit != null) {
			this.audit.close();
		}
		if (this.cerbos != null) {
			this.cerbos.close();
		}
	}

	@Test
	@Order(1)
	void cerbosDecidesInsteadOfTheInMemoryRelations() {
		assertThat(this.documents.getBeansOfType(InMemoryRelationChecker.class)).isEmpty();
		assertThat(this.documents.getBeansOfType(InMemoryRelationStore.class)).isEmpty();
	}

	@Test
	@Order(2)
	void ownerEditsTheDocument() throws Exception {
		HttpResponse<String> response = send("bob", "PUT", "/api/documents/1",
				"{\"title\":\"Q3 plan\",\"body\":\"Decided in Cerbos.\"}");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("\"body\":\"Decided in Cerbos.\"");
	}

	@Test
	@Order(3)
	void callerWithoutTheRelationIsDenied() throws Exception {
		HttpResponse<String> response = send("carol", "PUT", "/api/documents/2",
				"{\"title\":\"Launch notes\",\"body\":\"Mine now.\"}");

		assertProblem(response, 403, "RELATION_DENIED");
	}

	@Test
	@Order(4)
	void tenantReportIsReadBySameTenantAndAdminsOnly() throws Exception {
		HttpResponse<String> own = send("bob", "GET", "/api/tenants/acme/report", null);
		assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
		assertThat(own.body()).contains("\"tenant\":\"acme\"");

		assertProblem(send("carol", "GET", "/api/tenants/acme/report", null), 403, "POLICY_DENIED");

		HttpResponse<String> admin = send("alice", "GET", "/api/tenants/globex/report", null);
		assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
		assertThat(admin.body()).contains("{\"tenant\":\"globex\",\"documents\":1}");
	}

	@Test
	@Order(5)
	void healthShowsTheDecisionEngine() throws Exception {
		HttpResponse<String> health = this.http.send(
				HttpRequest.newBuilder(URI.create(this.actuatorUrl + "/actuator/health")).GET().build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
		assertThat(this.json.readTree(health.body())
			.path("components")
			.path("gatehouse")
			.path("details")
			.has("decisionEngines")).as(health.body()).isTrue();
		assertThat(health.body()).doesNotContain(this.cerbos.baseUrl());
	}

	@Test
	@Order(6)
	void stoppedCerbosIsUnavailableNotADenial() throws Exception {
		this.cerbos.close();

		assertProblem(send("bob", "GET", "/api/tenants/acme/report", null), 503, "DECISION_PROVIDER_UNAVAILABLE");
		assertProblem(send("bob", "PUT", "/api/documents/1", "{\"title\":\"Q3 plan\",\"body\":\"Lost.\"}"), 503,
				"DECISION_PROVIDER_UNAVAILABLE");
	}

	private void assertProblem(HttpResponse<String> response, int status, String reasonCode) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.json.readTree(response.body()).path("reasonCode").asString()).isEqualTo(reasonCode);
	}

	private HttpResponse<String> send(String user, String method, String path, String body)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.documentsUrl + path))
			.timeout(Duration.ofSeconds(30))
			.header("X-API-Key", ReadmeScenarios.API_KEYS.get(user));
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
