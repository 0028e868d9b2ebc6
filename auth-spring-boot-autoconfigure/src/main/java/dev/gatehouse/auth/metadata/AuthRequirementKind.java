package dev.gatehouse.auth.metadata;

/**
 * The kinds of requirement a protected boundary can declare.
 */
public enum AuthRequirementKind {

	/**
	 * An authenticated caller ({@code @Protected}, implied by every other requirement).
	 */
	AUTHENTICATED,

	/** A permission ({@code @RequirePermission}). */
	PERMISSION,

	/** A policy decision ({@code @RequirePolicy}). */
	POLICY,

	/** A relation to a resource ({@code @RequireRelation}). */
	RELATION,

	/** A role ({@code @RequireRole}). */
	ROLE,

	/** A scope ({@code @RequireScope}). */
	SCOPE

}
