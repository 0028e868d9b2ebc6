package dev.gatehouse.auth.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import com.jayway.jsonpath.JsonPath;
import dev.gatehouse.auth.audit.AuthDecisionEvent;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.InMemoryAuditEventRepository;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What observations, decision events, audit events and logs say about a request's
 * credential, against a real Tomcat: a forged API key is INVALID_CREDENTIAL everywhere
 * the response says so (not MISSING_CREDENTIAL, which would count it as anonymous), the
 * authentication's log lines carry the request's correlation id, and a request with two
 * credentials is told so.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = { BoundaryTestApplication.class, CredentialReportingServerTests.Recorders.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "logging.level.dev.gatehouse.auth.web=DEBUG",
				// The handler's check is an observation only in this mode.
				"gatehouse.observation.authorization=observation" })
class CredentialReportingServerTests {

	private static final Pattern REJECTED_LINE = Pattern
		.compile("\\[cid=([^\\]]*)\\] AuthContextFilter Credential rejected for GET /admin");

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private TestObservationRegistry registry;

	@Autowired
	private List<AuthDecisionEvent> events;

	@Autowired
	private InMemoryAuditEventRepository audit;

	@BeforeEach
	void clear() {
		this.registry.clear();
		this.events.clear();
	}

	@Test
	void reportsAForgedApiKeyAsInvalidCredentialInTheObservationEventsAndAudit() throws Exception {
		HttpResponse<String> response = get("/admin", "X-API-Key", "forged-key-9d1f");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat((String) JsonPath.read(response.body(), "$.reasonCode")).isEqualTo("INVALID_CREDENTIAL");
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("gatehouse.authorization")
			.that()
			.hasLowCardinalityKeyValue("gatehouse.decision.state", "CHALLENGE")
			.hasLowCardinalityKeyValue("gatehouse.reason.code", "INVALID_CREDENTIAL")
			.hasLowCardinalityKeyValue("gatehouse.boundary.kind", "HTTP");
		assertThat(this.events).hasSize(2)
			.allSatisfy((event) -> assertThat(event.getDecision().reasonCode())
				.isEqualTo(AuthorizationReasonCode.INVALID_CREDENTIAL));
		List<AuditEvent> handlerAudit = this.audit.find(null, null, null)
			.stream()
			.filter((event) -> "BoundaryController#admin".equals(event.getData().get("boundary")))
			.toList();
		assertThat(handlerAudit).isNotEmpty()
			.allSatisfy((event) -> assertThat(event.getData()).containsEntry("reasonCode", "INVALID_CREDENTIAL"));
	}

	@Test
	void stillReportsARequestWithoutCredentialAsMissingCredential() throws Exception {
		HttpResponse<String> response = get("/admin");
		assertThat(response.statusCode()).isEqualTo(401);
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("gatehouse.authorization")
			.that()
			.hasLowCardinalityKeyValue("gatehouse.reason.code", "MISSING_CREDENTIAL");
		assertThat(this.events).singleElement()
			.satisfies((event) -> assertThat(event.getDecision().reasonCode())
				.isEqualTo(AuthorizationReasonCode.MISSING_CREDENTIAL));
	}

	@Test
	void logsTheRejectionOfACredentialWithTheRequestsCorrelationId(CapturedOutput output) throws Exception {
		// The application's pattern, as a user would write it; added here because the
		// test JVM's logging is set up once, by whichever context starts first.
		LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(logging);
		encoder.setPattern("%level [cid=%X{gatehouse.correlationId}] %logger{0} %msg%n");
		encoder.start();
		ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
		console.setContext(logging);
		console.setEncoder(encoder);
		console.start();
		Logger filterLogger = logging.getLogger(AuthContextFilter.class);
		filterLogger.addAppender(console);
		try {
			get("/admin", "X-API-Key", "forged-key-4c2e");
			get("/admin", "X-API-Key", "forged-key-7a0b");
		}
		finally {
			filterLogger.detachAppender(console);
			console.stop();
		}
		Matcher lines = REJECTED_LINE.matcher(output.getOut());
		assertThat(lines.find()).as(output.getOut()).isTrue();
		String first = lines.group(1);
		assertThat(lines.find()).isTrue();
		String second = lines.group(1);
		assertThat(first).matches("[0-9a-f-]{36}");
		assertThat(second).matches("[0-9a-f-]{36}").isNotEqualTo(first);
	}

	@Test
	void tellsAClientThatSentTwoCredentialsSo() throws Exception {
		HttpResponse<String> both = get("/admin", "Authorization", "Bearer " + BoundaryTestApplication.VALID_TOKEN,
				"X-API-Key", BoundaryTestApplication.ADMIN_KEY);
		assertMoreThanOneCredential(both);
		HttpResponse<String> repeated = get("/admin", "X-API-Key", BoundaryTestApplication.ADMIN_KEY, "X-API-Key",
				BoundaryTestApplication.READER_KEY);
		assertMoreThanOneCredential(repeated);
	}

	@Test
	void stillTellsAClientThatSentAMalformedCredentialSo() throws Exception {
		HttpResponse<String> response = get("/admin", "Authorization", "Bearer a b");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat((String) JsonPath.read(response.body(), "$.detail")).isEqualTo("The credential is malformed.");
	}

	private static void assertMoreThanOneCredential(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValue("Bearer realm=\"gatehouse\", error=\"invalid_token\"");
		assertThat((String) JsonPath.read(response.body(), "$.reasonCode")).isEqualTo("INVALID_CREDENTIAL");
		assertThat((String) JsonPath.read(response.body(), "$.detail"))
			.isEqualTo("More than one credential was sent; send exactly one.");
		assertThat(response.body()).doesNotContain(BoundaryTestApplication.ADMIN_KEY);
	}

	private HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Recorders {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

		@Bean
		InMemoryAuditEventRepository auditEventRepository() {
			return new InMemoryAuditEventRepository();
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

}
