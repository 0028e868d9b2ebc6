package dev.gatehouse.auth.startup;

import java.util.List;

import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextNotFoundException;
import dev.gatehouse.auth.context.AuthContextScope;
import dev.gatehouse.auth.decision.AuthRequirementDeniedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Only {@code toString}, {@code equals} and {@code hashCode} are exempt from enforcement:
 * an annotated {@code clone()} is enforced through the proxy, and an annotated
 * {@code finalize()}, which no proxy intercepts, fails startup naming the method.
 */
class ObjectMethodBoundaryTests {

	@Test
	void refusesAnnotatedCloneWithoutContext() {
		StartupValidationTestSupport.runner()
			.withUserConfiguration(StartupValidationTestSupport.AuthenticatorConfiguration.class)
			.withBean(Template.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Template template = context.getBean(Template.class);
				assertThatExceptionOfType(AuthContextNotFoundException.class).isThrownBy(template::clone);
			});
	}

	@Test
	void deniesAnnotatedCloneToCallerWithoutRole() {
		StartupValidationTestSupport.runner()
			.withUserConfiguration(StartupValidationTestSupport.AuthenticatorConfiguration.class)
			.withBean(Template.class)
			.run((context) -> {
				Template template = context.getBean(Template.class);
				try (AuthContextScope scope = AuthContextHolder
					.open(AuthContext.builder("bob").roles("user").build())) {
					assertThatExceptionOfType(AuthRequirementDeniedException.class).isThrownBy(template::clone);
				}
				try (AuthContextScope scope = AuthContextHolder
					.open(AuthContext.builder("alice").roles("editor").build())) {
					assertThat(template.clone()).isInstanceOf(Template.class);
				}
			});
	}

	@Test
	void listsCloneAsBoundaryInReport() {
		StartupValidationTestSupport.runner()
			.withUserConfiguration(StartupValidationTestSupport.AuthenticatorConfiguration.class)
			.withBean(Template.class)
			.run((context) -> assertThat(context.getBean(AuthCapabilityReport.class).boundaries())
				.extracting(AuthCapabilityReport.Boundary::name)
				.containsExactly("Template#clone"));
	}

	@Test
	void failsStartupForAnnotatedFinalize() {
		StartupValidationTestSupport.runner()
			.withUserConfiguration(StartupValidationTestSupport.AuthenticatorConfiguration.class)
			.withBean(Finalizing.class)
			.run((context) -> {
				List<AuthStartupCapabilityDiagnostic> diagnostics = StartupValidationTestSupport.diagnostics(context);
				assertThat(diagnostics).singleElement().satisfies((diagnostic) -> {
					assertThat(diagnostic.kind()).isEqualTo(AuthStartupCapabilityDiagnostic.Kind.NOT_INTERCEPTABLE);
					assertThat(diagnostic.boundary()).isEqualTo("Finalizing#finalize");
					assertThat(diagnostic.problem()).contains("@RequireRole").contains("never intercept finalize()");
				});
			});
	}

	@Test
	void leavesAnnotatedToStringExempt() {
		StartupValidationTestSupport.runner()
			.withUserConfiguration(StartupValidationTestSupport.AuthenticatorConfiguration.class)
			.withBean(Described.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(Described.class).toString()).isEqualTo("described");
			});
	}

	static class Template implements Cloneable {

		@Override
		@RequireRole("editor")
		public Template clone() {
			try {
				return (Template) super.clone();
			}
			catch (CloneNotSupportedException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	static class Finalizing {

		@Override
		@RequireRole("janitor")
		@SuppressWarnings({ "deprecation", "removal" })
		protected void finalize() {
		}

	}

	static class Described {

		@Override
		@RequireRole("auditor")
		public String toString() {
			return "described";
		}

	}

}
