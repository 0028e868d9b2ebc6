package dev.gatehouse.auth.enforcement;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.RoleCheckRequest;
import dev.gatehouse.auth.spi.RoleChecker;

/**
 * Default {@link RoleChecker}: allows when the context holds the role, and, for a
 * tenant-qualified requirement, the context's tenant is that tenant. Constant time,
 * allocation-free, thread-safe.
 */
public final class ContextRoleChecker implements RoleChecker {

	private static final AuthorizationDecision MISSING_ROLE = AuthorizationDecision
		.deny(AuthorizationReasonCode.INSUFFICIENT_ROLE, "A required role is missing.");

	private static final AuthorizationDecision WRONG_TENANT = AuthorizationDecision
		.deny(AuthorizationReasonCode.INSUFFICIENT_ROLE, "A required role is missing in the required tenant.");

	@Override
	public AuthorizationDecision checkRole(RoleCheckRequest request) {
		AuthContext context = request.context();
		if (!context.hasRole(request.role())) {
			return MISSING_ROLE;
		}
		String tenant = request.tenant();
		if (tenant != null && !tenant.equals(context.tenant())) {
			return WRONG_TENANT;
		}
		return AuthorizationDecision.allow();
	}

}
