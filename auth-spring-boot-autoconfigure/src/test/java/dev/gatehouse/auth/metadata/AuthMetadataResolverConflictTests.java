package dev.gatehouse.auth.metadata;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;

import dev.gatehouse.auth.annotation.Protected;
import dev.gatehouse.auth.annotation.PublicAccess;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.annotation.RequireScope;
import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import org.junit.jupiter.api.Test;

import static dev.gatehouse.auth.metadata.AuthMetadataResolverTests.declaredMethod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A boundary is either public or protected: {@code @PublicAccess} together with any
 * requirement anywhere on the effective boundary fails with a
 * {@link ConflictingAuthMetadataException} that names {@code Class#method}.
 */
class AuthMetadataResolverConflictTests {

	private final AuthMetadataResolver resolver = new AuthMetadataResolver();

	@Test
	void publicAndRoleOnSameMethodConflict() {
		assertConflict(SameMethod.class, "publicAndRole");
	}

	@Test
	void roleBeforePublicOnSameMethodConflicts() {
		assertConflict(SameMethod.class, "roleAndPublic");
	}

	@Test
	void publicAndProtectedOnSameMethodConflict() {
		assertConflict(SameMethod.class, "publicAndProtected");
	}

	@Test
	void publicClassAndMethodRequirementConflict() {
		assertConflict(PublicClass.class, "scoped");
	}

	@Test
	void publicClassLeavesUndecoratedMethodsPublic() {
		assertThat(this.resolver.resolve(declaredMethod(PublicClass.class, "open"), PublicClass.class))
			.isEqualTo(EffectiveAuthMetadata.PUBLIC);
	}

	@Test
	void classRequirementAndPublicMethodConflict() {
		assertConflict(RoleClass.class, "open");
	}

	@Test
	void publicAndRequirementOnSameClassConflict() {
		assertConflict(PublicAndProtectedClass.class, "anything");
	}

	@Test
	void publicViaComposedAnnotationAndRequirementConflict() {
		assertConflict(ComposedPublic.class, "healthAndRole");
	}

	@Test
	void composedAnnotationCarryingPublicAndRequirementConflicts() {
		assertConflict(ComposedPublic.class, "confused");
	}

	@Test
	void publicOnInterfaceMethodAndRequirementOnClassConflict() {
		assertConflict(RoleImplementation.class, "lookup");
	}

	@Test
	void publicOnSuperclassMethodAndRequirementOnOverrideConflict() {
		assertConflict(RequirementOverride.class, "status");
	}

	@Test
	void conflictNamesBothSidesAndSaysHowToFixIt() {
		ConflictingAuthMetadataException ex = resolveConflict(SameMethod.class, "publicAndRole");

		assertThat(ex.getMessage()).contains("@PublicAccess").contains("@RequireRole").contains("Remove one");
	}

	@Test
	void conflictCarriesErrorDecision() {
		ConflictingAuthMetadataException ex = resolveConflict(SameMethod.class, "publicAndRole");

		assertThat(ex.decision().state()).isEqualTo(AuthorizationDecisionState.ERROR);
		assertThat(ex.decision().reasonCode()).isEqualTo(AuthorizationReasonCode.INTERNAL_ERROR);
	}

	@Test
	void conflictIsReportedOnEveryResolution() {
		resolveConflict(SameMethod.class, "publicAndRole");

		assertConflict(SameMethod.class, "publicAndRole");
	}

	private void assertConflict(Class<?> type, String methodName) {
		ConflictingAuthMetadataException ex = resolveConflict(type, methodName);
		assertThat(ex.getMessage()).contains(type.getSimpleName() + "#" + methodName);
	}

	private ConflictingAuthMetadataException resolveConflict(Class<?> type, String methodName) {
		Method method = declaredMethod(type, methodName);
		return assertThatExceptionOfType(ConflictingAuthMetadataException.class)
			.isThrownBy(() -> this.resolver.resolve(method, type))
			.actual();
	}

	static class SameMethod {

		@PublicAccess
		@RequireRole("admin")
		public void publicAndRole() {
		}

		@RequireRole("admin")
		@PublicAccess
		public void roleAndPublic() {
		}

		@PublicAccess
		@Protected
		public void publicAndProtected() {
		}

	}

	@PublicAccess
	static class PublicClass {

		@RequireScope("documents:read")
		public void scoped() {
		}

		public void open() {
		}

	}

	@RequireRole("admin")
	static class RoleClass {

		@PublicAccess
		public void open() {
		}

	}

	@PublicAccess
	@Protected
	static class PublicAndProtectedClass {

		public void anything() {
		}

	}

	@Target({ ElementType.TYPE, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@PublicAccess
	@interface HealthEndpoint {

	}

	@Target({ ElementType.TYPE, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@PublicAccess
	@RequireScope("x")
	@interface Confused {

	}

	static class ComposedPublic {

		@HealthEndpoint
		@RequireRole("admin")
		public void healthAndRole() {
		}

		@Confused
		public void confused() {
		}

	}

	interface Lookup {

		@PublicAccess
		void lookup();

	}

	@RequireRole("admin")
	static class RoleImplementation implements Lookup {

		@Override
		public void lookup() {
		}

	}

	static class PublicBase {

		@PublicAccess
		public void status() {
		}

	}

	static class RequirementOverride extends PublicBase {

		@Override
		@RequireScope("status")
		public void status() {
		}

	}

}
