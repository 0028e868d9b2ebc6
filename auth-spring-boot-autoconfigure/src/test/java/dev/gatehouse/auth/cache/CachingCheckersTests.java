package dev.gatehouse.auth.cache;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.context.CredentialCarrierLocation;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.enforcement.DeclarativePolicyEvaluator;
import dev.gatehouse.auth.enforcement.PermissionGrants;
import dev.gatehouse.auth.enforcement.PolicyRule;
import dev.gatehouse.auth.enforcement.RolePermissionChecker;
import dev.gatehouse.auth.metadata.AuthRequirementKind;
import dev.gatehouse.auth.relation.InMemoryRelationChecker;
import dev.gatehouse.auth.relation.InMemoryRelationStore;
import dev.gatehouse.auth.spi.AuthorizationRequest;
import dev.gatehouse.auth.spi.PermissionCheckRequest;
import dev.gatehouse.auth.spi.PermissionChecker;
import dev.gatehouse.auth.spi.PolicyEvaluator;
import dev.gatehouse.auth.spi.RelationCheckRequest;
import dev.gatehouse.auth.spi.RelationChecker;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * The decision cache in front of the checkers: keyed by identity and question, never by
 * token; ERROR is not cached; entries expire and can be evicted per subject.
 */
class CachingCheckersTests {

	private final AtomicLong nanos = new AtomicLong();

	private final CaffeineAuthDecisionCache cache = new CaffeineAuthDecisionCache(Duration.ofSeconds(30), 100,
			this.nanos::get);

	private final AtomicInteger calls = new AtomicInteger();

	private final AtomicReference<AuthorizationDecision> answer = new AtomicReference<>(AuthorizationDecision.allow());

	private final PermissionChecker permissions = CachingCheckers.permission((request) -> {
		this.calls.incrementAndGet();
		return this.answer.get();
	}, this.cache);

	@Test
	void secondIdenticalCheckDoesNotReachTheDelegate() {
		AuthContext alice = alice("token-1");

		assertThat(check(alice, "doc:42").isAllowed()).isTrue();
		assertThat(check(alice, "doc:42").isAllowed()).isTrue();

		assertThat(this.calls).hasValue(1);
	}

	@Test
	void differentResourceIsAskedAgain() {
		AuthContext alice = alice("token-1");

		check(alice, "doc:42");
		check(alice, "doc:43");

		assertThat(this.calls).hasValue(2);
	}

	@Test
	void twoSubjectsWithIdenticalRolesNeverShareAnEntry() {
		AuthContext alice = AuthContext.builder("alice").issuer("https://idp").roles("editor").build();
		AuthContext bob = AuthContext.builder("bob").issuer("https://idp").roles("editor").build();
		check(alice, "doc:42");
		this.answer.set(AuthorizationDecision.deny(AuthorizationReasonCode.INSUFFICIENT_PERMISSION, "no"));

		assertThat(check(bob, "doc:42").isAllowed()).isFalse();
		assertThat(this.calls).hasValue(2);
	}

	@Test
	void sameSubjectFromAnotherIssuerOrTenantIsAskedAgain() {
		check(alice("t"), "doc:42");
		check(AuthContext.builder("alice").issuer("https://other-idp").build(), "doc:42");
		check(AuthContext.builder("alice").issuer("https://idp").tenant("acme").build(), "doc:42");

		assertThat(this.calls).hasValue(3);
	}

	@Test
	void tokenRefreshForTheSameSubjectReusesTheEntry() {
		check(alice("old-token"), "doc:42");

		check(alice("refreshed-token"), "doc:42");

		assertThat(this.calls).hasValue(1);
	}

	@Test
	void errorDecisionIsNeverCached() {
		this.answer.set(AuthorizationDecision.error(AuthorizationReasonCode.INTERNAL_ERROR, "down"));
		check(alice("t"), "doc:42");
		this.answer.set(AuthorizationDecision.allow());

		assertThat(check(alice("t"), "doc:42").isAllowed()).isTrue();
		assertThat(this.calls).hasValue(2);
	}

