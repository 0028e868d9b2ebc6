package dev.gatehouse.auth.authzen;

import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.spi.PermissionChecker;
import dev.gatehouse.auth.spi.PermissionCheckRequest;

/**
 * The {@link PermissionChecker} backed by a policy decision point
 * ({@code PERMISSION_CHECK} in {@code gatehouse.authzen.provides}); see
 * {@link AuthZenPort}.
 */
public final class AuthZenPermissionChecker extends AuthZenPort implements PermissionChecker {

	/**
	 * Creates the port.
	 * @param decider the engine
	 */
	public AuthZenPermissionChecker(AuthZenDecider decider) {
		super(decider);
	}

	@Override
	public AuthorizationDecision checkPermission(PermissionCheckRequest request) {
		return decideOne(request);
	}

}
