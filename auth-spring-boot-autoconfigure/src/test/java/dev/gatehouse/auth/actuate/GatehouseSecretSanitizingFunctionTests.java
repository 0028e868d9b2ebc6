package dev.gatehouse.auth.actuate;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Gatehouse secret in every form a property source or endpoint names it is masked;
 * the non-secret properties beside them are not.
 */
class GatehouseSecretSanitizingFunctionTests {

	private final GatehouseSecretSanitizingFunction function = new GatehouseSecretSanitizingFunction();

	@Test
	void masksEverySecretInEveryForm() {
		List<String> secrets = List.of("gatehouse.jwt.secret", "GATEHOUSE_JWT_SECRET", "gatehouse.jwt.Secret",
				"gatehouse.snapshot.signing.secret", "gatehouse.snapshot.signing.private-key",
				"gatehouse.snapshot.signing.privateKey", "GATEHOUSE_SNAPSHOT_SIGNING_PRIVATEKEY",
				"gatehouse.snapshot.verification.keys.k2.secret",
				"gatehouse.snapshot.verification.keys[svc:default].secret",
				"gatehouse.snapshot.verification.keys.\"[svc:default]\".secret",
				"gatehouse.snapshot.verification.keys.svc:default.secret",
				"GATEHOUSE_SNAPSHOT_VERIFICATION_KEYS_K2_SECRET", "gatehouse.outbound.registrations.search.token",
				"GATEHOUSE_OUTBOUND_REGISTRATIONS_SEARCH_TOKEN",
				"gatehouse.outbound.registrations.ledger.client-secret",
				"gatehouse.outbound.registrations.ledger.clientSecret",
				"GATEHOUSE_OUTBOUND_REGISTRATIONS_LEDGER_CLIENTSECRET",
				"GATEHOUSE_OUTBOUND_REGISTRATIONS_LEDGER_CLIENT_SECRET", "gatehouse.api-keys[0].sha256",
				"gatehouse.apiKeys[0].sha256", "GATEHOUSE_APIKEYS_0_SHA256", "GATEHOUSE_API_KEYS_0_SHA256",
				"gatehouse.authzen.headers.Authorization", "GATEHOUSE_AUTHZEN_HEADERS_AUTHORIZATION",
				"gatehouse.some-future.password");
		for (String key : secrets) {
			assertThat(apply(key, "s3cr3t")).as(key).isEqualTo(SanitizableData.SANITIZED_VALUE);
		}
	}

	@Test
	void leavesOtherPropertiesAlone() {
		List<String> plain = List.of("gatehouse.jwt.issuer-uri", "gatehouse.snapshot.signing.key-id",
				"gatehouse.snapshot.verification.keys.k2.public-key", "gatehouse.snapshot.service-id",
				"gatehouse.outbound.registrations.ledger.token-uri",
				"gatehouse.outbound.registrations.ledger.client-id",
				"GATEHOUSE_OUTBOUND_REGISTRATIONS_SEARCH_HEADERNAME", "gatehouse.api-keys[0].subject",
				"gatehouse.api-key-header", "spring.security.secret", "server.port", "JAVA_HOME");
		for (String key : plain) {
			assertThat(apply(key, "visible")).as(key).isEqualTo("visible");
		}
	}

	@Test
	void masksAnApplicationJsonThatMentionsGatehouse() {
		assertThat(apply("SPRING_APPLICATION_JSON", "{\"gatehouse\":{\"jwt\":{\"secret\":\"x\"}}}"))
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
		assertThat(apply("spring.application.json", "{\"Gatehouse.jwt.secret\":\"x\"}"))
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
		assertThat(apply("SPRING_APPLICATION_JSON", "{\"server\":{\"port\":8080}}"))
			.isEqualTo("{\"server\":{\"port\":8080}}");
	}

	private Object apply(String key, Object value) {
		return this.function
			.applyUnlessFiltered(new SanitizableData(new MapPropertySource("test", Map.of()), key, value))
			.getValue();
	}

}
