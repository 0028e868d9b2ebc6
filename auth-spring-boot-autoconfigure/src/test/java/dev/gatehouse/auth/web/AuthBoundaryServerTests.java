package dev.gatehouse.auth.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The servlet boundary on a real embedded Tomcat (random port, loopback only), driven by
 * the JDK {@link HttpClient}.
 */
@SpringBootTest(classes = BoundaryTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "server.address=127.0.0.1")
class AuthBoundaryServerTests {

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void challengesProtectedEndpointWithoutCredential() throws Exception {
		HttpResponse<String> response = get("/documents/42", new String[0]);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"gatehouse\"");
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(reasonCode(response)).isEqualTo("MISSING_CREDENTIAL");
		assertThat((Integer) JsonPath.read(response.body(), "$.status")).isEqualTo(401);
		assertThat((String) JsonPath.read(response.body(), "$.state")).isEqualTo("CHALLENGE");
	}

	@Test
	void challengesWrongApiKey() throws Exception {
		HttpResponse<String> response = get("/documents/42", "X-API-Key", "not-the-key");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValue("Bearer realm=\"gatehouse\", error=\"invalid_token\"");
		assertThat(reasonCode(response)).isEqualTo("INVALID_CREDENTIAL");
	}

	@Test
	void deniesValidKeyWithoutRole() throws Exception {
		HttpResponse<String> response = get("/admin", "X-API-Key", BoundaryTestApplication.READER_KEY);
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
		assertThat(reasonCode(response)).isEqualTo("INSUFFICIENT_ROLE");
	}

	@Test
	void deniesMissingScopeWithInsufficientScopeChallenge() throws Exception {
		HttpResponse<String> response = get("/reports", "X-API-Key", BoundaryTestApplication.READER_KEY);
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValue("Bearer realm=\"gatehouse\", error=\"insufficient_scope\"");
		assertThat(reasonCode(response)).isEqualTo("INSUFFICIENT_SCOPE");
	}

	@Test
	void answersValidKeyWithSubjectVisibleToHandler() throws Exception {
		HttpResponse<String> response = get("/documents/42", "X-API-Key", BoundaryTestApplication.READER_KEY);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("document 42 for ada");
		assertThat(get("/reports", "X-API-Key", BoundaryTestApplication.ADMIN_KEY).body())
			.isEqualTo("reports for grace");
	}

	@Test
	void answersAsyncHandlersThroughTheSameMapping() throws Exception {
		HttpResponse<String> allowed = get("/async/admin", "X-API-Key", BoundaryTestApplication.ADMIN_KEY);
		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(allowed.body()).isEqualTo("async admin for grace");
		HttpResponse<String> denied = get("/async/admin", "X-API-Key", BoundaryTestApplication.READER_KEY);
		assertThat(denied.statusCode()).isEqualTo(403);
		assertThat(reasonCode(denied)).isEqualTo("INSUFFICIENT_ROLE");
		HttpResponse<String> anonymous = get("/async/admin", new String[0]);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(reasonCode(anonymous)).isEqualTo("MISSING_CREDENTIAL");
	}

	@Test
	void answersValidBearerTokenWithSubjectVisibleToHandler() throws Exception {
		HttpResponse<String> response = get("/documents/42", "Authorization",
				"Bearer " + BoundaryTestApplication.VALID_TOKEN);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("document 42 for linus");
	}

	@Test
	void answersPublicEndpointWithNoneValidOrInvalidCredentials() throws Exception {
		assertThat(get("/public/whoami", new String[0])).satisfies((r) -> assertThat(r.statusCode()).isEqualTo(200))
			.extracting(HttpResponse::body)
			.isEqualTo("<none>");
		assertThat(get("/public/whoami", "X-API-Key", BoundaryTestApplication.ADMIN_KEY).body()).isEqualTo("grace");
		HttpResponse<String> invalid = get("/public/whoami", "X-API-Key", "wrong-key");
		assertThat(invalid.statusCode()).isEqualTo(200);
		assertThat(invalid.body()).isEqualTo("<none>");
		HttpResponse<String> malformed = get("/public/whoami", "Authorization", "Bearer a b");
		assertThat(malformed.statusCode()).isEqualTo(200);
		assertThat(malformed.body()).isEqualTo("<none>");
	}

	@Test
	void answersUnavailableProviderWith503() throws Exception {
		HttpResponse<String> response = get("/audit", "X-API-Key", BoundaryTestApplication.ADMIN_KEY);
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(reasonCode(response)).isEqualTo("VERIFICATION_PROVIDER_UNAVAILABLE");
		HttpResponse<String> unverifiable = get("/documents/1", "Authorization",
				"Bearer " + BoundaryTestApplication.UNVERIFIABLE_TOKEN);
		assertThat(unverifiable.statusCode()).isEqualTo(503);
		assertThat(reasonCode(unverifiable)).isEqualTo("VERIFICATION_PROVIDER_UNAVAILABLE");
	}

	@Test
	void answersThrowingCheckerWith500WithoutStackTraceOrExceptionText() throws Exception {
		HttpResponse<String> response = get("/broken", "X-API-Key", BoundaryTestApplication.ADMIN_KEY);
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(reasonCode(response)).isEqualTo("INTERNAL_ERROR");
		assertThat(response.body()).doesNotContain(BoundaryTestApplication.CHECKER_SECRET)
			.doesNotContain("Exception")
			.doesNotContain("trace")
			.doesNotContain("\tat ");
	}

	private HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String reasonCode(HttpResponse<String> response) {
		return JsonPath.read(response.body(), "$.reasonCode");
	}

}
