package dev.gatehouse.auth.metadata;

import java.lang.reflect.Method;

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
 * What {@link AuthMetadataResolver} makes of the annotations on one class and its
 * methods: which code is a boundary, the canonical requirement of each annotation, the
 * order of requirements and duplicate collapse.
 */
class AuthMetadataResolverTests {

	private final AuthMetadataResolver resolver = new AuthMetadataResolver();

	@Test
	void undecoratedMethodIsNotABoundary() {
		EffectiveAuthMetadata metadata = resolve(Undecorated.class, "work");

		assertThat(metadata).isEqualTo(EffectiveAuthMetadata.NONE);
		assertThat(metadata.isBoundary()).isFalse();
		assertThat(metadata.isProtected()).isFalse();
		assertThat(metadata.publicAccess()).isFalse();
	}

	@Test
	void publicAccessOnlyAllowsWithoutProtecting() {
		EffectiveAuthMetadata metadata = resolve(PublicMethod.class, "open");

		assertThat(metadata).isEqualTo(EffectiveAuthMetadata.PUBLIC);
		assertThat(metadata.publicAccess()).isTrue();
		assertThat(metadata.isProtected()).isFalse();
		assertThat(metadata.isBoundary()).isTrue();
		assertThat(metadata.requirements()).isEmpty();
	}

	@Test
	void publicAccessOnClassMakesUndecoratedMethodsPublic() {
		assertThat(resolve(PublicClass.class, "open")).isEqualTo(EffectiveAuthMetadata.PUBLIC);
	}

	@Test
	void classRoleThenMethodScopeGivesAuthenticatedRoleScopeInThatOrder() {
		EffectiveAuthMetadata metadata = resolve(RoleClassWithScopedMethod.class, "read");

		assertThat(metadata.isProtected()).isTrue();
		assertThat(metadata.publicAccess()).isFalse();
		assertThat(metadata.requirements()).containsExactly(AuthRequirement.authenticated(),
				AuthRequirement.role("editor", null), AuthRequirement.scope("documents:read"));
	}

	@Test
	void classLevelRequirementCoversUndecoratedMethods() {
		assertThat(resolve(RoleClassWithScopedMethod.class, "plain").requirements())
			.containsExactly(AuthRequirement.authenticated(), AuthRequirement.role("editor", null));
	}

	@Test
	void protectedAloneRequiresOnlyAuthentication() {
		EffectiveAuthMetadata metadata = resolve(Kinds.class, "authenticated");

		assertThat(metadata.requirements()).containsExactly(AuthRequirement.authenticated());
		assertThat(metadata.requirements().get(0))
			.isEqualTo(new AuthRequirement(AuthRequirementKind.AUTHENTICATED, "authenticated", null, null, null));
	}

	@Test
	void everyRequirementImpliesAuthenticatedFirst() {
		for (String name : new String[] { "scope", "role", "permission", "policy", "relation" }) {
			assertThat(resolve(Kinds.class, name).requirements()).as(name)
				.hasSize(2)
				.first()
				.isEqualTo(AuthRequirement.authenticated());
		}
	}

	@Test
	void scopeMapsToCanonicalRequirement() {
		assertThat(resolve(Kinds.class, "scope").requirements()).element(1)
			.isEqualTo(new AuthRequirement(AuthRequirementKind.SCOPE, "documents:read", null, null, null));
	}

	@Test
	void roleMapsToCanonicalRequirementWithoutTenant() {
		assertThat(resolve(Kinds.class, "role").requirements()).element(1)
			.isEqualTo(new AuthRequirement(AuthRequirementKind.ROLE, "admin", null, null, null));
	}

	@Test
	void tenantRoleMapsToCanonicalRequirementWithTenant() {
		assertThat(resolve(Kinds.class, "tenantRole").requirements()).element(1)
			.isEqualTo(new AuthRequirement(AuthRequirementKind.ROLE, "admin", null, null, "acme"));
	}

	@Test
	void permissionWithoutResourceOrTenantMapsEmptyValuesToNull() {
		assertThat(resolve(Kinds.class, "permission").requirements()).element(1)
			.isEqualTo(new AuthRequirement(AuthRequirementKind.PERMISSION, "documents:delete", null, null, null));
	}

	@Test
	void permissionMapsValueResourceAndTenant() {
		assertThat(resolve(Kinds.class, "fullPermission").requirements()).element(1)
			.isEqualTo(new AuthRequirement(AuthRequirementKind.PERMISSION, "documents:delete", "document:42", null,
					"acme"));
	}

	@Test
	void policyUsesResourceAsRefAndKeepsResourceActionAndTenant() {
		assertThat(resolve(Kinds.class, "policy").requirements()).element(1)
			.isEqualTo(new AuthRequirement(AuthRequirementKind.POLICY, "documents", "documents", "publish", null));
		assertThat(resolve(Kinds.class, "tenantPolicy").requirements()).element(1)
			.isEqualTo(new AuthRequirement(AuthRequirementKind.POLICY, "documents", "documents", "publish", "acme"));
	}

