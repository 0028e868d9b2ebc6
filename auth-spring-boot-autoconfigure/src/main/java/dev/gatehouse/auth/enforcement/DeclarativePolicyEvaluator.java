package dev.gatehouse.auth.enforcement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.gatehouse.auth.context.AuthClaim;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.AuthorizationRequest;
import dev.gatehouse.auth.spi.PolicyEvaluator;
import org.jspecify.annotations.Nullable;

/**
 * Default {@link PolicyEvaluator} over a declarative policy document ({@code gatehouse.policies.rules}): a rule
 * matches a call when its resource and action match (exactly, or {@code *}) and the caller meets any one of its
 * conditions. A matching deny rule wins over every allow rule; without a matching allow rule the call is denied
 * ({@code POLICY_DENIED}). This is how "admin OR owner" is written without OR between annotations.
 *
 * <p>The document is compiled once into an index by (resource, action); an evaluation does at most four map
 * lookups and no string parsing. Thread-safe.
 */
public final class DeclarativePolicyEvaluator implements PolicyEvaluator {

	private static final String ANY = "*";

	private static final AuthorizationDecision DENIED_BY_RULE = AuthorizationDecision
		.deny(AuthorizationReasonCode.POLICY_DENIED, "A policy rule denies the action.");

	private static final AuthorizationDecision NOT_ALLOWED = AuthorizationDecision
		.deny(AuthorizationReasonCode.POLICY_DENIED, "No policy rule allows the action.");

	private static final Bucket EMPTY = new Bucket(new CompiledRule[0], new CompiledRule[0]);

	private final Map<String, Map<String, Bucket>> index;

	private final @Nullable Map<String, Bucket> anyResource;

	private final PermissionGrants permissions;

	/**
	 * Compiles the policy document.
	 * @param rules the rules, in document order
	 * @param permissions how {@code any-permission} conditions are checked
	 */
	public DeclarativePolicyEvaluator(List<PolicyRule> rules, PermissionGrants permissions) {
		Objects.requireNonNull(rules, "rules must not be null");
		this.permissions = Objects.requireNonNull(permissions, "permissions must not be null");
		Map<String, Map<String, List<PolicyRule>>> grouped = new HashMap<>();
		for (PolicyRule rule : rules) {
			Objects.requireNonNull(rule, "rules must not contain null");
			grouped.computeIfAbsent(rule.resource(), (key) -> new HashMap<>())
				.computeIfAbsent(rule.action(), (key) -> new ArrayList<>())
				.add(rule);
		}
		Map<String, Map<String, Bucket>> index = new HashMap<>();
		grouped.forEach((resource, byAction) -> {
			Map<String, Bucket> buckets = new HashMap<>();
			byAction.forEach((action, matching) -> buckets.put(action, Bucket.of(matching)));
			index.put(resource, Map.copyOf(buckets));
		});
		this.index = Map.copyOf(index);
		this.anyResource = this.index.get(ANY);
	}

	@Override
	public AuthorizationDecision evaluatePolicy(AuthorizationRequest request) {
		Map<String, Bucket> byAction = this.index.get(request.resource());
		String action = request.action();
		Bucket exact = bucket(byAction, action);
		Bucket anyAction = bucket(byAction, ANY);
		Bucket anyResourceExact = bucket(this.anyResource, action);
		Bucket anyResourceAnyAction = bucket(this.anyResource, ANY);
		if (exact.denies(request, this.permissions) || anyAction.denies(request, this.permissions)
				|| anyResourceExact.denies(request, this.permissions)
				|| anyResourceAnyAction.denies(request, this.permissions)) {
			return DENIED_BY_RULE;
		}
		if (exact.allows(request, this.permissions) || anyAction.allows(request, this.permissions)
				|| anyResourceExact.allows(request, this.permissions)
				|| anyResourceAnyAction.allows(request, this.permissions)) {
			return AuthorizationDecision.allow();
		}
		return NOT_ALLOWED;
	}

	private static Bucket bucket(@Nullable Map<String, Bucket> byAction, String action) {
		if (byAction == null) {
			return EMPTY;
		}
		Bucket bucket = byAction.get(action);
		return (bucket != null) ? bucket : EMPTY;
	}

