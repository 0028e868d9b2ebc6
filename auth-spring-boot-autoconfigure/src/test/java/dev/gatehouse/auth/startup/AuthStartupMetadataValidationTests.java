package dev.gatehouse.auth.startup;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

import dev.gatehouse.auth.annotation.Protected;
import dev.gatehouse.auth.annotation.PublicAccess;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.context.AuthContextNotFoundException;
import dev.gatehouse.auth.spi.AuthCapability;
import dev.gatehouse.auth.startup.AuthStartupCapabilityDiagnostic.Kind;
import dev.gatehouse.auth.startup.fixture.PackagePrivateBase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.gatehouse.auth.startup.StartupValidationTestSupport.diagnostics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Annotations that cannot be enforced as written fail startup, each as a diagnostic
 * naming the method.
 */
class AuthStartupMetadataValidationTests {

	private final ApplicationContextRunner runner = StartupValidationTestSupport.runner()
		.withUserConfiguration(StartupValidationTestSupport.AuthenticatorConfiguration.class);

	@Test
	void failsNamingAnAnnotatedPrivateMethod() {
		this.runner.withBean(LedgerService.class)
			.run((context) -> assertThat(diagnostics(context)).containsExactly(AuthStartupCapabilityDiagnostic
				.notInterceptable("LedgerService#audit", "private method carries @RequireRole, but a proxy cannot "
						+ "intercept private methods, so Spring would silently ignore the annotation")));
	}

	@Test
	void failsNamingAnAnnotatedFinalMethod() {
		this.runner.withBean(ClosingService.class)
			.run((context) -> assertThat(diagnostics(context)).containsExactly(AuthStartupCapabilityDiagnostic
				.notInterceptable("ClosingService#close", "final method carries @RequireRole, but a CGLIB proxy "
						+ "cannot override final methods, so Spring would silently ignore the annotation")));
	}

	@Test
	void failsNamingAnAnnotatedStaticMethod() {
		this.runner.withBean(StaticService.class)
			.run((context) -> assertThat(diagnostics(context)).containsExactly(AuthStartupCapabilityDiagnostic
				.notInterceptable("StaticService#reset", "static method carries @Protected, but no proxy sees calls "
						+ "to static methods, so Spring would silently ignore the annotation")));
	}

	@Test
	void namesTheComposedAnnotationOnANonInterceptableMethod() {
		this.runner.withBean(ComposedPrivateService.class)
			.run((context) -> assertThat(diagnostics(context)).singleElement()
				.satisfies((diagnostic) -> assertThat(diagnostic.problem())
					.startsWith("private method carries @AuditorsOnly (composing @RequireRole), but")));
	}

	@Test
	void namesRepeatedAnnotationsOnANonInterceptableMethod() {
		this.runner.withBean(RepeatedPrivateService.class)
			.run((context) -> assertThat(diagnostics(context)).singleElement()
				.satisfies((diagnostic) -> assertThat(diagnostic.problem())
					.startsWith("private method carries @RequireRole, but")));
	}

	@Test
	void failsNamingAnAnnotatedStaticInterfaceMethod() {
		this.runner.withBean(StaticInterfaceApi.class, () -> () -> "ok")
			.run((context) -> assertThat(diagnostics(context)).containsExactly(AuthStartupCapabilityDiagnostic
				.notInterceptable("StaticInterfaceApi#defaults", "static method carries @RequireRole, but no "
						+ "proxy sees calls to static methods, so Spring would silently ignore the annotation")));
	}