	@Test
	void relationMapsValueResourceAndTenant() {
		assertThat(resolve(Kinds.class, "relation").requirements()).element(1)
			.isEqualTo(new AuthRequirement(AuthRequirementKind.RELATION, "owner", "document:42", null, null));
		assertThat(resolve(Kinds.class, "tenantRelation").requirements()).element(1)
			.isEqualTo(new AuthRequirement(AuthRequirementKind.RELATION, "owner", "document:42", null, "acme"));
	}

	@Test
	void stackedDuplicateRolesCollapseToOne() {
		assertThat(resolve(Duplicates.class, "twice").requirements()).containsExactly(AuthRequirement.authenticated(),
				AuthRequirement.role("a", null));
	}

	@Test
	void sameRoleOnClassAndMethodCollapsesToOne() {
		assertThat(resolve(Duplicates.class, "sameAsClass").requirements())
			.containsExactly(AuthRequirement.authenticated(), AuthRequirement.role("a", null));
	}

	@Test
	void protectedBesideRequirementsGivesSingleAuthenticatedFirst() {
		assertThat(resolve(ProtectedPlusRole.class, "protectedAfterRole").requirements())
			.containsExactly(AuthRequirement.authenticated(), AuthRequirement.role("b", null));
		assertThat(resolve(ProtectedClass.class, "protectedTwice").requirements())
			.containsExactly(AuthRequirement.authenticated(), AuthRequirement.role("b", null));
	}

	@Test
	void duplicateCollapseKeepsFirstOccurrenceOrder() {
		assertThat(resolve(Duplicates.class, "interleaved").requirements()).containsExactly(
				AuthRequirement.authenticated(), AuthRequirement.role("a", null), AuthRequirement.scope("s"));
	}

	@Test
	void tenantQualifiedRoleIsKeptBesidePlainRole() {
		assertThat(resolve(Tenants.class, "plainAndTenantRole").requirements()).containsExactly(
				AuthRequirement.authenticated(), AuthRequirement.role("admin", null),
				AuthRequirement.role("admin", "acme"));
	}

	@Test
	void rolesInDifferentTenantsAreDistinct() {
		assertThat(resolve(Tenants.class, "twoTenants").requirements()).containsExactly(AuthRequirement.authenticated(),
				AuthRequirement.role("admin", "acme"), AuthRequirement.role("admin", "globex"));
	}

	@Test
	void annotationsOfOneElementCountInDeclarationOrder() {
		assertThat(resolve(DeclarationOrder.class, "mixed").requirements()).containsExactly(
				AuthRequirement.authenticated(), AuthRequirement.scope("s"), AuthRequirement.role("r", null),
				AuthRequirement.permission("p", null, null));
		assertThat(resolve(DeclarationOrder.class, "reversed").requirements()).containsExactly(
				AuthRequirement.authenticated(), AuthRequirement.permission("p", null, null),
				AuthRequirement.role("r", null), AuthRequirement.scope("s"));
	}

	@Test
	void repeatedAnnotationsCountInDeclarationOrder() {
		assertThat(resolve(DeclarationOrder.class, "repeatedRoles").requirements()).containsExactly(
				AuthRequirement.authenticated(), AuthRequirement.role("zeta", null),
				AuthRequirement.role("alpha", null), AuthRequirement.role("mu", null));
	}

	@Test
	void stackedPermissionsPoliciesAndRelationsAreAllKeptInOrder() {
		assertThat(resolve(Stacked.class, "everything").requirements()).containsExactly(AuthRequirement.authenticated(),
				AuthRequirement.permission("read", null, null), AuthRequirement.permission("write", "document:1", null),
				AuthRequirement.policy("documents", "publish", null),
				AuthRequirement.policy("documents", "archive", null),
				AuthRequirement.relation("owner", "document:1", null),
				AuthRequirement.relation("editor", "document:1", "acme"));
	}

	@Test
	void overriddenObjectMethodsOfAnnotatedClassAreNeverBoundaries() throws Exception {
		assertThat(this.resolver.resolve(ObjectMethods.class.getDeclaredMethod("toString"), ObjectMethods.class))
			.isEqualTo(EffectiveAuthMetadata.NONE);
		assertThat(this.resolver.resolve(ObjectMethods.class.getDeclaredMethod("equals", Object.class),
				ObjectMethods.class))
			.isEqualTo(EffectiveAuthMetadata.NONE);
		assertThat(this.resolver.resolve(ObjectMethods.class.getDeclaredMethod("hashCode"), ObjectMethods.class))
			.isEqualTo(EffectiveAuthMetadata.NONE);
	}

	@Test
	void objectsOwnMethodsInvokedOnAnnotatedClassAreNeverBoundaries() throws Exception {
		assertThat(this.resolver.resolve(Object.class.getMethod("toString"), ObjectMethods.class))
			.isEqualTo(EffectiveAuthMetadata.NONE);
		assertThat(this.resolver.resolve(Object.class.getMethod("hashCode"), ObjectMethods.class))
			.isEqualTo(EffectiveAuthMetadata.NONE);
	}

