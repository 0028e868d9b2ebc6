package dev.gatehouse.auth.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import dev.gatehouse.auth.annotation.Protected;
import dev.gatehouse.auth.annotation.PublicAccess;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.spi.Authenticator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code gatehouse} Actuator endpoint and health indicator over real HTTP: what
 * startup validation found, the outbound registrations' status, a refresh; never a secret
 * or token.
 */
@ExtendWith(OutputCaptureExtension.class)
class GatehouseEndpointServerTests {

	private static final String API_KEY = "search-api-key-51d0e8a3";

	private static final String CLIENT_SECRET = "ledger-client-secret-c07a";

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() {
		context = new SpringApplicationBuilder(EndpointApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"management.endpoints.web.exposure.include=gatehouse,health",
					"management.endpoint.gatehouse.access=unrestricted",
					"management.endpoint.health.show-details=always",
					"gatehouse.outbound.registrations.search.type=static",
					"gatehouse.outbound.registrations.search.allowed-hosts=127.0.0.1:*",
					"gatehouse.outbound.registrations.search.token=" + API_KEY,
					"gatehouse.outbound.registrations.ledger.type=client-credentials",
					"gatehouse.outbound.registrations.ledger.allowed-hosts=127.0.0.1:*",
					"gatehouse.outbound.registrations.ledger.token-uri=http://127.0.0.1:1/oauth2/token",
					"gatehouse.outbound.registrations.ledger.client-id=orders",
					"gatehouse.outbound.registrations.ledger.client-secret=" + CLIENT_SECRET)
			.run();
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void showsCapabilitiesBoundariesAndRegistrationsWithoutSecrets(CapturedOutput output) throws Exception {
		HttpResponse<String> response = get("/actuator/gatehouse");
		assertThat(response.statusCode()).isEqualTo(200);
		String json = response.body();
		assertThat((Boolean) JsonPath.read(json, "$.startupValidation")).isTrue();
		assertThat((List<String>) JsonPath.read(json, "$.capabilities.ROLE_CHECK.requiredBy"))
			.anySatisfy((boundary) -> assertThat(boundary).endsWith("AdminController#admin"));
		assertThat((List<String>) JsonPath.read(json, "$.capabilities.AUTHENTICATION.providers"))
			.contains("endpointAuthenticator");
		assertThat((List<String>) JsonPath.read(json, "$.boundaries[*].name"))
			.anySatisfy((boundary) -> assertThat(boundary).endsWith("AdminController#ping"));
		assertThat((List<String>) JsonPath.read(json,
				"$.boundaries[?(@.name =~ /.*AdminController#admin/)].requirements[*].ref"))
			.contains("admin");
		assertThat((List<String>) JsonPath.read(json, "$.outbound[?(@.name == 'search')].type"))
			.containsExactly("static");
		assertThat((List<String>) JsonPath.read(json, "$.outbound[?(@.name == 'ledger')].type"))
			.containsExactly("client-credentials");
		assertThat(json).doesNotContain(API_KEY).doesNotContain(CLIENT_SECRET);
		assertThat(output).doesNotContain(API_KEY).doesNotContain(CLIENT_SECRET);
	}

	@Test
	void refreshesRegistrationsAndReportsAFailedOneDownInHealth() throws Exception {
		HttpResponse<String> refreshed = post("/actuator/gatehouse", "{}");
		assertThat(refreshed.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<Map<String, Boolean>>read(refreshed.body(), "$")).containsEntry("search", true)
			.containsEntry("ledger", false);
		// Within gatehouse.outbound.retry-backoff of the refresh above: not refreshed
		// again.
		HttpResponse<String> one = post("/actuator/gatehouse", "{\"registration\":\"search\"}");
		assertThat(JsonPath.<Map<String, Boolean>>read(one.body(), "$")).containsExactly(Map.entry("search", false));
		HttpResponse<String> health = get("/actuator/health/gatehouse");
		assertThat(health.statusCode()).isEqualTo(503);
		assertThat((String) JsonPath.read(health.body(), "$.status")).isEqualTo("DOWN");
		assertThat((String) JsonPath.read(health.body(), "$.details.outbound.ledger")).isEqualTo("DOWN");
		assertThat((List<String>) JsonPath.read(get("/actuator/gatehouse").body(),
				"$.outbound[?(@.name == 'ledger')].lastError"))
			.singleElement()
			.asString()
			.contains("ledger")
			.doesNotContain(CLIENT_SECRET);
		assertThat(health.body()).doesNotContain(CLIENT_SECRET).doesNotContain(API_KEY);
	}

	private static HttpResponse<String> get(String path) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> post(String path, String json) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI uri(String path) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return URI.create("http://127.0.0.1:" + port + path);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(AdminController.class)
	static class EndpointApplication {

		@Bean
		Authenticator endpointAuthenticator() {
			return (credential, invocation) -> AuthContext.builder("admin").roles("admin").build();
		}

	}

	@RestController
	static class AdminController {

		@Protected
		@RequireRole("admin")
		@GetMapping("/admin")
		String admin() {
			return "admin";
		}

		@PublicAccess
		@GetMapping("/ping")
		String ping() {
			return "pong";
		}

	}

}
