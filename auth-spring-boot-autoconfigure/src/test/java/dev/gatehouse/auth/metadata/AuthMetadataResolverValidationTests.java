package dev.gatehouse.auth.metadata;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;

import dev.gatehouse.auth.annotation.RequirePermission;
import dev.gatehouse.auth.annotation.RequirePolicy;
import dev.gatehouse.auth.annotation.RequireRelation;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.annotation.RequireScope;
import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.gatehouse.auth.metadata.AuthMetadataResolverTests.declaredMethod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Annotation values Gatehouse cannot enforce (blank, whitespace-only, a
 * {@code {placeholder}} in a name) fail at metadata resolution with an
 * {@link InvalidAuthMetadataException} naming the method and the annotation, instead of
 * being enforced as something other than what was written.
 */
class AuthMetadataResolverValidationTests {

	private final AuthMetadataResolver resolver = new AuthMetadataResolver();

	@ParameterizedTest(name = "{0} -> {1}({2})")
	@CsvSource({ "emptyRole, @RequireRole, value", "blankRole, @RequireRole, value",
			"blankRoleTenant, @RequireRole, tenant", "emptyScope, @RequireScope, value",
			"blankScope, @RequireScope, value", "emptyPermission, @RequirePermission, value",
			"blankPermission, @RequirePermission, value", "blankPermissionResource, @RequirePermission, resource",
			"blankPermissionTenant, @RequirePermission, tenant", "emptyPolicyResource, @RequirePolicy, resource",
			"blankPolicyResource, @RequirePolicy, resource", "emptyPolicyAction, @RequirePolicy, action",
			"blankPolicyAction, @RequirePolicy, action", "blankPolicyTenant, @RequirePolicy, tenant",
			"emptyRelation, @RequireRelation, value", "emptyRelationResource, @RequireRelation, resource",
			"blankRelationResource, @RequireRelation, resource", "blankRelationTenant, @RequireRelation, tenant" })
	void rejectsBlankValueNamingMethodAndAnnotation(String methodName, String annotation, String attribute) {
		InvalidAuthMetadataException ex = resolveInvalid(BadValues.class, methodName);

		assertThat(ex.getMessage()).contains(BadValues.class.getSimpleName() + "#" + methodName)
			.contains(annotation)
			.contains(attribute)
			.contains("blank");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "placeholderRole, @RequireRole, {role}", "placeholderScope, @RequireScope, {scope}",
			"placeholderPermission, @RequirePermission, {permission}",
			"placeholderRelation, @RequireRelation, {relation}" })
	void rejectsPlaceholderInNameNamingMethodAnnotationAndValue(String methodName, String annotation, String value) {
		InvalidAuthMetadataException ex = resolveInvalid(Placeholders.class, methodName);

		assertThat(ex.getMessage()).contains(Placeholders.class.getSimpleName() + "#" + methodName)
			.contains(annotation)
			.contains(value)
			.contains("only resource, action and tenant");
	}

	@Test
	void blankClassLevelValueIsReportedForEachMethodItCovers() {
		InvalidAuthMetadataException ex = resolveInvalid(BlankOnClass.class, "work");

		assertThat(ex.getMessage()).contains(BlankOnClass.class.getSimpleName() + "#work").contains("@RequireRole");
	}

	@Test
	void invalidValueAmongRepeatedAnnotationsIsRejected() {
		assertThat(resolveInvalid(BadValues.class, "blankInRepeatedRoles").getMessage())
			.contains(BadValues.class.getSimpleName() + "#blankInRepeatedRoles")
			.contains("@RequireRole");
	}

	@Test
	void invalidValueInsideComposedAnnotationIsRejected() {
		assertThat(resolveInvalid(BadValues.class, "blankInComposed").getMessage())
			.contains(BadValues.class.getSimpleName() + "#blankInComposed")
			.contains("@RequireScope");
	}

	@Test
	void invalidMetadataCarriesErrorDecision() {
		InvalidAuthMetadataException ex = resolveInvalid(BadValues.class, "blankRole");

		assertThat(ex.decision().state()).isEqualTo(AuthorizationDecisionState.ERROR);
		assertThat(ex.decision().reasonCode()).isEqualTo(AuthorizationReasonCode.INTERNAL_ERROR);
	}

	@Test
	void emptyOptionalValuesMeanNotSet() {
		EffectiveAuthMetadata metadata = this.resolver.resolve(declaredMethod(BadValues.class, "emptyOptionals"),
				BadValues.class);

		assertThat(metadata.requirements()).containsExactly(AuthRequirement.authenticated(),
				AuthRequirement.role("r", null), AuthRequirement.permission("p", null, null),
				AuthRequirement.policy("documents", "read", null),
				AuthRequirement.relation("owner", "document:1", null));
	}

	private InvalidAuthMetadataException resolveInvalid(Class<?> type, String methodName) {
		Method method = declaredMethod(type, methodName);
		return assertThatExceptionOfType(InvalidAuthMetadataException.class)
			.isThrownBy(() -> this.resolver.resolve(method, type))
			.actual();
	}

	@Target({ ElementType.TYPE, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@RequireScope(" ")
	@interface BlankScoped {

	}

	static class BadValues {

		@RequireRole("")
		public void emptyRole() {
		}

		@RequireRole("  ")
		public void blankRole() {
		}

		@RequireRole(value = "admin", tenant = " ")
		public void blankRoleTenant() {
		}

		@RequireScope("")
		public void emptyScope() {
		}

		@RequireScope("\t")
		public void blankScope() {
		}

		@RequirePermission("")
		public void emptyPermission() {
		}

		@RequirePermission(" ")
		public void blankPermission() {
		}

		@RequirePermission(value = "p", resource = "   ")
		public void blankPermissionResource() {
		}

		@RequirePermission(value = "p", tenant = " ")
		public void blankPermissionTenant() {
		}

		@RequirePolicy(resource = "", action = "read")
		public void emptyPolicyResource() {
		}

		@RequirePolicy(resource = " ", action = "read")
		public void blankPolicyResource() {
		}

		@RequirePolicy(resource = "documents", action = "")
		public void emptyPolicyAction() {
		}

		@RequirePolicy(resource = "documents", action = "  ")
		public void blankPolicyAction() {
		}

		@RequirePolicy(resource = "documents", action = "read", tenant = "\n")
		public void blankPolicyTenant() {
		}

		@RequireRelation(value = "", resource = "document:1")
		public void emptyRelation() {
		}

		@RequireRelation(value = "owner", resource = "")
		public void emptyRelationResource() {
		}

		@RequireRelation(value = "owner", resource = " ")
		public void blankRelationResource() {
		}

		@RequireRelation(value = "owner", resource = "document:1", tenant = " ")
		public void blankRelationTenant() {
		}

		@RequireRole("ok")
		@RequireRole(" ")
		public void blankInRepeatedRoles() {
		}

		@BlankScoped
		public void blankInComposed() {
		}

		@RequireRole(value = "r", tenant = "")
		@RequirePermission(value = "p", resource = "", tenant = "")
		@RequirePolicy(resource = "documents", action = "read", tenant = "")
		@RequireRelation(value = "owner", resource = "document:1", tenant = "")
		public void emptyOptionals() {
		}

	}

	static class Placeholders {

		@RequirePermission(value = "{permission}", resource = "documents")
		public void placeholderPermission(String permission) {
		}

		@RequireRelation(value = "{relation}", resource = "document:1")
		public void placeholderRelation(String relation) {
		}

		@RequireRole("{role}")
		public void placeholderRole(String role) {
		}

		@RequireScope("{scope}")
		public void placeholderScope(String scope) {
		}

	}

	@RequireRole(" ")
	static class BlankOnClass {

		public void work() {
		}

	}

}
