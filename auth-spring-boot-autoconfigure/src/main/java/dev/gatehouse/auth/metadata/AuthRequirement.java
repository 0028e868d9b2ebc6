package dev.gatehouse.auth.metadata;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One canonical requirement of a boundary. Fields that an annotation leaves empty are
 * {@code null}; equality covers all five fields, so a tenant-qualified role differs from
 * the plain role.
 *
 * @param kind the kind of requirement
 * @param ref what is required: the role, scope, permission or relation name, the policy's
 * resource, or {@code "authenticated"}
 * @param resource the resource, or {@code null}
 * @param action the policy action, or {@code null}
 * @param tenant the tenant, or {@code null}
 */
public record AuthRequirement(AuthRequirementKind kind, String ref, @Nullable String resource, @Nullable String action,
		@Nullable String tenant) {

	private static final AuthRequirement AUTHENTICATED = new AuthRequirement(AuthRequirementKind.AUTHENTICATED,
			"authenticated", null, null, null);

	public AuthRequirement {
		Objects.requireNonNull(kind, "kind must not be null");
		Objects.requireNonNull(ref, "ref must not be null");
	}

	/**
	 * Returns the requirement for an authenticated caller.
	 * @return the shared requirement
	 */
	public static AuthRequirement authenticated() {
		return AUTHENTICATED;
	}

	/**
	 * Creates a role requirement.
	 * @param role the role
	 * @param tenant the tenant, or {@code null}
	 * @return the requirement
	 */
	public static AuthRequirement role(String role, @Nullable String tenant) {
		return new AuthRequirement(AuthRequirementKind.ROLE, role, null, null, tenant);
	}

	/**
	 * Creates a scope requirement.
	 * @param scope the scope
	 * @return the requirement
	 */
	public static AuthRequirement scope(String scope) {
		return new AuthRequirement(AuthRequirementKind.SCOPE, scope, null, null, null);
	}

	/**
	 * Creates a permission requirement.
	 * @param permission the permission
	 * @param resource the resource, or {@code null}
	 * @param tenant the tenant, or {@code null}
	 * @return the requirement
	 */
	public static AuthRequirement permission(String permission, @Nullable String resource, @Nullable String tenant) {
		return new AuthRequirement(AuthRequirementKind.PERMISSION, permission, resource, null, tenant);
	}

	/**
	 * Creates a policy requirement; its {@code ref} is the resource.
	 * @param resource the resource
	 * @param action the action
	 * @param tenant the tenant, or {@code null}
	 * @return the requirement
	 */
	public static AuthRequirement policy(String resource, String action, @Nullable String tenant) {
		return new AuthRequirement(AuthRequirementKind.POLICY, resource, resource, action, tenant);
	}

	/**
	 * Creates a relation requirement.
	 * @param relation the relation
	 * @param resource the resource
	 * @param tenant the tenant, or {@code null}
	 * @return the requirement
	 */
	public static AuthRequirement relation(String relation, String resource, @Nullable String tenant) {
		return new AuthRequirement(AuthRequirementKind.RELATION, relation, resource, null, tenant);
	}

}
