package dev.gatehouse.auth.startup;

import java.util.List;
import java.util.Map;

import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.core.GatehouseProperties;
import dev.gatehouse.auth.autoconfigure.startup.GatehouseStartupValidationAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static dev.gatehouse.auth.startup.StartupValidationTestSupport.diagnostics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A misspelt {@code gatehouse.*} key fails startup naming the nearest valid key, in lists
 * and maps too, instead of being silently ignored; map keys are user data.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnknownPropertiesStartupTests {

	private static final String SECRET_CANARY = "CANARY-c2VjcmV0LXZhbHVlLXRoYXQtaXMtbG9uZy1lbm91Z2g";

	private final ApplicationContextRunner runner = StartupValidationTestSupport.runner();

	@Test
	void failsStartupForMisspeltJwtSecretSuggestingTheRealKeyWithoutShowingTheValue(CapturedOutput output) {
		SpringApplication application = new SpringApplication(MinimalApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);

		assertThatException().isThrownBy(() -> application.run("--gatehouse.jwt.sercet=" + SECRET_CANARY));

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("UNKNOWN_PROPERTY gatehouse.jwt.sercet: is not a Gatehouse property")
			.contains("\"gatehouse.jwt.sercet\" from property source \"commandLineArgs\"")
			.contains("did you mean gatehouse.jwt.secret?")
			.contains("gatehouse.jwt.sercet: Rename it to gatehouse.jwt.secret, or remove it; set "
					+ "gatehouse.strict-properties=false to only log unknown keys as a warning.")
			.doesNotContain("\tat ")
			.doesNotContain("CANARY");
	}

	@Test
	void reportsEveryUnknownKeyWithTheNearestValidOneInsideListsAndMaps() {
		this.runner
			.withPropertyValues("gatehouse.api-keys[0].sah256=abc", "gatehouse.api-keys[0].subject=ops",
					"gatehouse.outbound.registrations.billing.tokne=t",
					"gatehouse.outbound.registrations.billing.type=static",
					"gatehouse.snapshot.verification.keys.k1.secrett=s", "gatehouse.jtw.issuer=https://idp.example",
					"gatehouse.audiences=reports-api", "gatehouse.jwt.secret.value=x")
			.run((context) -> assertThat(suggestions(diagnostics(context))).containsExactly(
					"gatehouse.api-keys[0].sah256 -> gatehouse.api-keys[0].sha256",
					"gatehouse.audiences -> gatehouse.jwt.audiences", "gatehouse.jtw.issuer -> gatehouse.jwt.issuer",
					"gatehouse.jwt.secret.value -> gatehouse.jwt.secret",
					"gatehouse.outbound.registrations.billing.tokne -> gatehouse.outbound.registrations.billing.token",
					"gatehouse.snapshot.verification.keys.k1.secrett -> gatehouse.snapshot.verification.keys.k1.secret"));
	}

	@Test
	void acceptsUserDataAsMapKeysAndEveryValidKey() {
		this.runner
			.withPropertyValues("gatehouse.permissions.roles.billing-clerk=invoices:*",
					"gatehouse.permissions.roles.ADMIN[0]=documents:*", "gatehouse.policies.rules[0].name=r",
					"gatehouse.policies.rules[0].subject-claim.department=sales",
					"gatehouse.snapshot.verification.keys[svc.k1].algorithm=HS256",
					"gatehouse.outbound.registrations.billing.header-name=X-Key", "gatehouse.jwt.clock-skew=30s",
					"gatehouse.strict-properties=true", "gatehouse.checkers.context-roles=true")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void checksNearMissesInEnvironmentVariablesButLeavesOtherGatehouseVariablesAlone() {
		this.runner
			.withInitializer(
					(context) -> context.getEnvironment()
						.getPropertySources()
						.addFirst(new SystemEnvironmentPropertySource(
								StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								Map.of("GATEHOUSE_JWT_SERCET", SECRET_CANARY, "GATEHOUSE_JWT_CLOCKSKEW", "10s",
										"GATEHOUSE_SAMPLE_SNAPSHOT_SECRET", SECRET_CANARY))))
			.run((context) -> assertThat(diagnostics(context)).singleElement().satisfies((diagnostic) -> {
				assertThat(diagnostic.boundary()).isEqualTo("gatehouse.jwt.sercet");
				assertThat(diagnostic.problem())
					.contains("\"GATEHOUSE_JWT_SERCET\" from property source \"systemEnvironment\"")
					.contains("did you mean gatehouse.jwt.secret?")
					.doesNotContain("CANARY");
			}));
	}

	@Test
	void listsTheValidKeysWhenNothingIsClose() {
		this.runner.withPropertyValues("gatehouse.jwt.zzzzzzzzzzzzzzzzzzzzzz=1")
			.run((context) -> assertThat(diagnostics(context)).singleElement()
				.satisfies((diagnostic) -> assertThat(diagnostic.problem())
					.contains("valid keys at that level are audiences, clock-skew")
					.contains("Fix: Correct the name")));
	}

	@Test
	void onlyWarnsWhenStrictPropertiesIsOff(CapturedOutput output) {
		this.runner.withPropertyValues("gatehouse.strict-properties=false", "gatehouse.jwt.sercet=" + SECRET_CANARY)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(GatehouseProperties.class).isStrictProperties()).isFalse();
			});
		assertThat(output).contains("WARN")
			.contains("Gatehouse ignores 1 unknown property (gatehouse.strict-properties=false):")
			.contains("UNKNOWN_PROPERTY gatehouse.jwt.sercet")
			.contains("did you mean gatehouse.jwt.secret?")
			.doesNotContain("to only log unknown keys")
			.doesNotContain("CANARY");
	}

	@Test
	void failsStartupWhenStartupValidationIsOffToo() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, GatehouseAutoConfiguration.class,
					GatehouseStartupValidationAutoConfiguration.class))
			.withPropertyValues("gatehouse.startup-validation.enabled=false", "gatehouse.jwt.sercet=x")
			.run((context) -> assertThat(diagnostics(context)).singleElement()
				.satisfies((diagnostic) -> assertThat(diagnostic.boundary()).isEqualTo("gatehouse.jwt.sercet")));
	}

	@Test
	void knowsTheKeysOfFurtherGatehousePropertiesClasses() {
		this.runner.withUserConfiguration(ExtraPropertiesConfiguration.class)
			.withPropertyValues("gatehouse.extra.colour=blue", "gatehouse.extra.color=red")
			.run((context) -> assertThat(suggestions(diagnostics(context)))
				.containsExactly("gatehouse.extra.color -> gatehouse.extra.colour"));
	}

	private static List<String> suggestions(List<AuthStartupCapabilityDiagnostic> diagnostics) {
		assertThat(diagnostics).extracting(AuthStartupCapabilityDiagnostic::kind)
			.containsOnly(AuthStartupCapabilityDiagnostic.Kind.UNKNOWN_PROPERTY);
		return diagnostics.stream().map((diagnostic) -> {
			String problem = diagnostic.problem();
			int start = problem.indexOf("did you mean ") + "did you mean ".length();
			return diagnostic.boundary() + " -> " + problem.substring(start, problem.indexOf('?', start));
		}).toList();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ GatehouseAutoConfiguration.class, GatehouseStartupValidationAutoConfiguration.class })
	static class MinimalApplication {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ExtraProperties.class)
	static class ExtraPropertiesConfiguration {

	}

	@ConfigurationProperties("gatehouse.extra")
	static class ExtraProperties {

		private String colour = "green";

		public String getColour() {
			return this.colour;
		}

		public void setColour(String colour) {
			this.colour = colour;
		}

	}

}
