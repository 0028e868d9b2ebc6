package dev.gatehouse.auth.metadata;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.gatehouse.auth.annotation.Protected;
import dev.gatehouse.auth.annotation.PublicAccess;
import dev.gatehouse.auth.annotation.RequirePermission;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.annotation.RequireScope;
import org.junit.jupiter.api.Test;

import static dev.gatehouse.auth.metadata.AuthMetadataResolverTests.declaredMethod;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Composed (meta-)annotations: applications build their own {@code @AdminOnly} from
 * Gatehouse's annotations, and {@link AuthMetadataResolver} expands them where they
 * stand.
 */
class AuthMetadataResolverCompositionTests {

	private final AuthMetadataResolver resolver = new AuthMetadataResolver();

	@Test
	void composedAnnotationOnMethodIsFound() {
		assertThat(resolve(ComposedUser.class, "administer").requirements())
			.containsExactly(AuthRequirement.authenticated(), AuthRequirement.role("admin", null));
	}

	@Test
	void composedAnnotationOnClassIsFound() {
		assertThat(resolve(ComposedOnType.class, "anything").requirements())
			.containsExactly(AuthRequirement.authenticated(), AuthRequirement.role("admin", null));
	}

	@Test
	void nestedCompositionIsFound() {
		assertThat(resolve(ComposedUser.class, "superAdminister").requirements()).containsExactly(
				AuthRequirement.authenticated(), AuthRequirement.role("admin", null), AuthRequirement.scope("root"));
	}

	@Test
	void composedAnnotationCombiningProtectedAndScopeIsFound() {
		assertThat(resolve(ComposedUser.class, "readAuthenticated").requirements())
			.containsExactly(AuthRequirement.authenticated(), AuthRequirement.scope("documents:read"));
	}

	@Test
	void composedAnnotationWithRepeatedRequirementsKeepsAllOfThemInOrder() {
		assertThat(resolve(ComposedUser.class, "operate").requirements()).containsExactly(
				AuthRequirement.authenticated(), AuthRequirement.role("ops", null),
				AuthRequirement.role("oncall", null));
	}

	@Test
	void composedAnnotationExpandsWhereItStandsAmongDirectAnnotations() {
		assertThat(resolve(ComposedUser.class, "between").requirements()).containsExactly(
				AuthRequirement.authenticated(), AuthRequirement.scope("first"), AuthRequirement.role("admin", null),
				AuthRequirement.permission("last", null, null));
	}

	@Test
	void composedAndDirectDuplicateCollapse() {
		assertThat(resolve(ComposedUser.class, "adminTwice").requirements())
			.containsExactly(AuthRequirement.authenticated(), AuthRequirement.role("admin", null));
	}

	@Test
	void composedPublicAccessMakesMethodPublic() {
		assertThat(resolve(ComposedUser.class, "health")).isEqualTo(EffectiveAuthMetadata.PUBLIC);
	}

	@Test
	void unrelatedAnnotationsAreIgnored() {
		assertThat(resolve(ComposedUser.class, "unrelated")).isEqualTo(EffectiveAuthMetadata.NONE);
	}

	@Test
	void selfReferencingAnnotationDoesNotLoopForever() {
		assertThat(resolve(ComposedUser.class, "cyclic").requirements())
			.containsExactly(AuthRequirement.authenticated(), AuthRequirement.role("cycle", null));
	}

	private EffectiveAuthMetadata resolve(Class<?> type, String methodName) {
		return this.resolver.resolve(declaredMethod(type, methodName), type);
	}

	@Target({ ElementType.TYPE, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@RequireRole("admin")
	@interface AdminOnly {

	}

	@Target({ ElementType.TYPE, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@AdminOnly
	@RequireScope("root")
	@interface SuperAdminOnly {

	}

	@Target({ ElementType.TYPE, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@Protected
	@RequireScope("documents:read")
	@interface AuthenticatedReader {

	}

	@Target({ ElementType.TYPE, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@RequireRole("ops")
	@RequireRole("oncall")
	@interface Operator {

	}

	@Target({ ElementType.TYPE, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@PublicAccess
	@interface HealthEndpoint {

	}

	@Target({ ElementType.TYPE, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@interface Audited {

	}

	@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
	@Retention(RetentionPolicy.RUNTIME)
	@Cyclic
	@RequireRole("cycle")
	@interface Cyclic {

	}

	static class ComposedUser {

		@AdminOnly
		public void administer() {
		}

		@SuperAdminOnly
		public void superAdminister() {
		}

		@AuthenticatedReader
		public void readAuthenticated() {
		}

		@Operator
		public void operate() {
		}

		@RequireScope("first")
		@AdminOnly
		@Audited
		@RequirePermission("last")
		public void between() {
		}

		@AdminOnly
		@RequireRole("admin")
		public void adminTwice() {
		}

		@HealthEndpoint
		public void health() {
		}

		@Audited
		@Deprecated
		public void unrelated() {
		}

		@Cyclic
		public void cyclic() {
		}

	}

	@AdminOnly
	static class ComposedOnType {

		public void anything() {
		}

	}

}
