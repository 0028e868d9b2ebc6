package dev.gatehouse.auth.startup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * An {@link InvalidGatehouseConfigurationException} is one of Boot's
 * {@link InvalidConfigurationPropertyValueException}s, and when one stops startup by
 * itself (no collector to join) Gatehouse's failure analyzer reports it before Boot's
 * own, which would print the property's value from the environment.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidConfigurationFailureReportTests {

	private static final String CANARY = "CANARY-c2VjcmV0LXZhbHVlLXRoYXQtaXMtbG9uZy1lbm91Z2g";

	@Test
	void isBootsInvalidPropertyValueWithoutTheValue() {
		InvalidGatehouseConfigurationException invalid = new InvalidGatehouseConfigurationException(
				"gatehouse.jwt.secret", "is unusable", "Set it.");
		assertThat(invalid).isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.hasMessage("gatehouse.jwt.secret is unusable");
		assertThat(invalid.getName()).isEqualTo("gatehouse.jwt.secret");
		assertThat(invalid.getReason()).isEqualTo("is unusable");
		assertThat(invalid.getValue()).isEqualTo(InvalidGatehouseConfigurationException.VALUE_NOT_SHOWN);
	}

	@Test
	void reportsTheThrownProblemWithGatehousesAnalyzerNeverShowingTheValue(CapturedOutput output) {
		SpringApplication application = new SpringApplication(FailingApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);

		assertThatException().isThrownBy(() -> application.run("--gatehouse.jwt.secret=" + CANARY));

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid Gatehouse configuration: gatehouse.jwt.secret is unusable.")
			.contains("Set it to base64 of at least 32 random bytes.")
			.doesNotContain("Invalid value")
			.doesNotContain("CANARY");
	}

	@Configuration(proxyBeanMethods = false)
	static class FailingApplication {

		@Bean
		Object failingBean() {
			throw new InvalidGatehouseConfigurationException("gatehouse.jwt.secret", "is unusable",
					"Set it to base64 of at least 32 random bytes.");
		}

	}

}
