package dev.gatehouse.benchmarks.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP benchmark's application, started exactly as the run script starts it (random
 * port, loopback only), answers as its documentation claims, so the benchmark never
 * measures a broken setup: each protected endpoint accepts its own stack's key with the
 * role, refuses callers without a key or without the role, and is not opened by the other
 * stack's credential.
 */
class HttpBenchmarkApplicationTests {

	private static ConfigurableApplicationContext application;

	private static int port;

	private final HttpClient client = HttpClient.newHttpClient();

	@BeforeAll
	static void start() {
		application = HttpBenchmarkApplication.start("--server.port=0");
		port = ((WebServerApplicationContext) application).getWebServer().getPort();
	}

	@AfterAll
	static void stop() {
		application.close();
	}

	@Test
	void listensOnLoopbackOnly() {
		assertThat(application.getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
	}

	@Test
	void answersUnprotectedEndpointWithoutCredential() throws Exception {
		HttpResponse<String> response = get("/unprotected/hello", null, null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(HelloControllers.BODY);
	}

	@Test
	void answersGatehouseEndpointForKeyWithRole() throws Exception {
		HttpResponse<String> response = get("/gatehouse/hello", HttpBenchmarkApplication.GATEHOUSE_KEY_HEADER,
				HttpBenchmarkApplication.REPORTER_KEY);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(HelloControllers.BODY);
	}

	@Test
	void answersGatehouseEndpointForAnUpstreamSnapshot() throws Exception {
		String envelope = UpstreamSnapshot.envelope();
		HttpResponse<String> response = get("/gatehouse/hello", HttpBenchmarkApplication.SNAPSHOT_HEADER, envelope);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(HelloControllers.BODY);
		char last = envelope.charAt(envelope.length() - 1);
		String tampered = envelope.substring(0, envelope.length() - 1) + ((last == 'A') ? 'B' : 'A');
		assertThat(get("/gatehouse/hello", HttpBenchmarkApplication.SNAPSHOT_HEADER, tampered).statusCode())
			.isEqualTo(401);
	}

	@Test
	void challengesGatehouseEndpointWithoutValidKey() throws Exception {
		assertThat(get("/gatehouse/hello", null, null).statusCode()).isEqualTo(401);
		assertThat(get("/gatehouse/hello", HttpBenchmarkApplication.GATEHOUSE_KEY_HEADER, "not-a-key").statusCode())
			.isEqualTo(401);
	}

	@Test
	void deniesGatehouseEndpointForKeyWithoutRole() throws Exception {
		assertThat(get("/gatehouse/hello", HttpBenchmarkApplication.GATEHOUSE_KEY_HEADER,
				HttpBenchmarkApplication.VIEWER_KEY)
			.statusCode()).isEqualTo(403);
	}

	@Test
	void answersSpringSecurityEndpointForKeyWithRole() throws Exception {
		HttpResponse<String> response = get("/security/hello", HttpBenchmarkApplication.SPRING_SECURITY_KEY_HEADER,
				HttpBenchmarkApplication.REPORTER_KEY);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(HelloControllers.BODY);
	}

	@Test
	void challengesSpringSecurityEndpointWithoutValidKey() throws Exception {
		assertThat(get("/security/hello", null, null).statusCode()).isEqualTo(401);
		assertThat(
				get("/security/hello", HttpBenchmarkApplication.SPRING_SECURITY_KEY_HEADER, "not-a-key").statusCode())
			.isEqualTo(401);
	}

	@Test
	void deniesSpringSecurityEndpointForKeyWithoutRole() throws Exception {
		assertThat(get("/security/hello", HttpBenchmarkApplication.SPRING_SECURITY_KEY_HEADER,
				HttpBenchmarkApplication.VIEWER_KEY)
			.statusCode()).isEqualTo(403);
	}

	@Test
	void keepsEachStackToItsOwnHeader() throws Exception {
		assertThat(get("/gatehouse/hello", HttpBenchmarkApplication.SPRING_SECURITY_KEY_HEADER,
				HttpBenchmarkApplication.REPORTER_KEY)
			.statusCode()).isEqualTo(401);
		assertThat(get("/security/hello", HttpBenchmarkApplication.GATEHOUSE_KEY_HEADER,
				HttpBenchmarkApplication.REPORTER_KEY)
			.statusCode()).isEqualTo(401);
	}

	@Test
	void proxiesOnlyTheProtectedControllers() {
		assertThat(AopUtils.isAopProxy(application.getBean(HelloControllers.UnprotectedController.class))).isFalse();
		assertThat(AopUtils.isAopProxy(application.getBean(HelloControllers.GatehouseController.class))).isTrue();
		assertThat(AopUtils.isAopProxy(application.getBean(HelloControllers.SpringSecurityController.class))).isTrue();
	}

	private HttpResponse<String> get(String path, String header, String value)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
		if (header != null) {
			request.header(header, value);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
