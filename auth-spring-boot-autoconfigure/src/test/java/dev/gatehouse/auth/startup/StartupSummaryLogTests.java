package dev.gatehouse.auth.startup;

import dev.gatehouse.auth.annotation.PublicAccess;
import dev.gatehouse.auth.annotation.RequireRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Startup validation says in one INFO line what it found, so an operator sees at a glance
 * what the application enforces and with which providers.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupSummaryLogTests {

	@Test
	void logsOneInfoLineWithCapabilitiesProvidersBoundariesAndTime(CapturedOutput output) {
		StartupValidationTestSupport.runner()
			.withUserConfiguration(StartupValidationTestSupport.AuthenticatorConfiguration.class)
			.withBean(LedgerService.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output.getOut().lines().filter((line) -> line.contains("Gatehouse startup validation:")))
					.singleElement()
					.satisfies((line) -> assertThat(line).contains(" INFO ")
						.contains("2 protected boundaries (1 public)")
						.contains("required AUTHENTICATION by authenticator, ROLE_CHECK by contextRoleChecker")
						.containsPattern("\\d+ classes scanned in \\d+ ms; 0 problems"));
			});
	}

	@Test
	void namesMissingProviderAndProblemCountWhenValidationFails(CapturedOutput output) {
		StartupValidationTestSupport.runner().withBean(ClerkService.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(output).contains("Gatehouse startup validation: 1 protected boundary (0 public)");
			assertThat(output).contains("required AUTHENTICATION by no provider, ROLE_CHECK by contextRoleChecker")
				.contains("; 1 problem");
		});
	}

	static class ClerkService {

		@RequireRole("clerk")
		public void book() {
		}

	}

	static class LedgerService {

		@RequireRole("auditor")
		public void audit() {
		}

		@RequireRole("clerk")
		public void book() {
		}

		@PublicAccess
		public String status() {
			return "open";
		}

	}

}
