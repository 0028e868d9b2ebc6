package dev.gatehouse.auth.startup;

import java.util.Base64;

import dev.gatehouse.auth.annotation.Protected;
import dev.gatehouse.auth.autoconfigure.authentication.GatehouseAuthenticationAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.checker.GatehouseCheckerAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.jwt.GatehouseJwtAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.outbound.GatehouseOutboundAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.startup.GatehouseStartupValidationAutoConfiguration;
import dev.gatehouse.auth.cache.AuthDecisionCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;

import static dev.gatehouse.auth.startup.StartupValidationTestSupport.diagnostics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.mockito.Mockito.mock;

/**
 * A property whose feature needs an optional dependency that is missing fails startup
 * naming the dependency, instead of silently leaving the feature off (a configured JWT
 * secret without spring-security-oauth2-jose answered every valid token with 401
 * MISSING_CREDENTIAL).
 */
@ExtendWith(OutputCaptureExtension.class)
class OptionalDependencyStartupTests {

	private static final String SECRET = Base64.getEncoder()
		.encodeToString("0123456789abcdef0123456789abcdef".getBytes());

	// printf %s "test-key" | sha256sum
	private static final String TEST_KEY_SHA256 = "62af8704764faf8ea82fc61ce9c4c3908b6cb97d463a634e9e587d7c885db0ef";

