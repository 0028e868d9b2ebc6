package dev.gatehouse.auth.autoconfigure.jwt;

import java.util.Base64;

import dev.gatehouse.auth.autoconfigure.authentication.GatehouseAuthenticationAutoConfiguration;
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
 * A misconfigured JWT key source stops a real application with Boot's failure report
 * naming the property and what to do, never with a stack trace and never showing the
 * secret.
 */
@ExtendWith(OutputCaptureExtension.class)
class JwtStartupFailureTests {

	@Test
	void failsStartupWithReportForShortSecretWithoutShowingIt(CapturedOutput output) {
		String secret = Base64.getEncoder().encodeToString("CANARY-sixteen-b".getBytes());

		assertThatException().isThrownBy(() -> application().run("--gatehouse.jwt.secret=" + secret));

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("INVALID_CONFIGURATION gatehouse.jwt.secret: is unusable")
			.contains("at least 32 bytes")
			.contains("Action:")
			.contains("openssl rand -base64 32")
			.doesNotContain("\tat ")
			.doesNotContain(secret)
			.doesNotContain("CANARY");
	}

	@Test
	void failsStartupWithReportForSecretCombinedWithJwkSetUri(CapturedOutput output) {
		String secret = Base64.getEncoder().encodeToString("CANARY-0123456789abcdef0123456789".getBytes());

		assertThatException().isThrownBy(() -> application().run("--gatehouse.jwt.secret=" + secret,
				"--gatehouse.jwt.jwk-set-uri=https://idp.example/jwks"));

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("INVALID_CONFIGURATION gatehouse.jwt.secret: cannot be combined with gatehouse.jwt.jwk-set-uri")
			.contains("Action:")
			.doesNotContain("\tat ")
			.doesNotContain(secret);
	}

	private static SpringApplication application() {
		SpringApplication application = new SpringApplication(MinimalApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		return application;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ GatehouseAutoConfiguration.class, GatehouseJwtAutoConfiguration.class,
			GatehouseAuthenticationAutoConfiguration.class })
	static class MinimalApplication {

	}

}
