package dev.gatehouse.auth.enforcement;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextNotFoundException;
import dev.gatehouse.auth.decision.AuthRequirementDeniedException;
import dev.gatehouse.auth.decision.AuthRequirementProviderUnavailableException;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.metadata.AuthRequirement;
import dev.gatehouse.auth.metadata.EffectiveAuthMetadata;
import dev.gatehouse.auth.spi.PermissionChecker;
import dev.gatehouse.auth.spi.PolicyEvaluator;
import dev.gatehouse.auth.spi.RelationChecker;
import dev.gatehouse.auth.spi.RoleChecker;
import dev.gatehouse.auth.spi.ScopeChecker;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The evaluator on its own: requirement order, short-circuit on the first refusal, and
 * fail-closed handling of missing, throwing and {@code null}-returning ports.
 */
class AuthRequirementEvaluatorTests {

	private static final AuthContext CALLER = AuthContext.builder("alice").build();

	private static final AuthorizationDecision NO_SCOPE = AuthorizationDecision
		.deny(AuthorizationReasonCode.INSUFFICIENT_SCOPE, "Scope missing.");

	private final Invocations invocations = new Invocations();

	private final RoleChecker allowingRoles = (request) -> {
		this.invocations.record("role:" + request.role());
		return AuthorizationDecision.allow();
	};

	private final ScopeChecker denyingScopes = (request) -> {
		this.invocations.record("scope:" + request.scope());
		return NO_SCOPE;
	};

	private final PermissionChecker allowingPermissions = (request) -> {
		this.invocations.record("permission:" + request.permission());
		return AuthorizationDecision.allow();
	};

	@Test
	void challengesWhenNoContextIsBoundWithoutAskingAnyChecker() {
		AuthRequirementEvaluator evaluator = evaluator(this.allowingRoles, this.denyingScopes,
				this.allowingPermissions);
		assertThatExceptionOfType(AuthContextNotFoundException.class)
			.isThrownBy(() -> evaluator.enforce(metadata(AuthRequirement.role("admin", null)), null))
			.satisfies((ex) -> {
				assertThat(ex.decision().state()).isEqualTo(AuthorizationDecisionState.CHALLENGE);
				assertThat(ex.decision().reasonCode()).isEqualTo(AuthorizationReasonCode.MISSING_CREDENTIAL);
			});
		assertThat(this.invocations.names).isEmpty();
	}

	@Test
	void asksCheckersInRequirementOrderAndStopsAtFirstRefusal() {
		AuthRequirementEvaluator evaluator = evaluator(this.allowingRoles, this.denyingScopes,
				this.allowingPermissions);
		EffectiveAuthMetadata metadata = metadata(AuthRequirement.role("admin", null),
				AuthRequirement.role("auditor", null), AuthRequirement.scope("read"),
				AuthRequirement.permission("documents:delete", null, null));
		assertThatExceptionOfType(AuthRequirementDeniedException.class)
			.isThrownBy(() -> evaluator.enforce(metadata, CALLER))
			.satisfies((ex) -> assertThat(ex.decision()).isSameAs(NO_SCOPE));
		assertThat(this.invocations.names).containsExactly("role:admin", "role:auditor", "scope:read");
	}

	@Test
	void allowsWhenEveryRequirementAllows() {
		AuthRequirementEvaluator evaluator = evaluator(this.allowingRoles, this.denyingScopes,
				this.allowingPermissions);
		evaluator.enforce(metadata(AuthRequirement.role("admin", null),
				AuthRequirement.permission("documents:delete", null, null)), CALLER);
		assertThat(this.invocations.names).containsExactly("role:admin", "permission:documents:delete");
	}

	@Test
	void looksUpOnlyThePortsTheRequirementsNeed() {
		CountingSupplier<PermissionChecker> permissions = new CountingSupplier<>(this.allowingPermissions);
		AuthRequirementEvaluator evaluator = new AuthRequirementEvaluator(() -> this.allowingRoles,
				() -> this.denyingScopes, permissions, () -> null, () -> null);
		evaluator.enforce(metadata(AuthRequirement.role("admin", null)), CALLER);
		assertThat(permissions.calls.get()).isZero();
	}

	@Test
	void looksUpAPortOnceAndReusesIt() {
		CountingSupplier<RoleChecker> roles = new CountingSupplier<>(this.allowingRoles);
		AuthRequirementEvaluator evaluator = new AuthRequirementEvaluator(roles, () -> null, () -> null, () -> null,
				() -> null);
		for (int i = 0; i < 3; i++) {
			evaluator.enforce(metadata(AuthRequirement.role("admin", null)), CALLER);
		}
		assertThat(roles.calls.get()).isOne();
		assertThat(this.invocations.count("role:admin")).isEqualTo(3);
	}

