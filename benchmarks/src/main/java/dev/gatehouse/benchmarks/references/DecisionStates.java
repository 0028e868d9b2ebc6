package dev.gatehouse.benchmarks.references;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.gatehouse.auth.cache.CachingCheckers;
import dev.gatehouse.auth.cache.CaffeineAuthDecisionCache;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.enforcement.ContextRoleChecker;
import dev.gatehouse.auth.enforcement.DeclarativePolicyEvaluator;
import dev.gatehouse.auth.enforcement.PermissionGrants;
import dev.gatehouse.auth.enforcement.PolicyRule;
import dev.gatehouse.auth.spi.PermissionChecker;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The states of the direct (unproxied) benchmarks: a 50-rule policy document, and a
 * permission checker behind the decision cache next to the default role checker.
 */
public final class DecisionStates {

	private DecisionStates() {
	}

	/**
	 * Fifty rules: 38 on other resources, a deny rule for every resource and action
	 * (always consulted), and 11 on {@code (invoice, read)} of which only the last
	 * matches the caller (its tenant equals the call's).
	 */
	@State(Scope.Benchmark)
	public static class Policy {

		/** The compiled document. */
		public DeclarativePolicyEvaluator evaluator;

		/** The caller: tenant acme, department sales, no matching role. */
		public AuthContext caller;

		/** Passed per call, like the other fields, so that the JIT cannot fold it. */
		public String resource = "invoice";

		/** The action asked for. */
		public String action = "read";

		/** The call's resolved tenant. */
		public String tenant = "acme";

		/** Compiles the document and builds the caller. */
		@Setup(Level.Trial)
		public void compile() {
			List<PolicyRule> rules = new ArrayList<>();
			for (int i = 0; i < 38; i++) {
				rules.add(rule("other-" + i, "resource-" + (i % 19), (i % 2 == 0) ? "read" : "write",
						List.of("role-" + i), Map.of()));
			}
			rules.add(new PolicyRule("no-suspended", "*", "*", PolicyRule.Effect.DENY, List.of("suspended"), List.of(),
					List.of(), Map.of()));
			for (int i = 0; i < 10; i++) {
				rules.add(rule("invoice-" + i, "invoice", "read", List.of("invoice-role-" + i),
						Map.of("department", "dept-" + i)));
			}
			rules.add(rule("same-tenant", "invoice", "read", List.of("admin"), Map.of("tenant", "{tenant}")));
			if (rules.size() != 50) {
				throw new IllegalStateException("expected 50 rules, got " + rules.size());
			}
			this.evaluator = new DeclarativePolicyEvaluator(rules, new PermissionGrants(Map.of(), "permissions"));
			this.caller = AuthContext.builder(DocumentGrants.CALLER)
				.roles("USER")
				.tenant("acme")
				.claim("department", "sales")
				.build();
		}

		private static PolicyRule rule(String name, String resource, String action, List<String> roles,
				Map<String, String> claims) {
			return new PolicyRule(name, resource, action, PolicyRule.Effect.ALLOW, roles, List.of(), List.of(), claims);
		}

	}

	/**
	 * A warm decision cache in front of the table permission checker, and the default
	 * role checker.
	 */
	@State(Scope.Benchmark)
	public static class Cached {

		/** The table checker behind the decision cache. */
		public PermissionChecker cachedPermissions;

		/** The default role checker. */
		public ContextRoleChecker roles = new ContextRoleChecker();

		/** The caller. */
		public AuthContext caller;

		/** The permission asked for. */
		public String permission = "doc:read";

		/** The resolved resource. */
		public String resource = "doc:42";

		/** The role asked for. */
		public String role = "USER";

		/** Builds the cache, the caching checker and the caller. */
		@Setup(Level.Trial)
		public void warm() {
			CaffeineAuthDecisionCache cache = new CaffeineAuthDecisionCache(Duration.ofHours(1), 10_000);
			this.cachedPermissions = CachingCheckers.permission(new DocumentGrants.TablePermissionChecker(), cache);
			this.caller = AuthContext.builder(DocumentGrants.CALLER).issuer("https://idp").roles("USER").build();
		}

	}

}
