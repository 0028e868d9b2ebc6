package dev.gatehouse.auth.annotation;

import java.lang.annotation.Annotation;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The annotations of SPEC §4 are visible at runtime, apply to types and methods, appear
 * in Javadoc, and the {@code Require*} ones can be stacked; their attributes and defaults
 * are part of the contract.
 */
class AuthAnnotationsTests {

	static Stream<Class<? extends Annotation>> annotations() {
		return Stream.of(PublicAccess.class, Protected.class, RequireScope.class, RequireRole.class,
				RequirePermission.class, RequirePolicy.class, RequireRelation.class);
	}

	static Stream<Arguments> repeatables() {
		return Stream.of(Arguments.of(RequireScope.class, RequireScope.List.class),
				Arguments.of(RequireRole.class, RequireRole.List.class),
				Arguments.of(RequirePermission.class, RequirePermission.List.class),
				Arguments.of(RequirePolicy.class, RequirePolicy.List.class),
				Arguments.of(RequireRelation.class, RequireRelation.List.class));
	}

	@ParameterizedTest
	@MethodSource("annotations")
	void isRetainedAtRuntime(Class<? extends Annotation> annotation) {
		assertThat(annotation.getAnnotation(Retention.class).value()).isEqualTo(RetentionPolicy.RUNTIME);
	}

	@ParameterizedTest
	@MethodSource("annotations")
	void targetsTypesAndMethodsOnly(Class<? extends Annotation> annotation) {
		assertThat(annotation.getAnnotation(Target.class).value()).containsExactlyInAnyOrder(ElementType.TYPE,
				ElementType.METHOD);
	}

	@ParameterizedTest
	@MethodSource("annotations")
	void isDocumented(Class<? extends Annotation> annotation) {
		assertThat(annotation.isAnnotationPresent(Documented.class)).isTrue();
	}

	@ParameterizedTest
	@MethodSource("repeatables")
	void requireAnnotationIsRepeatableWithUsableContainer(Class<? extends Annotation> annotation,
			Class<? extends Annotation> container) throws Exception {
		assertThat(annotation.getAnnotation(Repeatable.class).value()).isEqualTo(container);
		// The container needs the same retention and targets, or stacked annotations
		// vanish or cannot be placed.
		assertThat(container.getAnnotation(Retention.class).value()).isEqualTo(RetentionPolicy.RUNTIME);
		assertThat(container.getAnnotation(Target.class).value()).containsExactlyInAnyOrder(ElementType.TYPE,
				ElementType.METHOD);
		assertThat(container.getMethod("value").getReturnType().getComponentType()).isEqualTo(annotation);
	}

	@Test
	void publicAccessAndProtectedAreNotRepeatableAndHaveNoAttributes() {
		assertThat(PublicAccess.class.isAnnotationPresent(Repeatable.class)).isFalse();
		assertThat(Protected.class.isAnnotationPresent(Repeatable.class)).isFalse();
		assertThat(PublicAccess.class.getDeclaredMethods()).isEmpty();
		assertThat(Protected.class.getDeclaredMethods()).isEmpty();
	}

	@Test
	void requireScopeHasRequiredValue() throws Exception {
		assertRequired(RequireScope.class, "value");
		assertThat(RequireScope.class.getDeclaredMethods()).hasSize(1);
	}

	@Test
	void requireRoleHasRequiredValueAndEmptyTenantDefault() throws Exception {
		assertRequired(RequireRole.class, "value");
		assertDefaultEmpty(RequireRole.class, "tenant");
		assertThat(RequireRole.class.getDeclaredMethods()).hasSize(2);
	}

	@Test
	void requirePermissionHasRequiredValueAndEmptyResourceAndTenantDefaults() throws Exception {
		assertRequired(RequirePermission.class, "value");
		assertDefaultEmpty(RequirePermission.class, "resource");
		assertDefaultEmpty(RequirePermission.class, "tenant");
		assertThat(RequirePermission.class.getDeclaredMethods()).hasSize(3);
	}

	@Test
	void requirePolicyHasRequiredResourceAndActionAndEmptyTenantDefault() throws Exception {
		assertRequired(RequirePolicy.class, "resource");
		assertRequired(RequirePolicy.class, "action");
		assertDefaultEmpty(RequirePolicy.class, "tenant");
		assertThat(RequirePolicy.class.getDeclaredMethods()).hasSize(3);
	}

	@Test
	void requireRelationHasRequiredValueAndResourceAndEmptyTenantDefault() throws Exception {
		assertRequired(RequireRelation.class, "value");
		assertRequired(RequireRelation.class, "resource");
		assertDefaultEmpty(RequireRelation.class, "tenant");
		assertThat(RequireRelation.class.getDeclaredMethods()).hasSize(3);
	}

	@Test
	void stackedRequireAnnotationsAreAllVisibleAtRuntime() throws Exception {
		Method method = Stacked.class.getDeclaredMethod("work");

		assertThat(method.getAnnotationsByType(RequireRole.class)).extracting(RequireRole::value)
			.containsExactly("a", "b");
		assertThat(Stacked.class.getAnnotationsByType(RequireScope.class)).extracting(RequireScope::value)
			.containsExactly("x", "y");
	}

	private static void assertRequired(Class<? extends Annotation> annotation, String attribute) throws Exception {
		Method method = annotation.getMethod(attribute);
		assertThat(method.getReturnType()).isEqualTo(String.class);
		assertThat(method.getDefaultValue()).as(attribute + " has no default").isNull();
	}

	private static void assertDefaultEmpty(Class<? extends Annotation> annotation, String attribute) throws Exception {
		Method method = annotation.getMethod(attribute);
		assertThat(method.getReturnType()).isEqualTo(String.class);
		assertThat(method.getDefaultValue()).isEqualTo("");
	}

	@RequireScope("x")
	@RequireScope("y")
	static class Stacked {

		@RequireRole("a")
		@RequireRole("b")
		void work() {
		}

	}

}
