package dev.gatehouse.auth.enforcement;

import java.util.List;
import java.util.Map;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.enforcement.PolicyRule.Effect;
import dev.gatehouse.auth.spi.AuthorizationRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The declarative policy evaluator: OR within a rule, explicit deny wins, deny by
 * default.
 */
class DeclarativePolicyEvaluatorTests {

	private static final PermissionGrants GRANTS = new PermissionGrants(Map.of("auditor", List.of("invoices:*")),
			"permissions");

	private final DeclarativePolicyEvaluator evaluator = new DeclarativePolicyEvaluator(List.of(
			allow("admins-or-same-tenant", "invoice", "read", List.of("admin"), List.of(), List.of(),
					Map.of("tenant", "{tenant}")),
			allow("scope-writers", "invoice", "write", List.of(), List.of("invoices.write"), List.of(), Map.of()),
			allow("auditors", "invoice", "*", List.of(), List.of(), List.of("invoices:audit"), Map.of()),
			allow("department", "report", "read", List.of(), List.of(), List.of(), Map.of("department", "finance")),
			new PolicyRule("no-suspended", "*", "*", Effect.DENY, List.of("suspended"), List.of(), List.of(),
					Map.of())),
			GRANTS);

	@Test
	void allowsByRole() {
		assertAllowed(AuthContext.builder("a").roles("admin").tenant("other").build(), "invoice", "read", "acme");
	}

	@Test
	void allowsByClaimEqualToResolvedTenantOfTheCall() {
		AuthContext acme = AuthContext.builder("u").tenant("acme").build();

		assertAllowed(acme, "invoice", "read", "acme");
		assertDenied(acme, "invoice", "read", "globex");
		assertDenied(acme, "invoice", "read", null);
	}

	@Test
	void allowsByClaimLiteral() {
		assertAllowed(AuthContext.builder("f").claim("department", "finance").build(), "report", "read", null);
		assertDenied(AuthContext.builder("s").claim("department", "sales").build(), "report", "read", null);
	}

	@Test
	void literalTenantConditionFallsBackToContextTenantOnlyWithoutTenantClaim() {
		DeclarativePolicyEvaluator evaluator = new DeclarativePolicyEvaluator(
				List.of(allow("acme-only", "ledger", "read", List.of(), List.of(), List.of(), Map.of("tenant", "acme")),
						allow("owner", "ledger", "read", List.of(), List.of(), List.of(), Map.of("subject", "ann")),
						allow("level", "ledger", "read", List.of(), List.of(), List.of(), Map.of("level", "3"))),
				GRANTS);

		assertThat(evaluate(evaluator, AuthContext.builder("u").tenant("acme").build()).isAllowed()).isTrue();
		assertThat(evaluate(evaluator, AuthContext.builder("u").tenant("acme").claim("tenant", "globex").build())
			.isAllowed()).isFalse();
		assertThat(evaluate(evaluator, AuthContext.builder("ann").build()).isAllowed()).isTrue();
		assertThat(evaluate(evaluator, AuthContext.builder("u").claim("level", 3L).build()).isAllowed()).isTrue();
		assertThat(evaluate(evaluator, AuthContext.builder("u").claim("level", 4L).build()).isAllowed()).isFalse();
	}

	@Test
	void allowsByScope() {
		assertAllowed(AuthContext.builder("w").scopes("invoices.write").build(), "invoice", "write", null);
		assertDenied(AuthContext.builder("w").scopes("invoices.read").build(), "invoice", "write", null);
	}

	@Test
	void allowsByPermissionUnderWildcardAction() {
		AuthContext auditor = AuthContext.builder("au").roles("auditor").build();

		assertAllowed(auditor, "invoice", "archive", null);
		assertDenied(auditor, "report", "archive", null);
	}

	@Test
	void explicitDenyOverridesEveryAllow() {
		AuthContext suspendedAdmin = AuthContext.builder("a").roles("admin", "suspended").tenant("acme").build();

		AuthorizationDecision decision = decide(suspendedAdmin, "invoice", "read", "acme");

		assertThat(decision.state()).isEqualTo(AuthorizationDecisionState.DENY);
		assertThat(decision.reason()).contains("denies");
	}

	@Test
	void deniesByDefaultWhenNoRuleMatches() {
		assertDenied(AuthContext.builder("a").roles("admin").build(), "contract", "sign", null);
	}

	@Test
	void typePatternAllowsEveryResourceOfTheType() {
		DeclarativePolicyEvaluator evaluator = typePatternEvaluator();
		AuthContext acme = AuthContext.builder("u").tenant("acme").build();

		assertThat(evaluator.evaluatePolicy(new AuthorizationRequest(acme, "report:acme", "read", "acme")).isAllowed())
			.isTrue();
		assertThat(evaluator.evaluatePolicy(new AuthorizationRequest(acme, "report:a:b", "read", "acme")).isAllowed())
			.isTrue();
		assertThat(
				evaluator.evaluatePolicy(new AuthorizationRequest(acme, "report:globex", "read", "globex")).isAllowed())
			.isFalse();
		assertThat(evaluator
			.evaluatePolicy(
					new AuthorizationRequest(AuthContext.builder("a").roles("admin").build(), "invoice:7", "pay", null))
			.isAllowed()).isTrue();
	}