	/** The deny and allow rules of one (resource, action) pair. */
	private record Bucket(CompiledRule[] deny, CompiledRule[] allow) {

		static Bucket of(List<PolicyRule> rules) {
			List<CompiledRule> deny = new ArrayList<>();
			List<CompiledRule> allow = new ArrayList<>();
			for (PolicyRule rule : rules) {
				((rule.effect() == PolicyRule.Effect.DENY) ? deny : allow).add(CompiledRule.of(rule));
			}
			return new Bucket(deny.toArray(new CompiledRule[0]), allow.toArray(new CompiledRule[0]));
		}

		boolean denies(AuthorizationRequest request, PermissionGrants permissions) {
			for (CompiledRule rule : this.deny) {
				if (rule.matches(request, permissions)) {
					return true;
				}
			}
			return false;
		}

		boolean allows(AuthorizationRequest request, PermissionGrants permissions) {
			for (CompiledRule rule : this.allow) {
				if (rule.matches(request, permissions)) {
					return true;
				}
			}
			return false;
		}

	}

	/** A rule's conditions as arrays; claim values that name a call value are resolved by their source. */
	private record CompiledRule(boolean unconditional, String[] roles, String[] scopes, String[] permissions,
			String[] claimNames, String[] claimValues, Source[] claimSources) {

		static CompiledRule of(PolicyRule rule) {
			int claims = rule.subjectClaims().size();
			String[] names = new String[claims];
			String[] values = new String[claims];
			Source[] sources = new Source[claims];
			int i = 0;
			for (Map.Entry<String, String> claim : rule.subjectClaims().entrySet()) {
				names[i] = claim.getKey();
				values[i] = claim.getValue();
				sources[i] = Source.of(claim.getValue());
				i++;
			}
			return new CompiledRule(rule.isUnconditional(), rule.anyRole().toArray(new String[0]),
					rule.anyScope().toArray(new String[0]), rule.anyPermission().toArray(new String[0]), names,
					values, sources);
		}

		boolean matches(AuthorizationRequest request, PermissionGrants grants) {
			if (this.unconditional) {
				return true;
			}
			AuthContext context = request.context();
			for (String role : this.roles) {
				if (context.hasRole(role)) {
					return true;
				}
			}
			for (String scope : this.scopes) {
				if (context.hasScope(scope)) {
					return true;
				}
			}
			for (String permission : this.permissions) {
				if (grants.holds(context, permission)) {
					return true;
				}
			}
			for (int i = 0; i < this.claimNames.length; i++) {
				String expected = this.claimSources[i].expected(this.claimValues[i], request);
				if (expected != null && claimEquals(context, this.claimNames[i], expected)) {
					return true;
				}
			}
			return false;
		}

		private static boolean claimEquals(AuthContext context, String name, String expected) {
			List<AuthClaim> claims = context.claims();
			for (int i = 0; i < claims.size(); i++) {
				AuthClaim claim = claims.get(i);
				if (claim.name().equals(name)) {
					Object value = claim.value();
					return value != null && expected.equals((value instanceof String text) ? text : value.toString());
				}
			}
			// The context's own fields answer for the claims every context has.
			if (name.equals("tenant")) {
				return expected.equals(context.tenant());
			}
			if (name.equals("subject")) {
				return expected.equals(context.subject().id());
			}
			return false;
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return this == other;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this);
		}

		@Override
		public String toString() {
			return "CompiledRule";
		}

	}

	/** Where a subject-claim condition takes the value it compares with. */
	private enum Source {

		LITERAL, TENANT, RESOURCE, ACTION;

		static Source of(String value) {
			return switch (value) {
				case "{tenant}" -> TENANT;
				case "{resource}" -> RESOURCE;
				case "{action}" -> ACTION;
				default -> LITERAL;
			};
		}

		@Nullable String expected(String literal, AuthorizationRequest request) {
			return switch (this) {
				case LITERAL -> literal;
				case TENANT -> request.tenant();
				case RESOURCE -> request.resource();
				case ACTION -> request.action();
			};
		}

	}

}
