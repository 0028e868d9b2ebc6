package dev.gatehouse.auth.authzen;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The test Cerbos and its policies answer as the AuthZEN tests expect, and the
 * {@link CountingProxy} counts, records and switches as they need.
 */
class CerbosPdpTests {

	private static final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private static CountingProxy proxy;

	@BeforeAll
	static void startProxy() {
		proxy = CountingProxy.start(CerbosPdp.shared().baseUrl());
	}

	@AfterAll
	static void stopProxy() {
		proxy.close();
	}

	@BeforeEach
	void reset() {
		proxy.reset();
	}

	@ParameterizedTest(name = "{0} {1} document:{2} -> {3}")
	@CsvSource({ "bob, owner, 1, true", "bob, editor, 1, true", "bob, viewer, 1, true", "alice, owner, 1, false",
			"alice, viewer, 1, false", "alice, owner, 2, true", "bob, owner, 2, false", "bob, editor, 2, true",
			"bob, viewer, 2, true", "carol, owner, 3, true", "carol, viewer, 3, true", "bob, editor, 3, false",
			"bob, viewer, 3, true", "bob, viewer, 9, false", "dave, viewer, 1, false" })
	void documentRelationsImplyEachOther(String user, String relation, String document, boolean decision) {
		assertThat(evaluate(CerbosPdp.shared().baseUrl(), subject(user, "{}"), relation,
				"{\"type\":\"document\",\"id\":\"" + document + "\"}"))
			.isEqualTo(decision(decision));
	}

	@Test
	void documentOwnerMayComeFromTheResourcesOwnerProperty() {
		String url = CerbosPdp.shared().baseUrl();
		assertThat(evaluate(url, subject("dave", "{}"), "owner",
				"{\"type\":\"document\",\"id\":\"7\",\"properties\":{\"owner\":\"dave\"}}"))
			.isEqualTo(decision(true));
		assertThat(evaluate(url, subject("dave", "{}"), "owner",
				"{\"type\":\"document\",\"id\":\"7\",\"properties\":{\"owner\":\"erin\"}}"))
			.isEqualTo(decision(false));
		assertThat(evaluate(url, subject("dave", "{}"), "viewer",
				"{\"type\":\"document\",\"id\":\"7\",\"properties\":{\"owner\":\"dave\"}}"))
			.as("owner implies viewer")
			.isEqualTo(decision(true));
	}

	@ParameterizedTest(name = "{0} reads report:{1} -> {2}")
	@CsvSource(delimiter = '|',
			value = { "{\"cerbos.roles\":[\"admin\"]}|acme|true", "{\"roles\":[\"admin\"]}|acme|false",
					"{\"tenant\":\"acme\"}|acme|true", "{\"tenant\":\"globex\"}|acme|false",
					"{\"tenant\":\"acme\",\"cerbos.roles\":[\"viewer\"]}|acme|true", "{}|acme|false" })
	void reportsAreReadByAdminsAndByTheirTenant(String properties, String report, boolean decision) {
		assertThat(evaluate(CerbosPdp.shared().baseUrl(), subject("dave", properties), "read",
				"{\"type\":\"report\",\"id\":\"" + report + "\"}"))
			.isEqualTo(decision(decision));
	}

	@ParameterizedTest(name = "{0} has {1} -> {2}")
	@CsvSource({ "admin, documents:delete, true", "admin, documents:read, true", "editor, documents:delete, false",
			"editor, documents:read, true", "viewer, documents:read, true", "viewer, documents:delete, false",
			"guest, documents:read, false", "admin, documents:write, false" })
	void permissionsFollowRoles(String role, String permission, boolean decision) {
		assertThat(evaluate(CerbosPdp.shared().baseUrl(), subject("dave", "{\"cerbos.roles\":[\"" + role + "\"]}"),
				permission, "{\"type\":\"permission\",\"id\":\"" + permission + "\"}"))
			.isEqualTo(decision(decision));
	}

	@Test
	void unknownResourceKindIsDenied() {
		assertThat(evaluate(CerbosPdp.shared().baseUrl(), subject("bob", "{}"), "owner",
				"{\"type\":\"spaceship\",\"id\":\"1\"}"))
			.isEqualTo(decision(false));
	}

