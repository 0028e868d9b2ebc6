package dev.gatehouse.auth.enforcement;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.RoleCheckRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default role checker decides from the context alone; a tenant-qualified requirement
 * also needs the context to act in that tenant.
 */
class ContextRoleCheckerTests {

	private final ContextRoleChecker checker = new ContextRoleChecker();

	@Test
	void allowsWhenContextHoldsRole() {
		AuthContext context = AuthContext.builder("alice").roles("user", "admin").build();
		assertThat(this.checker.checkRole(new RoleCheckRequest(context, "admin", null)))
			.isEqualTo(AuthorizationDecision.allow());
	}

	@Test
	void deniesWhenRoleMissing() {
		AuthContext context = AuthContext.builder("bob").roles("user").build();
		assertDenied(this.checker.checkRole(new RoleCheckRequest(context, "admin", null)));
	}

	@Test
	void deniesWhenRoleDiffersOnlyInCase() {
		AuthContext context = AuthContext.builder("bob").roles("ADMIN").build();
		assertDenied(this.checker.checkRole(new RoleCheckRequest(context, "admin", null)));
	}

	@Test
	void allowsTenantQualifiedRoleInMatchingTenant() {
		AuthContext context = AuthContext.builder("alice").tenant("acme").roles("admin").build();
		assertThat(this.checker.checkRole(new RoleCheckRequest(context, "admin", "acme")).isAllowed()).isTrue();
	}

	@Test
	void deniesTenantQualifiedRoleInOtherTenant() {
		AuthContext context = AuthContext.builder("alice").tenant("globex").roles("admin").build();
		assertDenied(this.checker.checkRole(new RoleCheckRequest(context, "admin", "acme")));
	}

	@Test
	void deniesTenantQualifiedRoleWhenContextHasNoTenant() {
		AuthContext context = AuthContext.builder("alice").roles("admin").build();
		assertDenied(this.checker.checkRole(new RoleCheckRequest(context, "admin", "acme")));
	}

	@Test
	void deniesTenantQualifiedRoleMissingInMatchingTenant() {
		AuthContext context = AuthContext.builder("bob").tenant("acme").roles("user").build();
		assertDenied(this.checker.checkRole(new RoleCheckRequest(context, "admin", "acme")));
	}

	@Test
	void allowsUnqualifiedRoleInAnyTenant() {
		AuthContext context = AuthContext.builder("alice").tenant("globex").roles("admin").build();
		assertThat(this.checker.checkRole(new RoleCheckRequest(context, "admin", null)).isAllowed()).isTrue();
	}

	private static void assertDenied(AuthorizationDecision decision) {
		assertThat(decision.state()).isEqualTo(AuthorizationDecisionState.DENY);
		assertThat(decision.reasonCode()).isEqualTo(AuthorizationReasonCode.INSUFFICIENT_ROLE);
	}

}