	@Test
	void ignoresObjectMethodsEvenWhenFinal() {
		this.runner.withBean(FinalToStringService.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(AuthCapabilityReport.class).boundaries())
				.extracting(AuthCapabilityReport.Boundary::name)
				.containsExactly("FinalToStringService#work");
		});
	}

	@Test
	void failsNamingAFinalMethodThatClassLevelRequirementsWouldCover() {
		this.runner.withBean(ClerkService.class)
			.run((context) -> assertThat(diagnostics(context))
				.containsExactly(AuthStartupCapabilityDiagnostic.notInterceptable("ClerkService#close",
						"final method is protected (by its class's annotations or "
								+ "the method it overrides), but a CGLIB proxy cannot override final methods, so calls "
								+ "would run unchecked")));
	}

	@Test
	void failsNamingAFinalOverrideOfAnAnnotatedMethod() {
		this.runner.withBean(FinalOverrideService.class)
			.run((context) -> assertThat(diagnostics(context)).extracting(AuthStartupCapabilityDiagnostic::boundary)
				.containsExactly("FinalOverrideService#approve"));
	}

	@Test
	void failsNamingAnAnnotatedPackagePrivateMethodOfASuperclassInAnotherPackage() {
		this.runner.withBean(RestartService.class)
			.run((context) -> assertThat(diagnostics(context)).containsExactly(AuthStartupCapabilityDiagnostic
				.notInterceptable("PackagePrivateBase#restart", "package-private method carries @RequireRole, but "
						+ "the proxy, generated in package dev.gatehouse.auth.startup, cannot override a "
						+ "package-private method of package dev.gatehouse.auth.startup.fixture, so Spring would "
						+ "silently ignore the annotation")));
	}

	@Test
	void enforcesAnnotatedPackagePrivateMethodsOfTheBeanClassItself() {
		this.runner.withBean(SamePackageService.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(AuthCapabilityReport.class).requiredCapabilities())
				.containsEntry(AuthCapability.ROLE_CHECK, List.of("SamePackageService#rotate"));
			assertThatExceptionOfType(AuthContextNotFoundException.class)
				.isThrownBy(() -> context.getBean(SamePackageService.class).rotate());
		});
	}

	@Test
	void ignoresPrivateHelpersOfAClassWithClassLevelRequirements() {
		this.runner.withBean(HelperService.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(AuthCapabilityReport.class).requiredCapabilities())
				.containsEntry(AuthCapability.ROLE_CHECK, List.of("HelperService#work"));
		});
	}

	@Test
	void ignoresFinalMethodsInheritedFromAnUnannotatedSuperclass() {
		this.runner.withBean(FrameworkSubclassService.class).run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void failsNamingAMethodWithConflictingMetadata() {
		this.runner.withBean(PressService.class)
			.run((context) -> assertThat(diagnostics(context)).singleElement().satisfies((diagnostic) -> {
				assertThat(diagnostic.kind()).isEqualTo(Kind.CONFLICTING_METADATA);
				assertThat(diagnostic.boundary()).isEqualTo("PressService#publish");
				assertThat(diagnostic.problem())
					.contains("PressService#publish is declared both @PublicAccess and " + "protected (@RequireRole)");
			}));
	}

	@Test
	void failsNamingAMethodWithInvalidMetadata() {
		this.runner.withBean(BlankRoleService.class)
			.run((context) -> assertThat(diagnostics(context)).singleElement().satisfies((diagnostic) -> {
				assertThat(diagnostic.kind()).isEqualTo(Kind.INVALID_METADATA);
				assertThat(diagnostic.boundary()).isEqualTo("BlankRoleService#run");
				assertThat(diagnostic.problem()).contains("@RequireRole(value)", "must not be blank");
			}));
	}

	@Test
	void listsCapabilityProblemsFirstThenMethodProblemsByBoundary() {
		StartupValidationTestSupport.runner()
			.withBean(PressService.class)
			.withBean(LedgerService.class)
			.withBean(ClosingService.class)
			.run((context) -> assertThat(diagnostics(context))
				.extracting((diagnostic) -> diagnostic.kind() + " "
						+ ((diagnostic.kind() == Kind.CAPABILITY) ? diagnostic.capability() : diagnostic.boundary()))
				.containsExactly("CAPABILITY AUTHENTICATION", "NOT_INTERCEPTABLE ClosingService#close",
						"NOT_INTERCEPTABLE LedgerService#audit", "CONFLICTING_METADATA PressService#publish"));
	}

	static class LedgerService {

		@Protected
		public void open() {
			audit();
		}

		@RequireRole("auditor")
		private void audit() {
		}

	}

	static class ClosingService {

		@Protected
		public void open() {
		}

		@RequireRole("closer")
		public final void close() {
		}

	}

	static class StaticService {

		@Protected
		public static void reset() {
		}

	}

	@Target({ ElementType.TYPE, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@RequireRole("auditor")
	@interface AuditorsOnly {

	}

	static class ComposedPrivateService {

		@Protected
		public void open() {
			audit();
		}

		@AuditorsOnly
		private void audit() {
		}

	}

	static class RepeatedPrivateService {

		@Protected
		public void open() {
			audit();
		}

		@RequireRole("auditor")
		@RequireRole("controller")
		private void audit() {
		}

	}

	@FunctionalInterface
	interface StaticInterfaceApi {

		@Protected
		String read();

		@RequireRole("admin")
		static String defaults() {
			return "defaults";
		}

	}

	@RequireRole("worker")
	static class FinalToStringService {

		public void work() {
		}

		@Override
		public final String toString() {
			return "service";
		}

	}

	@RequireRole("clerk")
	static class ClerkService {

		public void file() {
		}

		public final void close() {
		}

	}

	static class ApprovalService {

		@RequireRole("approver")
		public void approve() {
		}

	}

	static class FinalOverrideService extends ApprovalService {

		@Override
		public final void approve() {
		}

	}

	static class RestartService extends PackagePrivateBase {

		@Protected
		public void status() {
		}

	}

	static class SamePackageService {

		@RequireRole("operator")
		void rotate() {
		}

	}

	@RequireRole("worker")
	static class HelperService {

		public void work() {
			help();
		}

		private void help() {
		}

	}

	static class FrameworkBase {

		public final String describe() {
			return "base";
		}

	}

	@RequireRole("worker")
	static class FrameworkSubclassService extends FrameworkBase {

		public void work() {
		}

	}

	static class PressService {

		@PublicAccess
		@RequireRole("editor")
		public void publish() {
		}

	}

	static class BlankRoleService {

		@RequireRole(" ")
		public void run() {
		}

	}

}
