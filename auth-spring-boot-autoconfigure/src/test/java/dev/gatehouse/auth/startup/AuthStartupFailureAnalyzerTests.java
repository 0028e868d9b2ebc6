package dev.gatehouse.auth.startup;

import java.util.List;

import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.startup.GatehouseStartupValidationAutoConfiguration;
import dev.gatehouse.auth.spi.AuthCapability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The failure report lists every problem and says exactly what to add or remove.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuthStartupFailureAnalyzerTests {

	private final AuthStartupFailureAnalyzer analyzer = new AuthStartupFailureAnalyzer();

	@Test
	void describesEachDiagnosticOnItsOwnLineAndSaysWhatToDoForEach() {
		AuthStartupCapabilityValidationException exception = new AuthStartupCapabilityValidationException(List.of(
				new AuthStartupCapabilityDiagnostic(AuthCapability.AUTHENTICATION, 2,
						List.of("apiKeyAuthenticator", "jwtAuthenticator"), List.of("DocumentController#delete")),
				new AuthStartupCapabilityDiagnostic(AuthCapability.ROLE_CHECK, 0, List.of(),
						List.of("DocumentController#delete", "DocumentController#publish")),
				AuthStartupCapabilityDiagnostic.conflictingMetadata("PressService#publish",
						"PressService#publish is declared both @PublicAccess and protected (@RequireRole)."),
				AuthStartupCapabilityDiagnostic.notInterceptable("LedgerService#audit",
						"private method carries @RequireRole, but a proxy cannot intercept private methods")));
		FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("wrapped", exception));
		assertThat(analysis.getCause()).isSameAs(exception);
		assertThat(analysis.getDescription()).isEqualTo(
				"""
						Gatehouse cannot enforce the application's access rules (4 problems):

						    AUTHENTICATION: 2 providers (apiKeyAuthenticator, jwtAuthenticator); required by DocumentController#delete
						    ROLE_CHECK: 0 providers; required by DocumentController#delete, DocumentController#publish
						    CONFLICTING_METADATA PressService#publish: PressService#publish is declared both @PublicAccess and protected (@RequireRole).
						    NOT_INTERCEPTABLE LedgerService#audit: private method carries @RequireRole, but a proxy cannot intercept private methods""");
		assertThat(analysis.getAction()).isEqualTo(
				"""
						Fix each problem:

						    AUTHENTICATION: remove all but one of the beans apiKeyAuthenticator, jwtAuthenticator (each implements dev.gatehouse.auth.spi.Authenticator). Marking one @Primary is NOT a fix: Gatehouse requires exactly one provider per capability.
						    ROLE_CHECK: define one bean implementing dev.gatehouse.auth.spi.RoleChecker, or set gatehouse.checkers.context-roles=true to re-enable the default role checker (which checks the AuthContext's roles).
						    PressService#publish: remove either @PublicAccess or the requirement on PressService#publish; a boundary is either public or protected.
						    LedgerService#audit: make the method public and non-final/non-static, or move the annotation to a method that callers invoke through the bean.""");
	}

	@Test
	void saysWhatToDoForEveryMissingCapability() {
		assertThat(actionForMissing(AuthCapability.AUTHENTICATION)).contains("gatehouse.api-keys", "gatehouse.jwt.*",
				"gatehouse.snapshot.*", "gatehouse.snapshot.propagation.accept-inbound=true",
				"define one bean implementing dev.gatehouse.auth.spi.Authenticator");
		assertThat(actionForMissing(AuthCapability.SCOPE_CHECK)).contains("dev.gatehouse.auth.spi.ScopeChecker",
				"gatehouse.checkers.context-scopes=true");
		assertThat(actionForMissing(AuthCapability.RELATION_CHECK)).contains("dev.gatehouse.auth.spi.RelationChecker",
				"no built-in relation checker");
		assertThat(actionForMissing(AuthCapability.PERMISSION_CHECK))
			.isEqualTo("PERMISSION_CHECK: define one bean implementing dev.gatehouse.auth.spi.PermissionChecker.");
		assertThat(actionForMissing(AuthCapability.POLICY_EVALUATION))
			.isEqualTo("POLICY_EVALUATION: define one bean implementing dev.gatehouse.auth.spi.PolicyEvaluator.");
		assertThat(actionForMissing(AuthCapability.SNAPSHOT_SIGN)).isEqualTo("SNAPSHOT_SIGN: define one bean "
				+ "implementing dev.gatehouse.auth.spi.SnapshotSigner, or set gatehouse.snapshot.propagation.enabled"
				+ "=false if this service does not propagate signed context snapshots.");
		assertThat(actionForMissing(AuthCapability.SNAPSHOT_VERIFY)).contains("dev.gatehouse.auth.spi.SnapshotVerifier",
				"gatehouse.snapshot.propagation.enabled=false");
	}

	@Test
	void saysHowToFixInvalidMetadata() {
		assertThat(AuthStartupFailureAnalyzer.action(AuthStartupCapabilityDiagnostic.invalidMetadata("Job#run",
				"@RequireRole(value) on Job#run must not be blank.")))
			.isEqualTo("Job#run: correct the annotation value named above (@RequireRole(value) on Job#run must not "
					+ "be blank.)");
	}

	@Test
	void saysHowToDeclareAccessOnAnUndeclaredHandler() {
		AuthStartupCapabilityDiagnostic undeclared = AuthStartupCapabilityDiagnostic.undeclaredAccess(
				"ReportController#run", "handler for {GET [/reports/run]} has neither @PublicAccess nor a requirement");
		assertThat(undeclared.describe()).isEqualTo("UNDECLARED_ACCESS ReportController#run: handler for "
				+ "{GET [/reports/run]} has neither @PublicAccess nor a requirement");
		assertThat(AuthStartupFailureAnalyzer.action(undeclared)).isEqualTo("ReportController#run: annotate the "
				+ "handler (or its controller class) with @PublicAccess or a requirement such as @Protected, or set "
				+ "gatehouse.web.require-explicit-access=false.");
	}

	@Test
	void listsConfigurationDiagnosticsWithTheirActions() {
		AuthStartupCapabilityValidationException exception = new AuthStartupCapabilityValidationException(List.of(
				AuthStartupCapabilityDiagnostic.missingDependency("gatehouse.jwt.secret",
						"is set, but JWT bearer authentication needs g:a. Fix: Add the dependency g:a."),
				AuthStartupCapabilityDiagnostic.unknownProperty("gatehouse.jwt.sercet",
						"is not a Gatehouse property; did you mean gatehouse.jwt.secret? Fix: Rename it."),
				AuthStartupCapabilityDiagnostic.resourceNotChecked("DocumentService#delete",
						"@RequirePermission(value = \"d\", resource = \"doc\") names a resource")));
		FailureAnalysis analysis = this.analyzer.analyze(exception);
		assertThat(analysis.getDescription()).contains("(3 problems)")
			.contains("    MISSING_DEPENDENCY gatehouse.jwt.secret: is set, but JWT bearer authentication needs g:a.")
			.contains("    UNKNOWN_PROPERTY gatehouse.jwt.sercet: is not a Gatehouse property; did you mean "
					+ "gatehouse.jwt.secret?")
			.contains("    RESOURCE_NOT_CHECKED DocumentService#delete: @RequirePermission");
		assertThat(analysis.getAction()).contains("    gatehouse.jwt.secret: Add the dependency g:a.")
			.contains("    gatehouse.jwt.sercet: Rename it.")
			.contains("    DocumentService#delete: decide per object with @RequireRelation (a RelationChecker), an "
					+ "AuthZEN decision engine, or your own PermissionChecker bean that reads "
					+ "PermissionCheckRequest#resource(); or remove resource from @RequirePermission if holding the "
					+ "permission is enough.");
	}

	@Test
	void fallsBackToAGenericActionForAProblemWithoutOne() {
		assertThat(AuthStartupFailureAnalyzer
			.action(AuthStartupCapabilityDiagnostic.unknownProperty("gatehouse.x", "is not a Gatehouse property")))
			.isEqualTo("gatehouse.x: correct the property as described above.");
	}

	@Test
	void ignoresOtherFailures() {
		assertThat(this.analyzer.analyze(new IllegalStateException("unrelated"))).isNull();
	}

	@Test
	void springBootPrintsTheReportWhenTheApplicationFailsToStart(CapturedOutput output) {
		SpringApplication application = new SpringApplication(MisconfiguredApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatExceptionOfType(AuthStartupCapabilityValidationException.class).isThrownBy(
				() -> application.run("--gatehouse.checkers.context-roles=false", "--spring.main.banner-mode=off"));
		assertThat(output).contains("APPLICATION FAILED TO START", "Description:",
				"Gatehouse cannot enforce the application's access rules (2 problems):",
				"    AUTHENTICATION: 0 providers; required by DocumentController#delete",
				"    ROLE_CHECK: 0 providers; required by DocumentController#delete", "Action:",
				"    AUTHENTICATION: configure how callers authenticate: gatehouse.api-keys (API keys), gatehouse.jwt.*",
				"    ROLE_CHECK: define one bean implementing dev.gatehouse.auth.spi.RoleChecker, or set "
						+ "gatehouse.checkers.context-roles=true");
	}

	private String actionForMissing(AuthCapability capability) {
		return AuthStartupFailureAnalyzer
			.action(new AuthStartupCapabilityDiagnostic(capability, 0, List.of(), List.of("X#y")));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ AopAutoConfiguration.class, GatehouseAutoConfiguration.class,
			GatehouseStartupValidationAutoConfiguration.class })
	static class MisconfiguredApplication {

		@Bean
		DocumentController documentController() {
			return new DocumentController();
		}

	}

	static class DocumentController {

		@RequireRole("editor")
		public void delete() {
		}

	}

}
