package dev.gatehouse.auth.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With one Tomcat worker thread, every request runs on the same thread: an authenticated
 * request must leave nothing behind for the next one.
 */
@SpringBootTest(classes = BoundaryTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1" })
class SingleWorkerThreadContextTests {

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void doesNotLeakFirstCallersIdentityToNextRequestOnSameThread() throws Exception {
		String workerBefore = get("/public/thread", null).body();

		HttpResponse<String> authenticated = get("/documents/1", BoundaryTestApplication.ADMIN_KEY);
		assertThat(authenticated.statusCode()).isEqualTo(200);
		assertThat(authenticated.body()).isEqualTo("document 1 for grace");

		HttpResponse<String> anonymous = get("/documents/1", null);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.body()).contains("\"reasonCode\":\"MISSING_CREDENTIAL\"").doesNotContain("grace");

		HttpResponse<String> whoami = get("/public/whoami", null);
		assertThat(whoami.statusCode()).isEqualTo(200);
		assertThat(whoami.body()).isEqualTo("<none>");

		assertThat(get("/public/thread", null).body()).isEqualTo(workerBefore);
	}

	@Test
	void doesNotLeakIdentityAfterRejectedRequestOnSameThread() throws Exception {
		assertThat(get("/broken", BoundaryTestApplication.ADMIN_KEY).statusCode()).isEqualTo(500);
		assertThat(get("/public/whoami", null).body()).isEqualTo("<none>");
		assertThat(get("/admin", BoundaryTestApplication.READER_KEY).statusCode()).isEqualTo(403);
		assertThat(get("/admin", null).statusCode()).isEqualTo(401);
	}

	private HttpResponse<String> get(String path, String apiKey) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (apiKey != null) {
			request.header("X-API-Key", apiKey);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
