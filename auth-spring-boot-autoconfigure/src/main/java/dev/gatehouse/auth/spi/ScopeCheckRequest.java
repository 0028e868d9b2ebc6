package dev.gatehouse.auth.spi;

import java.util.Objects;

import dev.gatehouse.auth.context.AuthContext;

/**
 * Asks a {@link ScopeChecker} whether the caller was granted a scope.
 *
 * @param context the caller
 * @param scope the required scope
 */
public record ScopeCheckRequest(AuthContext context, String scope) {

	public ScopeCheckRequest {
		Objects.requireNonNull(context, "context must not be null");
		RequestArguments.requireText(scope, "scope");
	}

}
