package dev.gatehouse.auth.spi;

/**
 * Something Gatehouse needs a provider for; each capability is served by exactly one port
 * type.
 */
public enum AuthCapability {

	/** Turning a credential into an AuthContext. */
	AUTHENTICATION(Authenticator.class),

	/** Evaluating {@code @RequirePolicy}. */
	POLICY_EVALUATION(PolicyEvaluator.class),

	/** Checking {@code @RequirePermission}. */
	PERMISSION_CHECK(PermissionChecker.class),

	/** Checking {@code @RequireRole}. */
	ROLE_CHECK(RoleChecker.class),

	/** Checking {@code @RequireScope}. */
	SCOPE_CHECK(ScopeChecker.class),

	/** Checking {@code @RequireRelation}. */
	RELATION_CHECK(RelationChecker.class),

	/** Signing outgoing context snapshots. */
	SNAPSHOT_SIGN(SnapshotSigner.class),

	/** Verifying incoming context snapshots. */
	SNAPSHOT_VERIFY(SnapshotVerifier.class),

	/** Hashing passwords. */
	PASSWORD_HASH(PasswordHasher.class),

	/** Verifying passwords against stored hashes. */
	PASSWORD_VERIFY(PasswordVerifier.class);

	private final Class<?> portType;

	AuthCapability(Class<?> portType) {
		this.portType = portType;
	}

	/**
	 * Returns the interface a bean implements to provide this capability.
	 * @return the port type
	 */
	public Class<?> portType() {
		return this.portType;
	}

}
