package dev.gatehouse.auth.startup;

import java.util.Base64;

import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.autoconfigure.authentication.GatehouseAuthenticationAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.jwt.GatehouseJwtAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.snapshot.GatehouseSnapshotAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.startup.GatehouseStartupValidationAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Four configuration mistakes made together (a bad JWT secret, a bad API-key hash, a
 * missing role checker and a short snapshot secret) arrive in one failure report, so one
 * restart shows all of them; it used to take three.
 */
@ExtendWith(OutputCaptureExtension.class)
class OneFailureReportStartupTests {

	private static final String SHORT_JWT_SECRET = Base64.getEncoder().encodeToString("CANARY-jwt-short".getBytes());

	private static final String SHORT_SNAPSHOT_SECRET = Base64.getEncoder()
		.encodeToString("CANARY-snap-shrt".getBytes());

	private static final String BROKEN_HASH = "deadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefCANARY";

	@Test
	void reportsFourConfigurationMistakesInOneFailureReport(CapturedOutput output) {
		SpringApplication application = new SpringApplication(MisconfiguredApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);

		assertThatException().isThrownBy(() -> application.run("--gatehouse.jwt.secret=" + SHORT_JWT_SECRET,
				"--gatehouse.api-keys[0].subject=ops", "--gatehouse.api-keys[0].sha256=" + BROKEN_HASH,
				"--gatehouse.checkers.context-roles=false",
				"--gatehouse.snapshot.verification.keys.k1.secret=" + SHORT_SNAPSHOT_SECRET));

		String report = output.toString();
		assertThat(report).containsOnlyOnce("APPLICATION FAILED TO START")
			.contains("Gatehouse cannot enforce the application's access rules (4 problems):")
			.contains("ROLE_CHECK: 0 providers; required by LedgerService#close")
			.contains("INVALID_CONFIGURATION gatehouse.api-keys[0].sha256: is not a SHA-256 hex digest")
			.contains("INVALID_CONFIGURATION gatehouse.jwt.secret: is unusable")
			.contains("INVALID_CONFIGURATION gatehouse.snapshot.verification.keys.k1.secret:")
			.contains("gatehouse.jwt.secret: Set it to a base64 or base64url string of at least 32 random bytes")
			.contains("gatehouse.api-keys[0].sha256: ")
			.contains("ROLE_CHECK: define one bean implementing dev.gatehouse.auth.spi.RoleChecker")
			.doesNotContain("\tat ")
			.doesNotContain("CANARY")
			.doesNotContain(SHORT_JWT_SECRET)
			.doesNotContain(SHORT_SNAPSHOT_SECRET);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ AopAutoConfiguration.class, GatehouseAutoConfiguration.class,
			GatehouseJwtAutoConfiguration.class, GatehouseSnapshotAutoConfiguration.class,
			GatehouseAuthenticationAutoConfiguration.class, GatehouseStartupValidationAutoConfiguration.class })
	static class MisconfiguredApplication {

		@Bean
		LedgerService ledgerService() {
			return new LedgerService();
		}

	}

	static class LedgerService {

		@RequireRole("accountant")
		public void close() {
		}

	}

}
