package dev.gatehouse.auth.enforcement;

import java.util.List;
import java.util.Map;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.PermissionCheckRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The default permission checker grants through the role mapping, suffix wildcards and
 * the permissions claim, and denies with INSUFFICIENT_PERMISSION otherwise or in the
 * wrong tenant.
 */
class RolePermissionCheckerTests {

	private final RolePermissionChecker checker = new RolePermissionChecker(
			new PermissionGrants(Map.of("editor", List.of("documents:read", "documents:write"), "admin",
					List.of("documents:*"), "root", List.of("*")), "permissions"));

	@Test
	void grantsPermissionMappedToARole() {
		assertAllowed(AuthContext.builder("ed").roles("viewer", "editor").build(), "documents:write", null);
	}

	@Test
	void grantsThroughSuffixWildcard() {
		AuthContext admin = AuthContext.builder("ada").roles("admin").build();

		assertAllowed(admin, "documents:delete", null);
		assertDenied(admin, "invoices:read", null);
	}

	@Test
	void bareWildcardGrantsEverything() {
		assertAllowed(AuthContext.builder("r").roles("root").build(), "anything:at-all", null);
	}

	@Test
	void grantsFromSpaceOrCommaSeparatedPermissionsClaim() {
		AuthContext spaced = AuthContext.builder("c").claim("permissions", "reports:read  invoices:*").build();
		AuthContext commas = AuthContext.builder("c").claim("permissions", "reports:read,invoices:pay").build();

		assertAllowed(spaced, "reports:read", null);
		assertAllowed(spaced, "invoices:pay", null);
		assertAllowed(commas, "invoices:pay", null);
		assertDenied(commas, "invoices:read", null);
		assertDenied(commas, "reports:rea", null);
		assertDenied(commas, "reports:read:all", null);
	}

	@Test
	void ignoresOtherClaimsAndNonTextClaim() {
		AuthContext context = AuthContext.builder("c").claim("scope", "reports:read").claim("permissions", 7L).build();

		assertDenied(context, "reports:read", null);
	}

	@Test
	void deniesTenantQualifiedRequirementInAnotherTenant() {
		AuthContext acme = AuthContext.builder("ed").roles("editor").tenant("acme").build();

		assertAllowed(acme, "documents:read", "acme");
		assertDenied(acme, "documents:read", "globex");
		assertDenied(AuthContext.builder("ed").roles("editor").build(), "documents:read", "acme");
	}

	@Test
	void deniesWhenPermissionMissing() {
		assertDenied(AuthContext.builder("v").roles("viewer").build(), "documents:read", null);
	}

	@Test
	void rejectsWildcardInTheMiddleNamingTheRole() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PermissionGrants(Map.of("ops", List.of("documents:*:read")), "permissions"))
			.withMessageContaining("'ops'")
			.withMessageContaining("documents:*:read");
	}

	private void assertAllowed(AuthContext context, String permission, String tenant) {
		assertThat(this.checker.checkPermission(new PermissionCheckRequest(context, permission, "doc:1", tenant))
			.isAllowed()).isTrue();
	}

	private void assertDenied(AuthContext context, String permission, String tenant) {
		AuthorizationDecision decision = this.checker
			.checkPermission(new PermissionCheckRequest(context, permission, null, tenant));
		assertThat(decision.state()).isEqualTo(AuthorizationDecisionState.DENY);
		assertThat(decision.reasonCode()).isEqualTo(AuthorizationReasonCode.INSUFFICIENT_PERMISSION);
	}

}
