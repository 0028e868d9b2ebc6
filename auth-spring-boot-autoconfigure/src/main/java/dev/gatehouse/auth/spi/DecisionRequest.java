package dev.gatehouse.auth.spi;

import dev.gatehouse.auth.context.AuthContext;
import org.jspecify.annotations.Nullable;

/**
 * One question to a deciding port: a {@link PermissionCheckRequest},
 * {@link RelationCheckRequest} or {@link AuthorizationRequest} (policy). A
 * {@link BoundaryDecider} receives a boundary's questions of every kind it backs in one
 * list and tells them apart by type.
 */
public sealed interface DecisionRequest permits PermissionCheckRequest, RelationCheckRequest, AuthorizationRequest {

	/**
	 * Returns the caller.
	 * @return the caller's context
	 */
	AuthContext context();

	/**
	 * Returns the tenant the requirement names, resolved.
	 * @return the tenant, or {@code null}
	 */
	@Nullable String tenant();

}
