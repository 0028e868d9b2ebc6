package dev.gatehouse.auth.enforcement;

import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.ScopeCheckRequest;
import dev.gatehouse.auth.spi.ScopeChecker;

/**
 * Default {@link ScopeChecker}: allows when the context was granted the scope. Constant
 * time, allocation-free, thread-safe.
 */
public final class ContextScopeChecker implements ScopeChecker {

	private static final AuthorizationDecision MISSING_SCOPE = AuthorizationDecision
		.deny(AuthorizationReasonCode.INSUFFICIENT_SCOPE, "A required scope is missing.");

	@Override
	public AuthorizationDecision checkScope(ScopeCheckRequest request) {
		return request.context().hasScope(request.scope()) ? AuthorizationDecision.allow() : MISSING_SCOPE;
	}

}