	@Test
	void otherMethodsOfClassWithOverriddenObjectMethodsStayProtected() {
		assertThat(resolve(ObjectMethods.class, "business").requirements())
			.containsExactly(AuthRequirement.authenticated(), AuthRequirement.role("admin", null));
	}

	@Test
	void staticMethodsAreNeverBoundaries() {
		assertThat(resolve(StaticMethods.class, "annotatedFactory")).isEqualTo(EffectiveAuthMetadata.NONE);
		assertThat(resolve(StaticMethods.class, "plainFactory")).isEqualTo(EffectiveAuthMetadata.NONE);
	}

	@Test
	void nullTargetClassResolvesAgainstDeclaringClass() throws Exception {
		Method method = RoleClassWithScopedMethod.class.getMethod("read");

		assertThat(this.resolver.resolve(method, null))
			.isEqualTo(this.resolver.resolve(method, RoleClassWithScopedMethod.class));
		assertThat(this.resolver.resolve(method, null).requirements()).hasSize(3);
	}

	private EffectiveAuthMetadata resolve(Class<?> type, String methodName) {
		return this.resolver.resolve(declaredMethod(type, methodName), type);
	}

	static Method declaredMethod(Class<?> type, String name) {
		for (Method method : type.getDeclaredMethods()) {
			if (method.getName().equals(name) && !method.isBridge()) {
				return method;
			}
		}
		throw new IllegalArgumentException("no method " + name + " on " + type);
	}

	static class Undecorated {

		public void work() {
		}

	}

	static class PublicMethod {

		@PublicAccess
		public void open() {
		}

	}

	@PublicAccess
	static class PublicClass {

		public void open() {
		}

	}

	@RequireRole("editor")
	static class RoleClassWithScopedMethod {

		@RequireScope("documents:read")
		public void read() {
		}

		public void plain() {
		}

	}

	static class Kinds {

		@Protected
		public void authenticated() {
		}

		@RequireScope("documents:read")
		public void scope() {
		}

		@RequireRole("admin")
		public void role() {
		}

		@RequireRole(value = "admin", tenant = "acme")
		public void tenantRole() {
		}

		@RequirePermission("documents:delete")
		public void permission() {
		}

		@RequirePermission(value = "documents:delete", resource = "document:42", tenant = "acme")
		public void fullPermission() {
		}

		@RequirePolicy(resource = "documents", action = "publish")
		public void policy() {
		}

		@RequirePolicy(resource = "documents", action = "publish", tenant = "acme")
		public void tenantPolicy() {
		}

		@RequireRelation(value = "owner", resource = "document:42")
		public void relation() {
		}

		@RequireRelation(value = "owner", resource = "document:42", tenant = "acme")
		public void tenantRelation() {
		}

	}

	@RequireRole("a")
	static class Duplicates {

		@RequireRole("a")
		@RequireRole("a")
		public void twice() {
		}

		@RequireRole("a")
		public void sameAsClass() {
		}

		@RequireScope("s")
		@RequireRole("a")
		@RequireScope("s")
		public void interleaved() {
		}

	}

	static class Tenants {

		@RequireRole("admin")
		@RequireRole(value = "admin", tenant = "acme")
		public void plainAndTenantRole() {
		}

		@RequireRole(value = "admin", tenant = "acme")
		@RequireRole(value = "admin", tenant = "globex")
		public void twoTenants() {
		}

	}

	static class ProtectedPlusRole {

		@RequireRole("b")
		@Protected
		public void protectedAfterRole() {
		}

	}

	@Protected
	static class ProtectedClass {

		@RequireRole("b")
		@Protected
		public void protectedTwice() {
		}

	}

	static class DeclarationOrder {

		@RequireScope("s")
		@RequireRole("r")
		@RequirePermission("p")
		public void mixed() {
		}

		@RequirePermission("p")
		@RequireRole("r")
		@RequireScope("s")
		public void reversed() {
		}

		@RequireRole("zeta")
		@RequireRole("alpha")
		@RequireRole("mu")
		public void repeatedRoles() {
		}

	}

	static class Stacked {

		@RequirePermission("read")
		@RequirePermission(value = "write", resource = "document:1")
		@RequirePolicy(resource = "documents", action = "publish")
		@RequirePolicy(resource = "documents", action = "archive")
		@RequireRelation(value = "owner", resource = "document:1")
		@RequireRelation(value = "editor", resource = "document:1", tenant = "acme")
		public void everything() {
		}

	}

	@RequireRole("admin")
	static class ObjectMethods {

		public void business() {
		}

		@Override
		@RequireRole("auditor")
		public String toString() {
			return "ObjectMethods";
		}

		@Override
		public boolean equals(Object other) {
			return other == this;
		}

		@Override
		public int hashCode() {
			return 1;
		}

	}

	@RequireRole("admin")
	static class StaticMethods {

		@RequireRole("factory")
		public static StaticMethods annotatedFactory() {
			return new StaticMethods();
		}

		public static StaticMethods plainFactory() {
			return new StaticMethods();
		}

	}

}
