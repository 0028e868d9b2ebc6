package dev.gatehouse.auth.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A misconfigured API key stops a real application at startup, and the failure report names the entry but
 * shows nothing of the configured hash.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApiKeyStartupFailureTests {

	private static final String BROKEN_HASH = "deadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefCANARY";

	@Test
	void failsStartupNamingEntryWithoutShowingHash(CapturedOutput output) {
		SpringApplication application = new SpringApplication(MinimalApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--gatehouse.api-keys[0].subject=ops",
				"--gatehouse.api-keys[0].sha256=" + BROKEN_HASH));
		assertThat(output).contains("gatehouse.api-keys[0].sha256 is not a SHA-256 hex digest")
			.contains("sha256sum")
			.doesNotContain(BROKEN_HASH)
			.doesNotContain("CANARY");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ GatehouseAutoConfiguration.class, GatehouseAuthenticationAutoConfiguration.class })
	static class MinimalApplication {

	}

}
