package dev.gatehouse.sample;

import dev.gatehouse.auth.startup.AuthStartupCapabilityValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code broken} profile removes the default role checker; the sample must refuse to
 * start with exactly the failure report the README shows.
 */
@ExtendWith(OutputCaptureExtension.class)
class BrokenProfileTests {

	@Test
	void brokenProfileFailsStartupWithTheReportShownInTheReadme(CapturedOutput output) {
		assertThatExceptionOfType(AuthStartupCapabilityValidationException.class)
			.isThrownBy(() -> new SpringApplicationBuilder(SampleApplication.class).profiles("broken")
				.properties("server.port=0", "server.address=127.0.0.1", "management.server.port=0",
						"management.server.address=127.0.0.1")
				.run());
		String report = ReadmeScenarios.load().brokenProfileReport();
		assertThat(report).contains("ROLE_CHECK: 0 providers");
		assertThat(output.getOut().replace("\r\n", "\n")).contains(report);
	}

}
