package dev.gatehouse.auth.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import com.jayway.jsonpath.JsonPath;
import dev.gatehouse.auth.annotation.RequirePermission;
import dev.gatehouse.auth.annotation.RequirePolicy;
import dev.gatehouse.auth.audit.AuthDecisionEvent;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.spi.AuthorizationRequest;
import dev.gatehouse.auth.spi.PermissionCheckRequest;
import dev.gatehouse.auth.spi.PermissionChecker;
import dev.gatehouse.auth.spi.PolicyEvaluator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dynamic references fed by request values, against a real Tomcat: a blank path variable,
 * a missing optional parameter or header, a body without the referenced value are the
 * client's mistake (400 problem JSON naming the value, not its content), while the same
 * placeholder on a service method fed {@code null} by code stays a 500
 * ERROR/INTERNAL_ERROR. The protected method never runs in any of these.
 */
@SpringBootTest(classes = RequestValueReferenceServerTests.ReferenceApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class RequestValueReferenceServerTests {

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private Invocations invocations;

	@Autowired
	private List<AuthDecisionEvent> events;

	@BeforeEach
	void clear() {
		this.invocations.clear();
		this.events.clear();
	}

	@Test
	void answersABlankTenantPathVariableWith400() throws Exception {
		HttpResponse<String> response = get("/tenants/%20/report");
		assertBadRequest(response, "Required path variable 'tenant' is missing or blank.");
		assertThat(this.invocations.names()).isEmpty();
		assertThat(this.events).isEmpty();
	}

	@Test
	void answersAMissingOptionalRequestParameterWith400() throws Exception {
		assertBadRequest(get("/documents"), "Required request parameter 'id' is missing or blank.");
		assertBadRequest(get("/documents?id="), "Required request parameter 'id' is missing or blank.");
		assertThat(this.invocations.names()).isEmpty();
	}

	@Test
	void answersBlankHeadersUnannotatedParametersAndBodyValuesWith400() throws Exception {
		assertBadRequest(get("/headers"), "Required request header 'X-Tenant' is missing or blank.");
		assertBadRequest(get("/plain?name=%20%20"), "Required request parameter 'name' is missing or blank.");
		assertBadRequest(post("/bodies", "{\"id\":null}"), "Required request body is missing or blank.");
		assertThat(this.invocations.names()).isEmpty();
	}

	@Test
	void answersAFutureReturningHandlerWith400() throws Exception {
		assertBadRequest(get("/async/documents"), "Required request parameter 'id' is missing or blank.");
		assertThat(this.invocations.names()).isEmpty();
	}

	@Test
	void stillAnswersRequestsThatCarryTheValues() throws Exception {
		assertThat(get("/tenants/acme/report").body()).isEqualTo("report of acme");
		assertThat(get("/documents?id=42").body()).isEqualTo("document 42");
		assertThat(this.invocations.names()).containsExactly("report", "document");
		assertThat(this.invocations.resources()).containsExactly("report@acme", "document:42");
	}

	@Test
	void keepsANullFromCodeAnInternalError() throws Exception {
		HttpResponse<String> response = get("/through-service");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat((String) JsonPath.read(response.body(), "$.state")).isEqualTo("ERROR");
		assertThat((String) JsonPath.read(response.body(), "$.reasonCode")).isEqualTo("INTERNAL_ERROR");
		assertThat(this.invocations.names()).containsExactly("throughService");
		assertThat(this.events).singleElement()
			.satisfies((event) -> assertThat(event.getDecision().reasonCode().name()).isEqualTo("INTERNAL_ERROR"));
	}

	@Test
	void keepsABlankTextFromCodeAnInternalError() throws Exception {
		HttpResponse<String> response = get("/through-service?blank=true");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat((String) JsonPath.read(response.body(), "$.reasonCode")).isEqualTo("INTERNAL_ERROR");
		assertThat(this.invocations.names()).containsExactly("throughService");
	}

	private static void assertBadRequest(HttpResponse<String> response, String detail) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat((Integer) JsonPath.read(response.body(), "$.status")).isEqualTo(400);
		assertThat((String) JsonPath.read(response.body(), "$.title")).isEqualTo("Bad Request");
		assertThat((String) JsonPath.read(response.body(), "$.detail")).isEqualTo(detail);
		assertThat(response.body()).doesNotContain("reasonCode").doesNotContain("Exception");
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path)));
	}

	private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.client.send(request.header("X-API-Key", BoundaryTestApplication.ADMIN_KEY).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@PropertySource("classpath:dev/gatehouse/auth/web/boundary-test.properties")
	@Import({ ReferenceController.class, DocumentService.class })
	static class ReferenceApplication {

		@Bean
		Invocations invocations() {
			return new Invocations();
		}

		// Both allow everything, recording what they were asked about: only where a
		// value comes from decides the outcome here.
		@Bean
		PermissionChecker permissionChecker(Invocations invocations) {
			return (PermissionCheckRequest request) -> {
				invocations.resource(String.valueOf(request.resource()));
				return AuthorizationDecision.allow();
			};
		}

		@Bean
		PolicyEvaluator policyEvaluator(Invocations invocations) {
			return (AuthorizationRequest request) -> {
				invocations.resource(request.resource() + "@" + request.tenant());
				return AuthorizationDecision.allow();
			};
		}

		@Bean
		List<AuthDecisionEvent> recordedDecisions() {
			return new CopyOnWriteArrayList<>();
		}

		@Bean
		ApplicationListener<AuthDecisionEvent> decisionRecorder(List<AuthDecisionEvent> recordedDecisions) {
			return recordedDecisions::add;
		}

	}

	record Document(@Nullable String id) {
	}

	@RestController
	static class ReferenceController {

		private final Invocations invocations;

		private final DocumentService documents;

		ReferenceController(Invocations invocations, DocumentService documents) {
			this.invocations = invocations;
			this.documents = documents;
		}

		@RequirePolicy(resource = "report", action = "read", tenant = "{tenant}")
		@GetMapping("/tenants/{tenant}/report")
		String report(@PathVariable String tenant) {
			this.invocations.called("report");
			return "report of " + tenant;
		}

		@RequirePermission(value = "documents:read", resource = "document:{id}")
		@GetMapping("/documents")
		String document(@RequestParam(required = false) @Nullable Long id) {
			this.invocations.called("document");
			return "document " + id;
		}

		@RequirePermission(value = "documents:read", resource = "document:{id}")
		@GetMapping("/async/documents")
		CompletableFuture<String> asyncDocument(@RequestParam(required = false) @Nullable String id) {
			this.invocations.called("asyncDocument");
			return CompletableFuture.completedFuture("document " + id);
		}

		@RequirePermission(value = "documents:read", resource = "tenant:{tenant}")
		@GetMapping("/headers")
		String header(@RequestHeader(name = "X-Tenant", required = false) @Nullable String tenant) {
			this.invocations.called("header");
			return "tenant " + tenant;
		}

		@RequirePermission(value = "documents:read", resource = "name:{name}")
		@GetMapping("/plain")
		String plain(@Nullable String name) {
			this.invocations.called("plain");
			return "name " + name;
		}

		@RequirePermission(value = "documents:write", resource = "document:{document.id}")
		@PostMapping("/bodies")
		String body(@RequestBody Document document) {
			this.invocations.called("body");
			return "document " + document.id();
		}

		// Public, so the only refusal is the service's: its argument comes from code.
		@dev.gatehouse.auth.annotation.PublicAccess
		@GetMapping("/through-service")
		String throughService(@RequestParam(defaultValue = "false") boolean blank) {
			this.invocations.called("throughService");
			return this.documents.read(blank ? " " : null);
		}

	}

	@Service
	static class DocumentService {

		private final Invocations invocations;

		DocumentService(Invocations invocations) {
			this.invocations = invocations;
		}

		@RequirePermission(value = "documents:read", resource = "document:{id}")
		String read(@Nullable String id) {
			this.invocations.called("read");
			return "document " + id;
		}

	}

	static final class Invocations {

		private final List<String> names = new CopyOnWriteArrayList<>();

		private final List<String> resources = new CopyOnWriteArrayList<>();

		void called(String name) {
			this.names.add(name);
		}

		void resource(String resource) {
			this.resources.add(resource);
		}

		List<String> names() {
			return new ArrayList<>(this.names);
		}

		List<String> resources() {
			return new ArrayList<>(this.resources);
		}

		void clear() {
			this.names.clear();
			this.resources.clear();
		}

	}

}
