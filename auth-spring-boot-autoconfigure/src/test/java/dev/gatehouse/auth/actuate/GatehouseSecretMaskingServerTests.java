package dev.gatehouse.auth.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gatehouse secrets in {@code /actuator/env} and {@code /actuator/configprops} as an
 * operator with {@code show-values=always} sees them (issue 18, item 7), over real HTTP:
 * set as ordinary properties (dotted, bracketed, indexed) and as environment variables,
 * no secret value appears anywhere in either answer, while the non-secret values beside
 * them still do.
 */
class GatehouseSecretMaskingServerTests {

	private static final String JWT_SECRET = secret("jwt-secret-from-properties");

	private static final String JWT_SECRET_FROM_ENVIRONMENT = secret("jwt-secret-from-environment");

	private static final String SIGNING_SECRET = secret("snapshot-signing-secret");

	private static final String BRACKETED_KEY_SECRET = secret("verification-key-svc-default");

	private static final String ENVIRONMENT_KEY_SECRET = secret("verification-key-k2-environment");

	private static final String STATIC_TOKEN = "static-outbound-token-4f7a01";

	private static final String ENVIRONMENT_TOKEN = "env-outbound-token-9b3e55";

	private static final String CLIENT_SECRET = "ledger-client-secret-2c8d";

	private static final String API_KEY_HASH = "533420603ebdfa809ae0f4046b9619a29a449bb036085f8cea2b3b7b8f68cb4e";

	private static final String ENVIRONMENT_API_KEY_HASH = "875ec1e30e9c6c2bde36979b64b1394dbab7dea1a3e519f54f75084b89e02081";

	private static final String PDP_AUTHORIZATION = "Bearer pdp-credential-51e0c2";

	private static final List<String> SECRETS = List.of(PDP_AUTHORIZATION, JWT_SECRET, JWT_SECRET_FROM_ENVIRONMENT,
			SIGNING_SECRET, BRACKETED_KEY_SECRET, ENVIRONMENT_KEY_SECRET, STATIC_TOKEN, ENVIRONMENT_TOKEN,
			CLIENT_SECRET, API_KEY_HASH, ENVIRONMENT_API_KEY_HASH);

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() {
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("GATEHOUSE_JWT_SECRET", JWT_SECRET_FROM_ENVIRONMENT);
		variables.put("GATEHOUSE_SNAPSHOT_VERIFICATION_KEYS_K2_SECRET", ENVIRONMENT_KEY_SECRET);
		variables.put("GATEHOUSE_OUTBOUND_REGISTRATIONS_SEARCH_TOKEN", ENVIRONMENT_TOKEN);
		variables.put("GATEHOUSE_OUTBOUND_REGISTRATIONS_SEARCH_HEADERNAME", "X-Search-Key");
		// The list binds from this source, the higher one; the properties' list is still
		// shown by /actuator/env. The second spelling does not bind, but is a secret too.
		variables.put("GATEHOUSE_APIKEYS_0_SHA256", ENVIRONMENT_API_KEY_HASH);
		variables.put("GATEHOUSE_APIKEYS_0_SUBJECT", "alice-sub");
		variables.put("GATEHOUSE_API_KEYS_0_SHA256", ENVIRONMENT_API_KEY_HASH);
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", variables));
		context = new SpringApplicationBuilder(MaskingApplication.class).environment(environment)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"management.endpoints.web.exposure.include=env,configprops",
					"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always",
					"gatehouse.jwt.secret=" + JWT_SECRET, "gatehouse.snapshot.service-id=orders-7f3",
					"gatehouse.snapshot.signing.key-id=svc:default",
					"gatehouse.snapshot.signing.secret=" + SIGNING_SECRET,
					"gatehouse.snapshot.verification.trusted-issuers=orders-7f3",
					"gatehouse.outbound.registrations.search.type=static",
					"gatehouse.outbound.registrations.search.token=" + STATIC_TOKEN,
					"gatehouse.outbound.registrations.search.allowed-hosts=search.internal",
					"gatehouse.outbound.registrations.ledger.type=client-credentials",
					"gatehouse.outbound.registrations.ledger.token-uri=http://127.0.0.1:1/oauth2/token",
					"gatehouse.outbound.registrations.ledger.client-id=ledger-client-id",
					"gatehouse.outbound.registrations.ledger.client-secret=" + CLIENT_SECRET,
					"gatehouse.outbound.registrations.ledger.allowed-hosts=ledger.internal",
					"gatehouse.api-keys[0].sha256=" + API_KEY_HASH, "gatehouse.api-keys[0].subject=bob-sub",
					"gatehouse.authzen.base-url=http://127.0.0.1:1",
					"gatehouse.authzen.headers.Authorization=" + PDP_AUTHORIZATION)
			// A map: the key id's ':' would end the key of a "key=value" string. This is
			// how Boot flattens the YAML form keys."[svc:default]".secret.
			.properties(Map.of("gatehouse.snapshot.verification.keys[svc:default].secret", BRACKETED_KEY_SECRET))
			.run();
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void environmentShowsNoSecretButTheValuesBesideThem() throws Exception {
		String json = get("/actuator/env");

		assertThat(json).contains("orders-7f3").contains("X-Search-Key").contains("ledger-client-id");
		assertThat(json).contains("GATEHOUSE_JWT_SECRET").contains("gatehouse.api-keys[0].sha256");
		SECRETS.forEach((secret) -> assertThat(json).doesNotContain(secret));
	}

	@Test
	void singlePropertiesOfTheEnvironmentShowNoSecret() throws Exception {
		for (String property : List.of("gatehouse.authzen.headers.Authorization", "gatehouse.jwt.secret",
				"gatehouse.snapshot.verification.keys.k2.secret", "gatehouse.outbound.registrations.search.token",
				"gatehouse.api-keys[0].sha256")) {
			String json = get("/actuator/env/" + property.replace("[", "%5B").replace("]", "%5D"));
			assertThat(json).contains("******");
			SECRETS.forEach((secret) -> assertThat(json).as(property).doesNotContain(secret));
		}
		assertThat(get("/actuator/env/gatehouse.snapshot.service-id")).contains("orders-7f3");
	}

	@Test
	void configurationPropertiesShowNoSecretButTheValuesBesideThem() throws Exception {
		String json = get("/actuator/configprops");

		assertThat(json).contains("orders-7f3").contains("alice-sub").contains("ledger-client-id");
		SECRETS.forEach((secret) -> assertThat(json).doesNotContain(secret));
	}

	private static String get(String path) throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpResponse<String> response = HTTP.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

	private static String secret(String seed) {
		byte[] bytes = new byte[32];
		byte[] source = seed.getBytes(StandardCharsets.UTF_8);
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) (source[i % source.length] + i);
		}
		return Base64.getEncoder().encodeToString(bytes);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class MaskingApplication {

	}

}