	private static final FilteredClassLoader WITHOUT_JOSE = new FilteredClassLoader(
			"org.springframework.security.oauth2.jwt");

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations
		.of(AopAutoConfiguration.class, GatehouseAutoConfiguration.class, GatehouseJwtAutoConfiguration.class,
				GatehouseAuthenticationAutoConfiguration.class, GatehouseCheckerAutoConfiguration.class,
				GatehouseOutboundAutoConfiguration.class, GatehouseStartupValidationAutoConfiguration.class));

	@Test
	void failsStartupForJwtSecretWithoutJoseNamingTheDependency(CapturedOutput output) {
		SpringApplication application = new SpringApplication(JwtApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setResourceLoader(new DefaultResourceLoader(WITHOUT_JOSE));

		// With an API key configured as well, the application used to start, and every
		// valid token was answered 401 MISSING_CREDENTIAL.
		assertThatException().isThrownBy(() -> application.run("--gatehouse.jwt.secret=" + SECRET,
				"--gatehouse.api-keys[0].subject=ops", "--gatehouse.api-keys[0].sha256=" + TEST_KEY_SHA256));

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("MISSING_DEPENDENCY gatehouse.jwt.secret: is set, but JWT bearer authentication needs "
					+ "org.springframework.security:spring-security-oauth2-jose, which is not on the class path")
			.contains(
					"gatehouse.jwt.secret: Add the dependency org.springframework.security:spring-security-oauth2-jose, "
							+ "or remove gatehouse.jwt.secret.")
			.doesNotContain("AUTHENTICATION: 0 providers")
			.doesNotContain("\tat ")
			.doesNotContain(SECRET);
	}

	@Test
	void namesEveryJwtKeySourceSetWithoutJose() {
		this.runner.withClassLoader(WITHOUT_JOSE)
			.withPropertyValues("gatehouse.jwt.issuer-uri=https://idp.example",
					"gatehouse.jwt.jwk-set-uri=https://idp.example/jwks")
			.run((context) -> assertThat(diagnostics(context)).extracting(AuthStartupCapabilityDiagnostic::boundary)
				.containsExactly("gatehouse.jwt.issuer-uri", "gatehouse.jwt.jwk-set-uri"));
	}

	@Test
	void startsWithJwtSecretWhenJoseIsPresent() {
		this.runner.withPropertyValues("gatehouse.jwt.secret=" + SECRET)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void failsStartupForDecisionCacheWithoutCaffeine() {
		this.runner.withClassLoader(new FilteredClassLoader("com.github.benmanes.caffeine"))
			.withPropertyValues("gatehouse.cache.enabled=true")
			.run((context) -> assertThat(diagnostics(context)).singleElement().satisfies((diagnostic) -> {
				assertThat(diagnostic.kind()).isEqualTo(AuthStartupCapabilityDiagnostic.Kind.MISSING_DEPENDENCY);
				assertThat(diagnostic.boundary()).isEqualTo("gatehouse.cache.enabled");
				assertThat(diagnostic.problem()).contains("com.github.ben-manes.caffeine:caffeine");
			}));
	}

	@Test
	void startsWithDecisionCacheWithoutCaffeineWhenTheApplicationDefinesItsOwnCache() {
		this.runner.withClassLoader(new FilteredClassLoader("com.github.benmanes.caffeine"))
			.withPropertyValues("gatehouse.cache.enabled=true")
			.withBean(AuthDecisionCache.class, () -> mock(AuthDecisionCache.class))
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void failsStartupForOutboundRegistrationsWithoutSpringWebNamingBothDependencies() {
		this.runner
			.withClassLoader(new FilteredClassLoader("org.springframework.http.client.ClientHttpRequestInterceptor",
					"org.springframework.security.oauth2.client"))
			.withPropertyValues("gatehouse.outbound.registrations.billing.type=static",
					"gatehouse.outbound.registrations.billing.token=t",
					"gatehouse.outbound.registrations.idp.type=client-credentials")
			.run((context) -> assertThat(diagnostics(context))
				.extracting((diagnostic) -> diagnostic.boundary() + " "
						+ diagnostic.problem().substring(0, diagnostic.problem().indexOf(" needs")))
				.containsExactly(
						"gatehouse.outbound.registrations.billing.type is set, but an outbound credential registration",
						"gatehouse.outbound.registrations.idp.type is set, but an OAuth 2.0 outbound registration",
						"gatehouse.outbound.registrations.idp.type is set, but an outbound credential registration"));
	}

	@Test
	void reportsMissingOauth2ClientOnceWhenTheOutboundConfigurationRuns() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.security.oauth2.client"))
			.withPropertyValues("gatehouse.outbound.registrations.idp.type=client-credentials",
					"gatehouse.outbound.registrations.idp.allowed-hosts=idp.example")
			.run((context) -> assertThat(diagnostics(context)).singleElement()
				.satisfies((diagnostic) -> assertThat(diagnostic.problem())
					.contains("org.springframework.security:spring-security-oauth2-client")));
	}

	@Test
	void startsWithoutAnyOptionalDependencyWhenNoPropertyNeedsOne() {
		this.runner
			.withClassLoader(new FilteredClassLoader("org.springframework.security", "com.github.benmanes.caffeine",
					"org.springframework.http.client", "org.springframework.web"))
			.withPropertyValues("gatehouse.cache.enabled=false", "gatehouse.jwt.audiences=reports-api")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(OptionalDependencyCheck.class);
				assertThat(context.getBean(OptionalDependencyCheck.class).diagnostics()).isEmpty();
			});
	}

	@Test
	void failsStartupWhenStartupValidationIsOffToo() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, GatehouseAutoConfiguration.class,
					GatehouseStartupValidationAutoConfiguration.class))
			.withClassLoader(WITHOUT_JOSE)
			.withPropertyValues("gatehouse.startup-validation.enabled=false", "gatehouse.jwt.secret=" + SECRET)
			.run((context) -> assertThat(diagnostics(context)).singleElement()
				.satisfies((diagnostic) -> assertThat(diagnostic.boundary()).isEqualTo("gatehouse.jwt.secret")));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ AopAutoConfiguration.class, GatehouseAutoConfiguration.class,
			GatehouseJwtAutoConfiguration.class, GatehouseAuthenticationAutoConfiguration.class,
			GatehouseStartupValidationAutoConfiguration.class })
	static class JwtApplication {

		@Bean
		ReportService reportService() {
			return new ReportService();
		}

	}

	// Public: the CGLIB proxy is defined in the filtered class loader.
	public static class ReportService {

		@Protected
		public String read() {
			return "report";
		}

	}

}
