package dev.gatehouse.auth.enforcement;

import java.util.Objects;

import dev.gatehouse.auth.cache.DecisionInputs;
import dev.gatehouse.auth.cache.DeclaresDecisionInputs;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.PermissionCheckRequest;
import dev.gatehouse.auth.spi.PermissionChecker;

/**
 * Default {@link PermissionChecker}: allows when the context holds the permission through
 * its roles ({@code gatehouse.permissions.roles.<role>}) or its permissions claim, and,
 * for a tenant-qualified requirement, the context's tenant is that tenant. The resource
 * is not consulted: decisions about one particular resource belong to a relation check or
 * an application's own checker. Allocation-free, thread-safe.
 */
public final class RolePermissionChecker implements PermissionChecker, DeclaresDecisionInputs {

	private static final AuthorizationDecision MISSING_PERMISSION = AuthorizationDecision
		.deny(AuthorizationReasonCode.INSUFFICIENT_PERMISSION, "A required permission is missing.");

	private static final AuthorizationDecision WRONG_TENANT = AuthorizationDecision.deny(
			AuthorizationReasonCode.INSUFFICIENT_PERMISSION,
			"A required permission is missing in the required tenant.");

	private final PermissionGrants grants;

	/**
	 * Creates the checker.
	 * @param grants the compiled role mapping and claim
	 */
	public RolePermissionChecker(PermissionGrants grants) {
		this.grants = Objects.requireNonNull(grants, "grants must not be null");
	}

	@Override
	public AuthorizationDecision checkPermission(PermissionCheckRequest request) {
		AuthContext context = request.context();
		String tenant = request.tenant();
		if (tenant != null && !tenant.equals(context.tenant())) {
			return WRONG_TENANT;
		}
		return this.grants.holds(context, request.permission()) ? AuthorizationDecision.allow() : MISSING_PERMISSION;
	}

	/**
	 * Decides on the roles and the permissions claim (with issuer, subject and tenant),
	 * so the decision cache keys on exactly those.
	 * @return the inputs
	 */
	@Override
	public DecisionInputs decisionInputs() {
		return DecisionInputs.identity().withRoles().withClaims(this.grants.claimName());
	}

}
