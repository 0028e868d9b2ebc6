package dev.gatehouse.auth.enforcement;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.ScopeCheckRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default scope checker allows exactly the scopes granted in the context.
 */
class ContextScopeCheckerTests {

	private final ContextScopeChecker checker = new ContextScopeChecker();

	@Test
	void allowsWhenContextWasGrantedScope() {
		AuthContext context = AuthContext.builder("alice").scopes("documents:read", "documents:write").build();
		assertThat(this.checker.checkScope(new ScopeCheckRequest(context, "documents:write")))
			.isEqualTo(AuthorizationDecision.allow());
	}

	@Test
	void deniesWhenScopeMissing() {
		AuthContext context = AuthContext.builder("bob").scopes("documents:read").build();
		assertDenied(this.checker.checkScope(new ScopeCheckRequest(context, "documents:write")));
	}

	@Test
	void deniesWhenContextHasNoScopes() {
		AuthContext context = AuthContext.builder("bob").build();
		assertDenied(this.checker.checkScope(new ScopeCheckRequest(context, "documents:read")));
	}

	@Test
	void doesNotTreatRoleAsScope() {
		AuthContext context = AuthContext.builder("bob").roles("documents:read").build();
		assertDenied(this.checker.checkScope(new ScopeCheckRequest(context, "documents:read")));
	}

	@Test
	void doesNotMatchScopePrefix() {
		AuthContext context = AuthContext.builder("bob").scopes("documents").build();
		assertDenied(this.checker.checkScope(new ScopeCheckRequest(context, "documents:read")));
	}

	private static void assertDenied(AuthorizationDecision decision) {
		assertThat(decision.state()).isEqualTo(AuthorizationDecisionState.DENY);
		assertThat(decision.reasonCode()).isEqualTo(AuthorizationReasonCode.INSUFFICIENT_SCOPE);
	}

}