	@Test
	void exceptionIsNotCached() {
		AtomicInteger attempts = new AtomicInteger();
		PermissionChecker failingOnce = CachingCheckers.permission((request) -> {
			if (attempts.incrementAndGet() == 1) {
				throw new IllegalStateException("provider down");
			}
			return AuthorizationDecision.allow();
		}, this.cache);
		PermissionCheckRequest request = new PermissionCheckRequest(alice("t"), "doc:read", "doc:1", null);

		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> failingOnce.checkPermission(request));
		assertThat(failingOnce.checkPermission(request).isAllowed()).isTrue();
		assertThat(attempts).hasValue(2);
	}

	@Test
	void entryExpiresAfterTtlOnThePinnedTicker() {
		check(alice("t"), "doc:42");
		this.nanos.addAndGet(Duration.ofSeconds(29).toNanos());
		check(alice("t"), "doc:42");
		assertThat(this.calls).hasValue(1);

		this.nanos.addAndGet(Duration.ofSeconds(2).toNanos());
		check(alice("t"), "doc:42");

		assertThat(this.calls).hasValue(2);
	}

	@Test
	void evictingASubjectLeavesOtherSubjectsEntries() {
		AuthContext bob = AuthContext.builder("bob").issuer("https://idp").build();
		check(alice("t"), "doc:42");
		check(bob, "doc:42");

		this.cache.evict("alice");
		check(alice("t"), "doc:42");
		check(bob, "doc:42");

		assertThat(this.calls).hasValue(3);
	}

	@Test
	void evictAllForgetsEveryone() {
		check(alice("t"), "doc:42");
		this.cache.evictAll();

		check(alice("t"), "doc:42");

		assertThat(this.calls).hasValue(2);
		assertThat(this.cache.estimatedSize()).isEqualTo(1);
	}

	@Test
	void cachesRelationAndPolicyDecisionsSeparatelyFromPermissions() {
		AtomicInteger relationCalls = new AtomicInteger();
		AtomicInteger policyCalls = new AtomicInteger();
		RelationChecker relations = CachingCheckers.relation((request) -> {
			relationCalls.incrementAndGet();
			return AuthorizationDecision.deny(AuthorizationReasonCode.RELATION_DENIED, "no");
		}, this.cache);
		PolicyEvaluator policies = CachingCheckers.policy((request) -> {
			policyCalls.incrementAndGet();
			return AuthorizationDecision.allow();
		}, this.cache);
		AuthContext alice = alice("t");

		for (int i = 0; i < 3; i++) {
			check(alice, "doc:42");
			assertThat(relations.checkRelation(new RelationCheckRequest(alice, "doc:read", "doc:42", null)).isAllowed())
				.isFalse();
			assertThat(policies.evaluatePolicy(new AuthorizationRequest(alice, "doc:42", "read", null)).isAllowed())
				.isTrue();
		}

		assertThat(this.calls).hasValue(1);
		assertThat(relationCalls).hasValue(1);
		assertThat(policyCalls).hasValue(1);
	}

	@Test
	void missingDelegateStaysMissing() {
		assertThat(CachingCheckers.permission(null, this.cache)).isNull();
		assertThat(CachingCheckers.relation(null, this.cache)).isNull();
		assertThat(CachingCheckers.policy(null, this.cache)).isNull();
	}

	@Test
	void anUndeclaredCheckerIsKeyedByEverythingThatCanGrant() {
		AuthContext editor = alice("t");
		check(editor, "doc:42");
		check(editor.toBuilder().roles("admin").build(), "doc:42");
		check(editor.toBuilder().scopes("docs.write").build(), "doc:42");
		check(editor.toBuilder().claim("department", "finance").build(), "doc:42");
		check(editor.toBuilder().delegationChain(List.of("gateway")).build(), "doc:42");
		check(editor.withCorrelationId("another-call"), "doc:42");
		check(editor.toBuilder().metadata("client_ip", "10.0.0.7").build(), "doc:42");

		assertThat(this.calls).hasValue(5);
	}

	@Test
	void aCheckerThatDeclaresOnlyTheIdentityIgnoresRolesAndClaims() {
		RelationChecker relations = CachingCheckers.relation(new CountingRelations(DecisionInputs.identity()),
				this.cache);
		AuthContext alice = alice("t");
		relations.checkRelation(new RelationCheckRequest(alice, "editor", "doc:42", null));
		relations.checkRelation(new RelationCheckRequest(
				alice.toBuilder().roles("admin").claim("department", "x").build(), "editor", "doc:42", null));
		relations.checkRelation(
				new RelationCheckRequest(alice.toBuilder().tenant("acme").build(), "editor", "doc:42", null));

		assertThat(this.calls).hasValue(2);
	}

	@Test
	void declaredClaimsArePartOfTheKeyAndOtherClaimsAreNot() {
		PermissionChecker teams = CachingCheckers
			.permission(new CountingPermissions(DecisionInputs.identity().withClaims("team", "team")), this.cache);
		AuthContext plain = AuthContext.builder("alice").build();
		AuthContext red = AuthContext.builder("alice").claim("email", "a@example.com").claim("team", "red").build();
		AuthContext redAgain = AuthContext.builder("alice")
			.claim("team", "red")
			.claim("email", "b@example.com")
			.build();
		AuthContext blue = AuthContext.builder("alice").claim("team", "blue").build();
		AuthContext both = AuthContext.builder("alice").claim("team", "red").claim("team", "blue").build();
		for (AuthContext caller : List.of(plain, red, redAgain, blue, both, plain, red, blue, both)) {
			teams.checkPermission(new PermissionCheckRequest(caller, "doc:read", null, null));
		}

		assertThat(this.calls).hasValue(4);
	}

	@Test
	void anUncacheableCheckerIsNotWrapped() {
		CountingPermissions permissions = new CountingPermissions(DecisionInputs.uncacheable());
		CountingRelations relations = new CountingRelations(DecisionInputs.uncacheable());
		PolicyEvaluator policies = new UncacheablePolicies();

		assertThat(CachingCheckers.permission(permissions, this.cache)).isSameAs(permissions);
		assertThat(CachingCheckers.relation(relations, this.cache)).isSameAs(relations);
		assertThat(CachingCheckers.policy(policies, this.cache)).isSameAs(policies);
	}

	@Test
	void aCheckerThatDeclaresNullInputsIsRefused() {
		assertThatNullPointerException()
			.isThrownBy(() -> CachingCheckers.permission(new CountingPermissions(null), this.cache))
			.withMessageContaining("decisionInputs() must not return null");
	}

	@Test
	void inputsValidateAndMergeClaimNames() {
		assertThat(DecisionInputs.identity().withClaims("a").withClaims(List.of("b", "a")).claims())
			.containsExactly("a", "b");
		assertThat(DecisionInputs.identity().withRoles().withScopes().withDelegationChain())
			.isEqualTo(new DecisionInputs(true, true, true, false, List.of(), true));
		assertThatIllegalArgumentException().isThrownBy(() -> DecisionInputs.identity().withClaims(" "));
		assertThat(DecisionInputs.everything().allClaims()).isTrue();
		assertThat(DecisionInputs.uncacheable().cacheable()).isFalse();
	}

	@Test
	void theBuiltInCheckersDeclareWhatTheyRead() {
		PermissionGrants grants = new PermissionGrants(Map.of("admin", List.of("documents:delete")), "perms");
		PolicyRule byDepartment = new PolicyRule("finance", "reports", "read", PolicyRule.Effect.ALLOW, List.of(),
				List.of(), List.of(), Map.of("department", "finance"));
		PolicyRule byPermission = new PolicyRule("closers", "ledger", "close", PolicyRule.Effect.ALLOW, List.of(),
				List.of(), List.of("ledger:close"), Map.of());

		assertThat(new RolePermissionChecker(grants).decisionInputs())
			.isEqualTo(DecisionInputs.identity().withRoles().withClaims("perms"));
		assertThat(new DeclarativePolicyEvaluator(List.of(byDepartment, byPermission), grants).decisionInputs())
			.isEqualTo(DecisionInputs.identity().withRoles().withScopes().withClaims("department", "perms"));
		assertThat(new InMemoryRelationChecker(new InMemoryRelationStore()).decisionInputs())
			.isEqualTo(DecisionInputs.identity());
	}

	@Test
	void aKeyShowsNoClaimValue() {
		AuthContext caller = AuthContext.builder("alice").roles("admin").claim("email", "alice@example.com").build();
		DecisionKey key = DecisionKey.of(caller, AuthRequirementKind.PERMISSION, "doc:read", null, null, null);

		assertThat(key.claims()).isEqualTo(caller.claims());
		assertThat(key.roles()).isEqualTo(List.of("admin")).hasSameHashCodeAs(List.of("admin"));
		assertThat(key.toString()).contains("alice").contains("doc:read").doesNotContain("alice@example.com");
	}

	private AuthorizationDecision check(AuthContext context, String resource) {
		return this.permissions.checkPermission(new PermissionCheckRequest(context, "doc:read", resource, null));
	}

	private static AuthContext alice(String token) {
		return AuthContext.builder("alice")
			.issuer("https://idp")
			.roles("editor")
			.credentialCarrier(new CredentialCarrier(CredentialCarrierKind.BEARER_TOKEN,
					CredentialCarrierLocation.AUTHORIZATION_HEADER, token, "Authorization", "Bearer"))
			.build();
	}

	private final class CountingPermissions implements PermissionChecker, DeclaresDecisionInputs {

		private final @Nullable DecisionInputs inputs;

		CountingPermissions(@Nullable DecisionInputs inputs) {
			this.inputs = inputs;
		}

		@Override
		public AuthorizationDecision checkPermission(PermissionCheckRequest request) {
			CachingCheckersTests.this.calls.incrementAndGet();
			return AuthorizationDecision.allow();
		}

		@Override
		@SuppressWarnings("NullAway")
		public DecisionInputs decisionInputs() {
			return this.inputs;
		}

	}

	private final class CountingRelations implements RelationChecker, DeclaresDecisionInputs {

		private final DecisionInputs inputs;

		CountingRelations(DecisionInputs inputs) {
			this.inputs = inputs;
		}

		@Override
		public AuthorizationDecision checkRelation(RelationCheckRequest request) {
			CachingCheckersTests.this.calls.incrementAndGet();
			return AuthorizationDecision.allow();
		}

		@Override
		public DecisionInputs decisionInputs() {
			return this.inputs;
		}

	}

	private static final class UncacheablePolicies implements PolicyEvaluator, DeclaresDecisionInputs {

		@Override
		public AuthorizationDecision evaluatePolicy(AuthorizationRequest request) {
			return AuthorizationDecision.allow();
		}

		@Override
		public DecisionInputs decisionInputs() {
			return DecisionInputs.uncacheable();
		}

	}

}
