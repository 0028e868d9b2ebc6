package dev.gatehouse.auth.spi;

import java.util.Objects;

import dev.gatehouse.auth.context.AuthContext;
import org.jspecify.annotations.Nullable;

/**
 * Asks a {@link RoleChecker} whether the caller holds a role, optionally within a tenant.
 *
 * @param context the caller
 * @param role the required role
 * @param tenant the tenant the role must be held in, or {@code null} for any
 */
public record RoleCheckRequest(AuthContext context, String role, @Nullable String tenant) {

	public RoleCheckRequest {
		Objects.requireNonNull(context, "context must not be null");
		RequestArguments.requireText(role, "role");
		RequestArguments.optionalText(tenant, "tenant");
	}

}
