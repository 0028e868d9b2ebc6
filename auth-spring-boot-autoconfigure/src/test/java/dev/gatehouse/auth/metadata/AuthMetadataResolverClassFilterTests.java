package dev.gatehouse.auth.metadata;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.gatehouse.auth.annotation.Protected;
import dev.gatehouse.auth.annotation.PublicAccess;
import dev.gatehouse.auth.annotation.RequirePermission;
import dev.gatehouse.auth.annotation.RequirePolicy;
import dev.gatehouse.auth.annotation.RequireRelation;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.annotation.RequireScope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AuthMetadataResolver#hasAuthAnnotations(Class)} is the class filter that decides
 * whether a bean is looked at at all: it must see every way an annotation can reach a
 * class, and nothing else.
 */
class AuthMetadataResolverClassFilterTests {

	private final AuthMetadataResolver resolver = new AuthMetadataResolver();

	@Test
	void plainClassHasNoAuthAnnotations() {
		assertThat(this.resolver.hasAuthAnnotations(Plain.class)).isFalse();
	}

	@Test
	void classWithOnlyUnrelatedAnnotationsHasNoAuthAnnotations() {
		assertThat(this.resolver.hasAuthAnnotations(OnlyUnrelated.class)).isFalse();
	}

	@Test
	void typeLevelAnnotationIsSeen() {
		assertThat(this.resolver.hasAuthAnnotations(OnType.class)).isTrue();
	}

	@Test
	void methodLevelAnnotationIsSeen() {
		assertThat(this.resolver.hasAuthAnnotations(OnMethod.class)).isTrue();
	}

	@Test
	void everyAnnotationKindIsSeen() {
		assertThat(this.resolver.hasAuthAnnotations(EachKind.PublicOnly.class)).isTrue();
		assertThat(this.resolver.hasAuthAnnotations(EachKind.ProtectedOnly.class)).isTrue();
		assertThat(this.resolver.hasAuthAnnotations(EachKind.ScopeOnly.class)).isTrue();
		assertThat(this.resolver.hasAuthAnnotations(EachKind.PermissionOnly.class)).isTrue();
		assertThat(this.resolver.hasAuthAnnotations(EachKind.PolicyOnly.class)).isTrue();
		assertThat(this.resolver.hasAuthAnnotations(EachKind.RelationOnly.class)).isTrue();
	}

	@Test
	void repeatedAnnotationsAreSeen() {
		assertThat(this.resolver.hasAuthAnnotations(Repeated.class)).isTrue();
	}

	@Test
	void superclassTypeAnnotationIsSeen() {
		assertThat(this.resolver.hasAuthAnnotations(ExtendsOnType.class)).isTrue();
	}

	@Test
	void superclassMethodAnnotationIsSeen() {
		assertThat(this.resolver.hasAuthAnnotations(ExtendsOnMethod.class)).isTrue();
	}

	@Test
	void interfaceMethodAnnotationIsSeen() {
		assertThat(this.resolver.hasAuthAnnotations(ImplementsAnnotatedMethod.class)).isTrue();
	}

	@Test
	void interfaceTypeAnnotationIsSeen() {
		assertThat(this.resolver.hasAuthAnnotations(ImplementsAnnotatedType.class)).isTrue();
	}

	@Test
	void superinterfaceAnnotationIsSeen() {
		assertThat(this.resolver.hasAuthAnnotations(ImplementsSubinterface.class)).isTrue();
	}

	@Test
	void interfaceOfSuperclassIsSeen() {
		assertThat(this.resolver.hasAuthAnnotations(ExtendsImplementor.class)).isTrue();
	}

	@Test
	void composedAnnotationOnTypeIsSeen() {
		assertThat(this.resolver.hasAuthAnnotations(ComposedOnType.class)).isTrue();
	}

	@Test
	void composedAnnotationOnMethodIsSeen() {
		assertThat(this.resolver.hasAuthAnnotations(ComposedOnMethod.class)).isTrue();
	}

	@Test
	void nestedComposedAnnotationIsSeen() {
		assertThat(this.resolver.hasAuthAnnotations(NestedComposedOnMethod.class)).isTrue();
	}

	@Test
	void answerIsStableAcrossCalls() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.resolver.hasAuthAnnotations(OnMethod.class)).isTrue();
			assertThat(this.resolver.hasAuthAnnotations(Plain.class)).isFalse();
		}
	}

	static class Plain {

		public void work() {
		}

	}

	@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
	@Retention(RetentionPolicy.RUNTIME)
	@Audited
	@interface Audited {

	}

	@Audited
	@Deprecated
	static class OnlyUnrelated {

		@Audited
		public void work() {
		}

	}

	@RequireRole("admin")
	static class OnType {

	}

	static class OnMethod {

		public void plain() {
		}

		@RequireRole("admin")
		public void guarded() {
		}

	}

	static class EachKind {

		static class PublicOnly {

			@PublicAccess
			public void work() {
			}

		}

		static class ProtectedOnly {

			@Protected
			public void work() {
			}

		}

		static class ScopeOnly {

			@RequireScope("s")
			public void work() {
			}

		}

		static class PermissionOnly {

			@RequirePermission("p")
			public void work() {
			}

		}

		static class PolicyOnly {

			@RequirePolicy(resource = "r", action = "a")
			public void work() {
			}

		}

		static class RelationOnly {

			@RequireRelation(value = "owner", resource = "r")
			public void work() {
			}

		}

	}

	static class Repeated {

		@RequireScope("a")
		@RequireScope("b")
		public void work() {
		}

	}

	static class ExtendsOnType extends OnType {

	}

	static class ExtendsOnMethod extends OnMethod {

	}

	interface AnnotatedMethod {

		@RequireScope("s")
		void work();

	}

	static class ImplementsAnnotatedMethod implements AnnotatedMethod {

		@Override
		public void work() {
		}

	}

	@Protected
	interface AnnotatedType {

		void work();

	}

	static class ImplementsAnnotatedType implements AnnotatedType {

		@Override
		public void work() {
		}

	}

	interface Subinterface extends AnnotatedMethod {

	}

	static class ImplementsSubinterface implements Subinterface {

		@Override
		public void work() {
		}

	}

	static class ExtendsImplementor extends ImplementsAnnotatedMethod {

	}

	@Target({ ElementType.TYPE, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@RequireRole("admin")
	@interface AdminOnly {

	}

	@Target({ ElementType.TYPE, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@AdminOnly
	@interface SuperAdminOnly {

	}

	@AdminOnly
	static class ComposedOnType {

	}

	static class ComposedOnMethod {

		@AdminOnly
		public void work() {
		}

	}

	static class NestedComposedOnMethod {

		@SuperAdminOnly
		public void work() {
		}

	}

}
