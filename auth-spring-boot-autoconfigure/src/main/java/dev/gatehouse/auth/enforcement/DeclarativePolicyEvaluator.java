package dev.gatehouse.auth.enforcement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.gatehouse.auth.cache.DecisionInputs;
import dev.gatehouse.auth.cache.DeclaresDecisionInputs;
import dev.gatehouse.auth.context.AuthClaim;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.AuthorizationRequest;
import dev.gatehouse.auth.spi.PolicyEvaluator;
import org.jspecify.annotations.Nullable;

/**
 * Default {@link PolicyEvaluator} over a declarative policy document
 * ({@code gatehouse.policies.rules}): a rule matches a call when its resource and action
 * match (exactly, or {@code *}) and the caller meets any one of its conditions. A rule
 * resource {@code type:*} (for example {@code report:*}) is a type pattern: it matches
 * every resource {@code type:<id>} with a non-empty id, the type being what precedes the
 * first {@code ':'} (as an external decision engine splits it). Exact, type-pattern and
 * {@code *} rules all apply to a call together: a matching deny rule of any of them wins
 * over every allow rule; without a matching allow rule the call is denied
 * ({@code POLICY_DENIED}). This is how "admin OR owner" is written without OR between
 * annotations.
 *
 * <p>
 * The document is compiled once into an index by (resource, action), the conditions of
 * each entry merged into sets, and a small array of type patterns; an evaluation does at
 * most six index lookups and one prefix comparison per type pattern (no substring), then
 * one set lookup per role, scope and claim of the caller, and no string parsing.
 * Thread-safe.
 */
public final class DeclarativePolicyEvaluator implements PolicyEvaluator, DeclaresDecisionInputs {

	private static final String ANY = "*";

	private static final AuthorizationDecision DENIED_BY_RULE = AuthorizationDecision
		.deny(AuthorizationReasonCode.POLICY_DENIED, "A policy rule denies the action.");

	private static final AuthorizationDecision NOT_ALLOWED = AuthorizationDecision
		.deny(AuthorizationReasonCode.POLICY_DENIED, "No policy rule allows the action.");

	private static final Bucket EMPTY = Bucket.of(List.of());

	private final Map<String, Map<String, Bucket>> index;

	private final @Nullable Map<String, Bucket> anyResource;

	private final TypePattern[] typePatterns;

	private final PermissionGrants permissions;

	private final DecisionInputs inputs;

	/**
	 * Compiles the policy document.
	 * @param rules the rules, in document order
	 * @param permissions how {@code any-permission} conditions are checked
	 */
	public DeclarativePolicyEvaluator(List<PolicyRule> rules, PermissionGrants permissions) {
		Objects.requireNonNull(rules, "rules must not be null");
		this.permissions = Objects.requireNonNull(permissions, "permissions must not be null");
		Map<String, Map<String, List<PolicyRule>>> grouped = new HashMap<>();
		Map<String, Map<String, List<PolicyRule>>> byType = new LinkedHashMap<>();
		for (PolicyRule rule : rules) {
			Objects.requireNonNull(rule, "rules must not contain null");
			String type = rule.resourceType();
			((type != null) ? byType.computeIfAbsent(type, (key) -> new HashMap<>())
					: grouped.computeIfAbsent(rule.resource(), (key) -> new HashMap<>()))
				.computeIfAbsent(rule.action(), (key) -> new ArrayList<>())
				.add(rule);
		}
		Map<String, Map<String, Bucket>> index = new HashMap<>();
		grouped.forEach((resource, byAction) -> index.put(resource, buckets(byAction)));
		this.index = Map.copyOf(index);
		this.anyResource = this.index.get(ANY);
		List<TypePattern> patterns = new ArrayList<>();
		byType.forEach((type, byAction) -> patterns.add(new TypePattern(type, buckets(byAction))));
		this.typePatterns = patterns.toArray(new TypePattern[0]);
		this.inputs = inputs(rules, permissions);
	}

	private static Map<String, Bucket> buckets(Map<String, List<PolicyRule>> byAction) {
		Map<String, Bucket> buckets = new HashMap<>();
		byAction.forEach((action, matching) -> buckets.put(action, Bucket.of(matching)));
		return Map.copyOf(buckets);
	}

