package dev.gatehouse.auth.spi;

import java.util.Objects;

import dev.gatehouse.auth.context.AuthContext;
import org.jspecify.annotations.Nullable;

/**
 * Asks a {@link RelationChecker} whether the caller stands in a relation to a resource.
 *
 * @param context the caller
 * @param relation the required relation (for example {@code owner})
 * @param resource the resource (for example {@code document:42})
 * @param tenant the tenant, or {@code null}
 */
public record RelationCheckRequest(AuthContext context, String relation, String resource,
		@Nullable String tenant) implements DecisionRequest {

	public RelationCheckRequest {
		Objects.requireNonNull(context, "context must not be null");
		RequestArguments.requireText(relation, "relation");
		RequestArguments.requireText(resource, "resource");
		RequestArguments.optionalText(tenant, "tenant");
	}

}
