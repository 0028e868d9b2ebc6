package dev.gatehouse.auth.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.context.CredentialCarrierLocation;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.AuthorizationRequest;
import dev.gatehouse.auth.spi.PermissionCheckRequest;
import dev.gatehouse.auth.spi.PermissionChecker;
import dev.gatehouse.auth.spi.PolicyEvaluator;
import dev.gatehouse.auth.spi.RelationCheckRequest;
import dev.gatehouse.auth.spi.RelationChecker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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

}
