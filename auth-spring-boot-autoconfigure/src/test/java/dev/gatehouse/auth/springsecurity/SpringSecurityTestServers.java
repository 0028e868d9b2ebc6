package dev.gatehouse.auth.springsecurity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real servers of the Spring Security tests: Spring Authorization Server, configured
 * only through Boot's {@code spring.security.oauth2.authorizationserver.*} properties, on
 * a random loopback port, with three client-credentials clients whose tokens are the
 * three callers' identities; and helpers to start an application under test the same way
 * and to call it.
 */
final class SpringSecurityTestServers {

	/** Its client id is its subject; it may read reports. */
	static final String READER = "reports-reader";

	/** May read and write reports. */
	static final String WRITER = "reports-writer";

	/** May read reports, as a third identity for the interleaving test. */
	static final String AUDITOR = "reports-auditor";

	static final String SECRET_PREFIX = "client-secret-5c2e-";

	static final ObjectMapper json = new ObjectMapper();

	static final HttpClient http = HttpClient.newHttpClient();

	private SpringSecurityTestServers() {
	}

	static ConfigurableApplicationContext startAuthorizationServer() {
		String prefix = "spring.security.oauth2.authorizationserver.client.";
		SpringApplicationBuilder builder = new SpringApplicationBuilder(AuthorizationServerApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"gatehouse.enabled=false");
		for (String[] client : new String[][] { { READER, "reports.read" }, { WRITER, "reports.read,reports.write" },
				{ AUDITOR, "reports.read" } }) {
			String registration = prefix + client[0] + ".registration.";
			builder.properties(registration + "client-id=" + client[0],
					registration + "client-secret={noop}" + SECRET_PREFIX + client[0],
					registration + "client-authentication-methods=client_secret_basic",
					registration + "authorization-grant-types=client_credentials",
					registration + "scopes=" + client[1]);
		}
		return builder.run();
	}

	static ConfigurableApplicationContext start(Class<?> application, String... properties) {
		return new SpringApplicationBuilder(application)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off")
			.properties(properties)
			.run();
	}

	static String baseUrl(ConfigurableApplicationContext context) {
		return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	static String token(ConfigurableApplicationContext authorizationServer, String client, String scope)
			throws IOException, InterruptedException {
		String basic = Base64.getEncoder()
			.encodeToString((client + ":" + SECRET_PREFIX + client).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = http
			.send(HttpRequest.newBuilder(URI.create(baseUrl(authorizationServer) + "/oauth2/token"))
				.header("Authorization", "Basic " + basic)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + scope))
				.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("token request failed: " + response.statusCode() + " " + response.body());
		}
		return json.readTree(response.body()).path("access_token").asText();
	}

	static HttpResponse<String> get(String url, String authorization) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	static JsonNode body(HttpResponse<String> response) throws IOException {
		return json.readTree(response.body());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class AuthorizationServerApplication {

	}

}
