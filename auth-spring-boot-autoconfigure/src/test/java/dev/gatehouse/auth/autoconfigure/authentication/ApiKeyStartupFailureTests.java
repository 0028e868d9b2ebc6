package dev.gatehouse.auth.autoconfigure.authentication;

import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
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
 * A misconfigured API key stops a real application at startup, and the failure report
 * names the entry but shows nothing of the configured hash.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApiKeyStartupFailureTests {

	// SHA-256 of "test-key".
	private static final String VALID_HASH = "62af8704764faf8ea82fc61ce9c4c3908b6cb97d463a634e9e587d7c885db0ef";

	private static final String BROKEN_HASH = "deadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefCANARY";

	@Test
	void failsStartupNamingEntryWithoutShowingHash(CapturedOutput output) {
		SpringApplication application = new SpringApplication(MinimalApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--gatehouse.api-keys[0].subject=ops",
				"--gatehouse.api-keys[0].sha256=" + BROKEN_HASH));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Description:")
			.contains("INVALID_CONFIGURATION gatehouse.api-keys[0].sha256")
			.contains("gatehouse.api-keys[0].sha256: is not a SHA-256 hex digest")
			.contains("Action:")
			.contains("sha256sum")
			.doesNotContain("\tat ")
			.doesNotContain(BROKEN_HASH)
			.doesNotContain("CANARY");
	}

	@Test
	void failsStartupWithReportForDuplicateKeyWithoutShowingHash(CapturedOutput output) {
		SpringApplication application = new SpringApplication(MinimalApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--gatehouse.api-keys[0].subject=ops",
				"--gatehouse.api-keys[0].sha256=" + VALID_HASH, "--gatehouse.api-keys[1].subject=dev",
				"--gatehouse.api-keys[1].sha256=" + VALID_HASH.toUpperCase()));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("gatehouse.api-keys[1].sha256: is the same hash as gatehouse.api-keys[0].sha256")
			.contains("Configure each API key once")
			.doesNotContain("\tat ")
			.doesNotContain(VALID_HASH)
			.doesNotContain(VALID_HASH.toUpperCase());
	}

	@Test
	void failsStartupWithReportForMissingSubject(CapturedOutput output) {
		SpringApplication application = new SpringApplication(MinimalApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--gatehouse.api-keys[0].sha256=" + VALID_HASH));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("gatehouse.api-keys[0].subject: is missing")
			.contains("Set the subject id")
			.doesNotContain(VALID_HASH);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ GatehouseAutoConfiguration.class, GatehouseAuthenticationAutoConfiguration.class })
	static class MinimalApplication {

	}

}
