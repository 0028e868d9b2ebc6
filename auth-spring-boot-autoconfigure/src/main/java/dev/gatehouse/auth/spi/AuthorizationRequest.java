package dev.gatehouse.auth.spi;

import java.util.Objects;

import dev.gatehouse.auth.context.AuthContext;
import org.jspecify.annotations.Nullable;

/**
 * Asks a {@link PolicyEvaluator} whether the caller may perform an action on a resource.
 *
 * @param context the caller
 * @param resource the resource
 * @param action the action
 * @param tenant the tenant, or {@code null}
 */
public record AuthorizationRequest(AuthContext context, String resource, String action,
		@Nullable String tenant) implements DecisionRequest {

	public AuthorizationRequest {
		Objects.requireNonNull(context, "context must not be null");
		RequestArguments.requireText(resource, "resource");
		RequestArguments.requireText(action, "action");
		RequestArguments.optionalText(tenant, "tenant");
	}

}