	@Test
	void invalidRequestIsA400() {
		HttpResponse<String> response = post(CerbosPdp.shared().baseUrl() + "/access/v1/evaluation",
				"{\"subject\":{\"id\":\"bob\"}}");
		assertThat(response.statusCode()).isEqualTo(400);
	}

	@Test
	void evaluationsWithDenyOnFirstDenyStopAtTheFirstDenial() {
		String body = """
				{"subject":{"type":"user","id":"bob"},"resource":{"type":"document","id":"1"},
				 "evaluations":[{"action":{"name":"viewer"}},
				                {"action":{"name":"owner"},"resource":{"type":"document","id":"2"}},
				                {"action":{"name":"editor"}}],
				 "options":{"evaluations_semantic":"deny_on_first_deny"}}""";
		HttpResponse<String> response = post(proxy.baseUrl() + "/access/v1/evaluations", body);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body().replace(" ", ""))
			.isEqualTo("{\"evaluations\":[{\"decision\":true},{\"decision\":false}]}");
		String all = post(proxy.baseUrl() + "/access/v1/evaluations", body.replace("deny_on_first_deny", "execute_all"))
			.body();
		assertThat(all.replace(" ", ""))
			.isEqualTo("{\"evaluations\":[{\"decision\":true},{\"decision\":false},{\"decision\":true}]}");
		assertThat(proxy.count("POST", "/access/v1/evaluations")).isEqualTo(2);
		assertThat(proxy.count("POST", "/access/v1/evaluation")).isZero();
		assertThat(proxy.bodies("/access/v1/evaluations")).first().isEqualTo(body);
	}

	@Test
	void wellKnownConfigurationNamesTheEndpoints() {
		HttpResponse<String> response = get(CerbosPdp.shared().baseUrl() + "/.well-known/authzen-configuration");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("/access/v1/evaluation\"").contains("/access/v1/evaluations\"");
	}

	@Test
	void sharedInstanceIsStartedOnce() {
		assertThat(CerbosPdp.shared()).isSameAs(CerbosPdp.shared(CerbosPdp.DEFAULT_POLICIES));
	}

	@Test
	void proxyForwardsAndCountsPerPath() {
		String body = "{\"subject\":{\"type\":\"user\",\"id\":\"bob\"},\"action\":{\"name\":\"owner\"},"
				+ "\"resource\":{\"type\":\"document\",\"id\":\"1\"},\"context\":{\"correlation_id\":\"c-1\"}}";
		HttpResponse<String> response = post(proxy.baseUrl() + "/access/v1/evaluation", body);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(decision(true));
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		post(proxy.baseUrl() + "/access/v1/evaluation", body);
		get(proxy.baseUrl() + "/_cerbos/health");
		assertThat(proxy.count("POST", "/access/v1/evaluation")).isEqualTo(2);
		assertThat(proxy.count("GET", "/_cerbos/health")).isEqualTo(1);
		assertThat(proxy.count("POST", "/access/v1/evaluations")).isZero();
		assertThat(proxy.total()).isEqualTo(3);
		assertThat(proxy.bodies("/access/v1/evaluation")).containsExactly(body, body);
		assertThat(proxy.requests().get(0).headers()).containsKey("Content-type");
		proxy.reset();
		assertThat(proxy.total()).isZero();
		assertThat(proxy.count("POST", "/access/v1/evaluation")).isZero();
	}

	@Test
	void proxyAnswersAFixedStatusOrBodyUntilReset() {
		String url = proxy.baseUrl() + "/access/v1/evaluation";
		String body = "{\"subject\":{\"type\":\"user\",\"id\":\"bob\"},\"action\":{\"name\":\"owner\"},"
				+ "\"resource\":{\"type\":\"document\",\"id\":\"1\"}}";
		proxy.respond(500, "{\"code\":13}");
		HttpResponse<String> failed = post(url, body);
		assertThat(failed.statusCode()).isEqualTo(500);
		assertThat(failed.body()).isEqualTo("{\"code\":13}");
		proxy.respondOk("{\"decision\":");
		assertThat(post(url, body).body()).isEqualTo("{\"decision\":");
		proxy.respondOk("{}");
		HttpResponse<String> empty = post(url, body);
		assertThat(empty.statusCode()).isEqualTo(200);
		assertThat(empty.body()).isEqualTo("{}");
		assertThat(proxy.count("POST", "/access/v1/evaluation")).isEqualTo(3);
		proxy.forward();
		assertThat(post(url, body).body()).isEqualTo(decision(true));
		proxy.respond(503, "");
		assertThat(post(url, body).statusCode()).isEqualTo(503);
		proxy.reset();
		assertThat(post(url, body).body()).isEqualTo(decision(true));
	}

	@Test
	void proxyFailsTheNextRequestsThenGoesBack() {
		String url = proxy.baseUrl() + "/access/v1/evaluation";
		String body = "{\"subject\":{\"type\":\"user\",\"id\":\"bob\"},\"action\":{\"name\":\"owner\"},"
				+ "\"resource\":{\"type\":\"document\",\"id\":\"1\"}}";
		proxy.failNext(2, 502, "{}");
		assertThat(post(url, body).statusCode()).isEqualTo(502);
		assertThat(post(url, body).statusCode()).isEqualTo(502);
		assertThat(post(url, body).body()).isEqualTo(decision(true));
	}

	@Test
	void proxyDelaysRequests() {
		proxy.delay(300);
		HttpRequest request = HttpRequest.newBuilder(URI.create(proxy.baseUrl() + "/_cerbos/health"))
			.timeout(Duration.ofMillis(100))
			.GET()
			.build();
		assertThatExceptionOfType(java.net.http.HttpTimeoutException.class)
			.isThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()));
		long start = System.nanoTime();
		assertThat(get(proxy.baseUrl() + "/_cerbos/health").statusCode()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		proxy.delay(0);
		assertThat(get(proxy.baseUrl() + "/_cerbos/health").statusCode()).isEqualTo(200);
	}

	@Test
	void proxyAnswers502WhenTheTargetIsDown() {
		try (CountingProxy dangling = CountingProxy.start("http://127.0.0.1:1/")) {
			assertThat(get(dangling.baseUrl() + "/_cerbos/health").statusCode()).isEqualTo(502);
			assertThat(dangling.count("GET", "/_cerbos/health")).isEqualTo(1);
		}
	}

	@Test
	void missingBinaryIsNamed() {
		String binary = System.getProperty(CerbosPdp.BINARY_PROPERTY);
		try {
			System.setProperty(CerbosPdp.BINARY_PROPERTY, "/nonexistent/cerbos");
			assertThatExceptionOfType(IllegalStateException.class)
				.isThrownBy(() -> CerbosPdp.shared("authzen/not-started"))
				.withMessageContaining(CerbosPdp.BINARY_PROPERTY);
			System.clearProperty(CerbosPdp.BINARY_PROPERTY);
			assertThatExceptionOfType(IllegalStateException.class)
				.isThrownBy(() -> CerbosPdp.shared("authzen/not-started"))
				.withMessageContaining(CerbosPdp.BINARY_PROPERTY);
		}
		finally {
			if (binary != null) {
				System.setProperty(CerbosPdp.BINARY_PROPERTY, binary);
			}
		}
	}

	private static String subject(String id, String properties) {
		return "{\"type\":\"user\",\"id\":\"" + id + "\",\"properties\":" + properties + "}";
	}

	private static String decision(boolean decision) {
		return "{\"decision\":" + decision + "}";
	}

	private static String evaluate(String baseUrl, String subject, String action, String resource) {
		HttpResponse<String> response = post(baseUrl + "/access/v1/evaluation",
				"{\"subject\":" + subject + ",\"action\":{\"name\":\"" + action + "\"},\"resource\":" + resource
						+ ",\"context\":{\"correlation_id\":\"c-1\",\"boundary\":\"test\"}}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	private static HttpResponse<String> post(String url, String body) {
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private static HttpResponse<String> get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).GET());
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return client.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
