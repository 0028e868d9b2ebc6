package dev.gatehouse.auth.spi;

import java.util.Objects;

import dev.gatehouse.auth.context.AuthContext;
import org.jspecify.annotations.Nullable;

/**
 * Asks a {@link PermissionChecker} whether the caller holds a permission, optionally on a
 * resource and within a tenant.
 *
 * @param context the caller
 * @param permission the required permission
 * @param resource the resource it is required on, or {@code null}
 * @param tenant the tenant, or {@code null}
 */
public record PermissionCheckRequest(AuthContext context, String permission, @Nullable String resource,
		@Nullable String tenant) implements DecisionRequest {

	public PermissionCheckRequest {
		Objects.requireNonNull(context, "context must not be null");
		RequestArguments.requireText(permission, "permission");
		RequestArguments.optionalText(resource, "resource");
		RequestArguments.optionalText(tenant, "tenant");
	}

}