	@Test
	void refusesWithProviderUnavailableNamingTheMissingPort() {
		AuthRequirementEvaluator evaluator = new AuthRequirementEvaluator(() -> null, () -> null, () -> null,
				() -> null, () -> null);
		List<AuthRequirement> requirements = List.of(AuthRequirement.role("admin", null), AuthRequirement.scope("read"),
				AuthRequirement.permission("documents:delete", null, null),
				AuthRequirement.relation("owner", "document:42", null),
				AuthRequirement.policy("documents", "publish", null));
		List<String> ports = List.of("RoleChecker", "ScopeChecker", "PermissionChecker", "RelationChecker",
				"PolicyEvaluator");
		for (int i = 0; i < requirements.size(); i++) {
			EffectiveAuthMetadata metadata = metadata(requirements.get(i));
			assertThatExceptionOfType(AuthRequirementProviderUnavailableException.class)
				.isThrownBy(() -> evaluator.enforce(metadata, CALLER))
				.withMessageContaining("No single " + ports.get(i))
				.satisfies((ex) -> {
					assertThat(ex.decision().state()).isEqualTo(AuthorizationDecisionState.ERROR);
					assertThat(ex.decision().reasonCode())
						.isEqualTo(AuthorizationReasonCode.VERIFICATION_PROVIDER_UNAVAILABLE);
				});
		}
	}

	@Test
	void refusesWithInternalErrorKeepingCauseWhenCheckerThrows() {
		RuntimeException failure = new IllegalArgumentException("ldap://admin:s3cret@directory unreachable");
		RelationChecker throwing = (request) -> {
			throw failure;
		};
		AuthRequirementEvaluator evaluator = new AuthRequirementEvaluator(() -> null, () -> null, () -> null,
				() -> throwing, () -> null);
		assertThatExceptionOfType(AuthRequirementDeniedException.class)
			.isThrownBy(
					() -> evaluator.enforce(metadata(AuthRequirement.relation("owner", "document:42", null)), CALLER))
			.satisfies((ex) -> {
				assertThat(ex.decision().state()).isEqualTo(AuthorizationDecisionState.ERROR);
				assertThat(ex.decision().reasonCode()).isEqualTo(AuthorizationReasonCode.INTERNAL_ERROR);
				assertThat(ex.getCause()).isSameAs(failure);
				assertThat(ex.getMessage()).doesNotContain("s3cret").doesNotContain("ldap://");
			});
	}

	@Test
	void refusesWithInternalErrorWhenCheckerReturnsNull() {
		PolicyEvaluator returningNull = (request) -> null;
		AuthRequirementEvaluator evaluator = new AuthRequirementEvaluator(() -> null, () -> null, () -> null,
				() -> null, () -> returningNull);
		assertThatExceptionOfType(AuthRequirementDeniedException.class)
			.isThrownBy(() -> evaluator.enforce(metadata(AuthRequirement.policy("documents", "publish", null)), CALLER))
			.satisfies((ex) -> {
				assertThat(ex.decision().state()).isEqualTo(AuthorizationDecisionState.ERROR);
				assertThat(ex.decision().reasonCode()).isEqualTo(AuthorizationReasonCode.INTERNAL_ERROR);
				assertThat(ex.getCause()).isNull();
			});
	}

	@Test
	void passesAuthExceptionFromCheckerThroughUnchanged() {
		AuthContextNotFoundException refusal = new AuthContextNotFoundException("Session ended.");
		RoleChecker throwing = (request) -> {
			throw refusal;
		};
		AuthRequirementEvaluator evaluator = new AuthRequirementEvaluator(() -> throwing, () -> null, () -> null,
				() -> null, () -> null);
		assertThatExceptionOfType(AuthContextNotFoundException.class)
			.isThrownBy(() -> evaluator.enforce(metadata(AuthRequirement.role("admin", null)), CALLER))
			.isSameAs(refusal);
	}

	@Test
	void needsNoContextForBoundariesWithoutRequirements() {
		CountingSupplier<RoleChecker> roles = new CountingSupplier<>(this.allowingRoles);
		AuthRequirementEvaluator evaluator = new AuthRequirementEvaluator(roles, () -> null, () -> null, () -> null,
				() -> null);
		// Public and undecorated code must never be refused for lacking a context.
		evaluator.enforce(EffectiveAuthMetadata.PUBLIC, null);
		evaluator.enforce(EffectiveAuthMetadata.NONE, null);
		assertThat(roles.calls.get()).isZero();
	}

	private AuthRequirementEvaluator evaluator(RoleChecker roles, ScopeChecker scopes, PermissionChecker permissions) {
		return new AuthRequirementEvaluator(() -> roles, () -> scopes, () -> permissions, () -> null, () -> null);
	}

	private static EffectiveAuthMetadata metadata(AuthRequirement... requirements) {
		List<AuthRequirement> all = new ArrayList<>();
		all.add(AuthRequirement.authenticated());
		all.addAll(List.of(requirements));
		return new EffectiveAuthMetadata(false, all);
	}

	private static final class CountingSupplier<T> implements Supplier<@Nullable T> {

		private final AtomicInteger calls = new AtomicInteger();

		private final T value;

		CountingSupplier(T value) {
			this.value = value;
		}

		@Override
		public T get() {
			this.calls.incrementAndGet();
			return this.value;
		}

	}

}