	// Roles and scopes always (any-role, any-scope, and any-permission through roles);
	// of the claims, those a subject-claim names and the permissions claim.
	private static DecisionInputs inputs(List<PolicyRule> rules, PermissionGrants permissions) {
		Set<String> claims = new LinkedHashSet<>();
		for (PolicyRule rule : rules) {
			if (!rule.anyPermission().isEmpty()) {
				claims.add(permissions.claimName());
			}
			claims.addAll(rule.subjectClaims().keySet());
		}
		return DecisionInputs.identity().withRoles().withScopes().withClaims(claims);
	}

	/**
	 * Decides on the roles, the scopes, the claims its rules name and the permissions
	 * claim (with issuer, subject and tenant), so the decision cache keys on exactly
	 * those.
	 * @return the inputs
	 */
	@Override
	public DecisionInputs decisionInputs() {
		return this.inputs;
	}

	@Override
	public AuthorizationDecision evaluatePolicy(AuthorizationRequest request) {
		Map<String, Bucket> byAction = this.index.get(request.resource());
		String action = request.action();
		Bucket exact = bucket(byAction, action);
		Bucket anyAction = bucket(byAction, ANY);
		Bucket anyResourceExact = bucket(this.anyResource, action);
		Bucket anyResourceAnyAction = bucket(this.anyResource, ANY);
		Map<String, Bucket> byType = typeBuckets(request.resource());
		Bucket typeExact = bucket(byType, action);
		Bucket typeAnyAction = bucket(byType, ANY);
		if (exact.denies(request, this.permissions) || anyAction.denies(request, this.permissions)
				|| typeExact.denies(request, this.permissions) || typeAnyAction.denies(request, this.permissions)
				|| anyResourceExact.denies(request, this.permissions)
				|| anyResourceAnyAction.denies(request, this.permissions)) {
			return DENIED_BY_RULE;
		}
		if (exact.allows(request, this.permissions) || anyAction.allows(request, this.permissions)
				|| typeExact.allows(request, this.permissions) || typeAnyAction.allows(request, this.permissions)
				|| anyResourceExact.allows(request, this.permissions)
				|| anyResourceAnyAction.allows(request, this.permissions)) {
			return AuthorizationDecision.allow();
		}
		return NOT_ALLOWED;
	}

	// A type has no ':' (PolicyRule checks it), so at most one pattern matches a
	// resource.
	private @Nullable Map<String, Bucket> typeBuckets(String resource) {
		for (TypePattern pattern : this.typePatterns) {
			if (pattern.matches(resource)) {
				return pattern.byAction();
			}
		}
		return null;
	}

	private static Bucket bucket(@Nullable Map<String, Bucket> byAction, String action) {
		if (byAction == null) {
			return EMPTY;
		}
		Bucket bucket = byAction.get(action);
		return (bucket != null) ? bucket : EMPTY;
	}

	/**
	 * The buckets of the rules whose resource is {@code type:*}, by action.
	 */
	private record TypePattern(String type, Map<String, Bucket> byAction) {

		boolean matches(String resource) {
			int length = this.type.length();
			return resource.length() > length + 1 && resource.charAt(length) == ':' && resource.startsWith(this.type);
		}

	}

	/** The deny and allow conditions of one (resource, action) pair. */
	private record Bucket(Conditions deny, Conditions allow) {

		static Bucket of(List<PolicyRule> rules) {
			List<PolicyRule> deny = new ArrayList<>();
			List<PolicyRule> allow = new ArrayList<>();
			for (PolicyRule rule : rules) {
				((rule.effect() == PolicyRule.Effect.DENY) ? deny : allow).add(rule);
			}
			return new Bucket(Conditions.of(deny), Conditions.of(allow));
		}

		boolean denies(AuthorizationRequest request, PermissionGrants permissions) {
			return this.deny.anyMet(request, permissions);
		}

		boolean allows(AuthorizationRequest request, PermissionGrants permissions) {
			return this.allow.anyMet(request, permissions);
		}

	}