	@Test
	void denyOfTypePatternOrExactRuleWinsOverTheOther() {
		DeclarativePolicyEvaluator evaluator = typePatternEvaluator();
		AuthContext blocked = AuthContext.builder("u").tenant("acme").roles("blocked").build();
		AuthContext auditor = AuthContext.builder("u").tenant("globex").roles("report-auditor").build();
		AuthContext intern = AuthContext.builder("u").tenant("acme").roles("intern").build();

		// The exact rule allows an auditor to read acme's report, the pattern denies
		// blocked callers.
		assertThat(
				evaluator.evaluatePolicy(new AuthorizationRequest(auditor, "report:acme", "read", "acme")).isAllowed())
			.isTrue();
		assertThat(evaluator.evaluatePolicy(new AuthorizationRequest(blocked, "report:acme", "read", "acme")).state())
			.isEqualTo(AuthorizationDecisionState.DENY);
		// The pattern allows same-tenant reads, the exact rule denies interns.
		AuthorizationDecision denied = evaluator
			.evaluatePolicy(new AuthorizationRequest(intern, "report:acme", "read", "acme"));
		assertThat(denied.reasonCode()).isEqualTo(AuthorizationReasonCode.POLICY_DENIED);
		assertThat(denied.reason()).contains("denies");
		assertThat(evaluator.evaluatePolicy(new AuthorizationRequest(intern, "report:globex", "read", "globex"))
			.isAllowed()).isFalse();
		assertThat(evaluator
			.evaluatePolicy(new AuthorizationRequest(AuthContext.builder("u").tenant("globex").roles("intern").build(),
					"report:globex", "read", "globex"))
			.isAllowed()).isTrue();
	}

	@Test
	void typePatternNeedsTheTypeAndANonEmptyId() {
		DeclarativePolicyEvaluator evaluator = typePatternEvaluator();
		AuthContext acme = AuthContext.builder("u").tenant("acme").build();

		for (String resource : List.of("report:", "report", "reports:acme", "repor:acme", "invoice:acme", "acme")) {
			AuthorizationDecision decision = evaluator
				.evaluatePolicy(new AuthorizationRequest(acme, resource, "read", "acme"));
			assertThat(decision.state()).as(resource).isEqualTo(AuthorizationDecisionState.DENY);
			assertThat(decision.reason()).as(resource).contains("No policy rule allows");
		}
	}

	@Test
	void rejectsTypePatternWithoutTypeOrWithColonInType() {
		for (String resource : List.of(":*", "report:x:*")) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> allow("bad", resource, "read", List.of("admin"), List.of(), List.of(), Map.of()))
				.withMessageContaining(resource)
				.withMessageContaining("type:*");
		}
		assertThat(allow("ok", "report:*", "read", List.of("admin"), List.of(), List.of(), Map.of()).resourceType())
			.isEqualTo("report");
		assertThat(allow("ok", "report", "read", List.of("admin"), List.of(), List.of(), Map.of()).resourceType())
			.isNull();
	}

	@Test
	void rejectsAllowRuleWithoutCondition() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> allow("empty", "invoice", "read", List.of(), List.of(), List.of(), Map.of()))
			.withMessageContaining("at least one");
	}

	@Test
	void rejectsUnknownPlaceholderInClaimCondition() {
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> allow("bad", "invoice", "read", List.of(), List.of(), List.of(), Map.of("tenant", "{org}")))
			.withMessageContaining("{org}");
	}

	private static DeclarativePolicyEvaluator typePatternEvaluator() {
		return new DeclarativePolicyEvaluator(List.of(
				allow("same-tenant", "report:*", "read", List.of(), List.of(), List.of(), Map.of("tenant", "{tenant}")),
				allow("auditor-acme", "report:acme", "read", List.of("report-auditor"), List.of(), List.of(), Map.of()),
				new PolicyRule("no-interns-at-acme", "report:acme", "read", Effect.DENY, List.of("intern"), List.of(),
						List.of(), Map.of()),
				new PolicyRule("no-blocked", "report:*", "*", Effect.DENY, List.of("blocked"), List.of(), List.of(),
						Map.of()),
				allow("admins-pay", "invoice:*", "*", List.of("admin"), List.of(), List.of(), Map.of())), GRANTS);
	}

	private static PolicyRule allow(String name, String resource, String action, List<String> roles,
			List<String> scopes, List<String> permissions, Map<String, String> claims) {
		return new PolicyRule(name, resource, action, Effect.ALLOW, roles, scopes, permissions, claims);
	}

	private static AuthorizationDecision evaluate(DeclarativePolicyEvaluator evaluator, AuthContext context) {
		return evaluator.evaluatePolicy(new AuthorizationRequest(context, "ledger", "read", null));
	}

	private AuthorizationDecision decide(AuthContext context, String resource, String action, String tenant) {
		return this.evaluator.evaluatePolicy(new AuthorizationRequest(context, resource, action, tenant));
	}

	private void assertAllowed(AuthContext context, String resource, String action, String tenant) {
		assertThat(decide(context, resource, action, tenant).isAllowed()).isTrue();
	}

	private void assertDenied(AuthContext context, String resource, String action, String tenant) {
		AuthorizationDecision decision = decide(context, resource, action, tenant);
		assertThat(decision.state()).isEqualTo(AuthorizationDecisionState.DENY);
		assertThat(decision.reasonCode()).isEqualTo(AuthorizationReasonCode.POLICY_DENIED);
	}

}
