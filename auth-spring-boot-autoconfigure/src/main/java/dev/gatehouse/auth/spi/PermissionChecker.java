package dev.gatehouse.auth.spi;

import dev.gatehouse.auth.decision.AuthorizationDecision;

/**
 * Port for {@link AuthCapability#PERMISSION_CHECK}: decides {@code @RequirePermission}
 * requirements. Implementations must be thread-safe and should return a decision rather
 * than throw; an exception is treated as ERROR/INTERNAL_ERROR.
 */
@FunctionalInterface
public interface PermissionChecker {

	/**
	 * Decides one requirement.
	 * @param request the caller's context and what is required
	 * @return ALLOW, or the refusing decision; never {@code null}
	 */
	AuthorizationDecision checkPermission(PermissionCheckRequest request);

}