	/**
	 * The conditions of several rules with the same effect, merged: since a rule matches
	 * when any one of its conditions holds, and the rules of a bucket are OR-ed too,
	 * their roles, scopes and literal claim values can be unioned. A check then costs a
	 * lookup per role and claim of the caller, not a pass over every rule.
	 */
	private record Conditions(boolean unconditional, Set<String> roles, Set<String> scopes, String[] permissions,
			Map<String, Set<String>> literalClaims, String[] callClaimNames, Source[] callClaimSources) {

		static Conditions of(List<PolicyRule> rules) {
			boolean unconditional = false;
			Set<String> roles = new HashSet<>();
			Set<String> scopes = new HashSet<>();
			Set<String> permissions = new LinkedHashSet<>();
			Map<String, Set<String>> literalClaims = new HashMap<>();
			List<String> callClaimNames = new ArrayList<>();
			List<Source> callClaimSources = new ArrayList<>();
			for (PolicyRule rule : rules) {
				unconditional |= rule.isUnconditional();
				roles.addAll(rule.anyRole());
				scopes.addAll(rule.anyScope());
				permissions.addAll(rule.anyPermission());
				rule.subjectClaims().forEach((name, value) -> {
					Source source = Source.of(value);
					if (source == Source.LITERAL) {
						literalClaims.computeIfAbsent(name, (key) -> new HashSet<>()).add(value);
					}
					else {
						callClaimNames.add(name);
						callClaimSources.add(source);
					}
				});
			}
			Map<String, Set<String>> frozenClaims = new HashMap<>();
			literalClaims.forEach((name, values) -> frozenClaims.put(name, Set.copyOf(values)));
			return new Conditions(unconditional, Set.copyOf(roles), Set.copyOf(scopes),
					permissions.toArray(new String[0]), Map.copyOf(frozenClaims), callClaimNames.toArray(new String[0]),
					callClaimSources.toArray(new Source[0]));
		}

		boolean anyMet(AuthorizationRequest request, PermissionGrants grants) {
			if (this.unconditional) {
				return true;
			}
			AuthContext context = request.context();
			if (!this.roles.isEmpty() && anyIn(context.roles(), this.roles)) {
				return true;
			}
			if (!this.scopes.isEmpty() && anyIn(context.scopes(), this.scopes)) {
				return true;
			}
			for (String permission : this.permissions) {
				if (grants.holds(context, permission)) {
					return true;
				}
			}
			if (!this.literalClaims.isEmpty() && literalClaimMatches(context)) {
				return true;
			}
			for (int i = 0; i < this.callClaimNames.length; i++) {
				String expected = this.callClaimSources[i].expected(request);
				if (expected != null && claimEquals(context, this.callClaimNames[i], expected)) {
					return true;
				}
			}
			return false;
		}

		private static boolean anyIn(List<String> held, Set<String> wanted) {
			for (int i = 0; i < held.size(); i++) {
				if (wanted.contains(held.get(i))) {
					return true;
				}
			}
			return false;
		}

		private boolean literalClaimMatches(AuthContext context) {
			boolean tenantClaim = false;
			boolean subjectClaim = false;
			List<AuthClaim> claims = context.claims();
			for (int i = 0; i < claims.size(); i++) {
				AuthClaim claim = claims.get(i);
				String name = claim.name();
				tenantClaim |= name.equals("tenant");
				subjectClaim |= name.equals("subject");
				Set<String> values = this.literalClaims.get(name);
				Object value = claim.value();
				if (values != null && value != null
						&& values.contains((value instanceof String text) ? text : value.toString())) {
					return true;
				}
			}
			// The context's own fields answer for the claims every context has.
			return (!tenantClaim && contextFieldMatches("tenant", context.tenant()))
					|| (!subjectClaim && contextFieldMatches("subject", context.subject().id()));
		}

		private boolean contextFieldMatches(String name, @Nullable String value) {
			Set<String> values = this.literalClaims.get(name);
			return values != null && value != null && values.contains(value);
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
			return "Conditions";
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

		@Nullable String expected(AuthorizationRequest request) {
			return switch (this) {
				case LITERAL -> throw new IllegalStateException("literal claims are matched by value");
				case TENANT -> request.tenant();
				case RESOURCE -> request.resource();
				case ACTION -> request.action();
			};
		}

	}

}
