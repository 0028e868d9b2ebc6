package dev.gatehouse.auth.enforcement;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import dev.gatehouse.auth.annotation.RequirePermission;
import dev.gatehouse.auth.annotation.RequirePolicy;
import dev.gatehouse.auth.annotation.RequireRelation;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;
import dev.gatehouse.auth.decision.AuthRequirementDeniedException;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.metadata.AuthMetadataResolver;
import dev.gatehouse.auth.metadata.ParameterInvocationResolver;
import dev.gatehouse.auth.spi.AuthorizationCall;
import dev.gatehouse.auth.spi.AuthorizationRequest;
import dev.gatehouse.auth.spi.BoundaryDecider;
import dev.gatehouse.auth.spi.DecisionRequest;
import dev.gatehouse.auth.spi.PermissionCheckRequest;
import dev.gatehouse.auth.spi.PermissionChecker;
import dev.gatehouse.auth.spi.PolicyEvaluator;
import dev.gatehouse.auth.spi.RelationCheckRequest;
import dev.gatehouse.auth.spi.RelationChecker;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Port beans that are {@link BoundaryDecider}s (a remote engine): every requirement of a
 * boundary that one engine backs is decided in one call, with the call's method and
 * arguments, and the outcome is still that of the first refused requirement in order.
 */
class BoundaryDeciderEnforcementTests {

	private static final AuthContext BOB = AuthContext.builder("bob").roles("editor").build();

	private static final AuthorizationDecision RELATION_DENIED = AuthorizationDecision
		.deny(AuthorizationReasonCode.RELATION_DENIED, "denied");

	private static final AuthorizationDecision POLICY_DENIED = AuthorizationDecision
		.deny(AuthorizationReasonCode.POLICY_DENIED, "denied");

	private final Invocations invocations = new Invocations();

	private final Engine engine = new Engine();

	private Function<List<DecisionRequest>, @Nullable List<AuthorizationDecision>> answers = Engine::allowAll;

	private AuthContextScope scope;

	@BeforeEach
	void bind() {
		this.scope = AuthContextHolder.open(BOB);
	}

	@AfterEach
	void close() {
		this.scope.close();
	}

	@Test
	void decidesAllRequirementsOfOneEngineInOneCallInOrderWithTheCall() {
		Documents documents = proxy(new EnginePort(this.engine), new EnginePort(this.engine),
				new EnginePort(this.engine));

		documents.editAndReport("42", "acme");

		assertThat(this.engine.calls).hasSize(1);
		Call call = this.engine.calls.get(0);
		assertThat(call.requests()).containsExactly(new RelationCheckRequest(BOB, "editor", "document:42", null),
				new RelationCheckRequest(BOB, "viewer", "folder:acme", null),
				new AuthorizationRequest(BOB, "report:acme", "read", "acme"));
		assertThat(call.call().method()).isNotNull();
		assertThat(call.call().method().getName()).isEqualTo("editAndReport");
		assertThat(call.call().arguments()).containsExactly("42", "acme");
		assertThat(this.invocations.names).containsExactly("editAndReport");
	}

	@Test
	void reportsTheFirstRefusalInOrderAndNeverRunsTheMethod() {
		this.answers = (requests) -> List.of(AuthorizationDecision.allow(), RELATION_DENIED, POLICY_DENIED);
		Documents documents = proxy(new EnginePort(this.engine), new EnginePort(this.engine), null);

		assertThatExceptionOfType(AuthRequirementDeniedException.class)
			.isThrownBy(() -> documents.editAndReport("42", "acme"))
			.satisfies((ex) -> assertThat(ex.decision()).isSameAs(RELATION_DENIED));
		assertThat(this.invocations.names).isEmpty();
	}

	@Test
	void acceptsAnAnswerThatStopsAtTheFirstRefusal() {
		this.answers = (requests) -> List.of(AuthorizationDecision.allow(), RELATION_DENIED);
		Documents documents = proxy(new EnginePort(this.engine), new EnginePort(this.engine), null);

		assertThatExceptionOfType(AuthRequirementDeniedException.class)
			.isThrownBy(() -> documents.editAndReport("42", "acme"))
			.satisfies((ex) -> assertThat(ex.decision()).isSameAs(RELATION_DENIED));
	}

	@Test
	void refusesAnAnswerThatStopsEarlyWithoutARefusal() {
		this.answers = (requests) -> List.of(AuthorizationDecision.allow(), AuthorizationDecision.allow());
		Documents documents = proxy(new EnginePort(this.engine), new EnginePort(this.engine), null);

		assertInternalError(() -> documents.editAndReport("42", "acme"));
		assertThat(this.invocations.names).isEmpty();
	}

	@Test
	void refusesAnAnswerWithMoreDecisionsThanAskedNoneOrNull() {
		Documents documents = proxy(new EnginePort(this.engine), new EnginePort(this.engine), null);
		this.answers = (requests) -> List.of(AuthorizationDecision.allow(), AuthorizationDecision.allow(),
				AuthorizationDecision.allow(), AuthorizationDecision.allow());
		assertInternalError(() -> documents.editAndReport("42", "acme"));
		this.answers = (requests) -> List.of();
		assertInternalError(() -> documents.editAndReport("42", "acme"));
		this.answers = (requests) -> null;
		assertInternalError(() -> documents.editAndReport("42", "acme"));
		List<AuthorizationDecision> withNull = new ArrayList<>();
		withNull.add(null);
		this.answers = (requests) -> withNull;
		assertInternalError(() -> documents.editAndReport("42", "acme"));
		this.answers = (requests) -> {
			throw new IllegalStateException("engine failed");
		};
		assertInternalError(() -> documents.editAndReport("42", "acme"));
		assertThat(this.invocations.names).isEmpty();
	}

	@Test
	void keepsTheEnginesOwnErrorDecision() {
		AuthorizationDecision unavailable = AuthorizationDecision
			.error(AuthorizationReasonCode.DECISION_PROVIDER_UNAVAILABLE, "down");
		this.answers = (requests) -> List.of(unavailable);
		Documents documents = proxy(new EnginePort(this.engine), new EnginePort(this.engine), null);

		assertThatExceptionOfType(AuthRequirementDeniedException.class)
			.isThrownBy(() -> documents.editAndReport("42", "acme"))
			.satisfies((ex) -> assertThat(ex.decision()).isSameAs(unavailable));
	}

	@Test
	void asksASingleRequirementAlone() {
		Documents documents = proxy(new EnginePort(this.engine), new EnginePort(this.engine), null);

		documents.edit("7");

		assertThat(this.engine.calls).singleElement()
			.satisfies((call) -> assertThat(call.requests())
				.containsExactly(new RelationCheckRequest(BOB, "editor", "document:7", null)));
	}

	@Test
	void localRequirementsKeepTheirPlaceAndTheirPorts() {
		// The relation is decided by the engine, the permission by a local checker that
		// is
		// not a BoundaryDecider, and the role by the context: each by its own port.
		List<PermissionCheckRequest> local = new CopyOnWriteArrayList<>();
		PermissionChecker permissions = (request) -> {
			local.add(request);
			return AuthorizationDecision.allow();
		};
		Documents documents = proxy(new EnginePort(this.engine), new EnginePort(this.engine), permissions);

		documents.editWithPermission("9");

		assertThat(local).containsExactly(new PermissionCheckRequest(BOB, "documents:write", null, null));
		assertThat(this.engine.calls).singleElement()
			.satisfies((call) -> assertThat(call.requests())
				.containsExactly(new RelationCheckRequest(BOB, "editor", "document:9", null)));
	}

	@Test
	void aRefusalBeforeTheEngineIsReachedAsksItNothing() {
		Documents documents = proxy(new EnginePort(this.engine), new EnginePort(this.engine), null);

		assertThatExceptionOfType(AuthRequirementDeniedException.class).isThrownBy(() -> documents.adminEdit("1"))
			.satisfies((ex) -> assertThat(ex.decision().reasonCode())
				.isEqualTo(AuthorizationReasonCode.INSUFFICIENT_ROLE));
		assertThat(this.engine.calls).isEmpty();
	}

	@Test
	void aLaterRequirementWithoutAValueIsLeftOutAndRefusedInItsTurn() {
		Documents documents = proxy(new EnginePort(this.engine), new EnginePort(this.engine), null);

		assertThatExceptionOfType(AuthRequirementDeniedException.class)
			.isThrownBy(() -> documents.editAndReport("42", null))
			.satisfies(
					(ex) -> assertThat(ex.decision().reasonCode()).isEqualTo(AuthorizationReasonCode.INTERNAL_ERROR));
		// Only the requirements that resolved were sent, in one call.
		assertThat(this.engine.calls).singleElement()
			.satisfies((call) -> assertThat(call.requests())
				.containsExactly(new RelationCheckRequest(BOB, "editor", "document:42", null)));
		assertThat(this.invocations.names).isEmpty();
	}

	@Test
	void portsOfDifferentEnginesAreAskedSeparately() {
		Engine other = new Engine();
		Documents documents = proxy(new EnginePort(this.engine), new EnginePort(other), null);

		documents.editAndReport("42", "acme");

		assertThat(this.engine.calls).singleElement().satisfies((call) -> assertThat(call.requests()).hasSize(2));
		assertThat(other.calls).singleElement()
			.satisfies((call) -> assertThat(call.requests())
				.containsExactly(new AuthorizationRequest(BOB, "report:acme", "read", "acme")));
	}

	@Test
	void enforcingWithoutAMethodDescribesTheCallAsUnknown() {
		AuthRequirementEvaluator evaluator = new AuthRequirementEvaluator(
				() -> (request) -> AuthorizationDecision.allow(), () -> null, () -> null,
				() -> new EnginePort(this.engine), () -> null);

		evaluator.enforce(
				new dev.gatehouse.auth.metadata.EffectiveAuthMetadata(false,
						List.of(dev.gatehouse.auth.metadata.AuthRequirement.relation("owner", "document:1", null))),
				BOB);

		assertThat(this.engine.calls).singleElement().satisfies((call) -> {
			assertThat(call.call().method()).isNull();
			assertThat(call.call().arguments()).isEmpty();
			assertThat(call.call()).hasToString("AuthorizationCall[unknown]");
		});
	}

	private void assertInternalError(Runnable call) {
		assertThatExceptionOfType(AuthRequirementDeniedException.class).isThrownBy(call::run).satisfies((ex) -> {
			assertThat(ex.decision().state()).isEqualTo(AuthorizationDecisionState.ERROR);
			assertThat(ex.decision().reasonCode()).isEqualTo(AuthorizationReasonCode.INTERNAL_ERROR);
		});
	}

	private Documents proxy(@Nullable RelationChecker relations, @Nullable PolicyEvaluator policies,
			@Nullable PermissionChecker permissions) {
		AuthRequirementEvaluator evaluator = new AuthRequirementEvaluator(
				() -> (request) -> request.context().roles().contains(request.role()) ? AuthorizationDecision.allow()
						: AuthorizationDecision.deny(AuthorizationReasonCode.INSUFFICIENT_ROLE, "no role"),
				() -> null, () -> permissions, () -> relations, () -> policies);
		ProxyFactory factory = new ProxyFactory(new Documents(this.invocations));
		factory.setProxyTargetClass(true);
		factory.addAdvice(new AuthorizationMethodInterceptor(
				new AuthMetadataResolver(new ParameterInvocationResolver()), () -> evaluator));
		return (Documents) factory.getProxy();
	}

	record Call(List<DecisionRequest> requests, AuthorizationCall call) {

	}

	final class Engine {

		final List<Call> calls = new CopyOnWriteArrayList<>();

		List<AuthorizationDecision> decide(List<DecisionRequest> requests, AuthorizationCall call) {
			this.calls.add(new Call(List.copyOf(requests), call));
			return BoundaryDeciderEnforcementTests.this.answers.apply(requests);
		}

		static List<AuthorizationDecision> allowAll(List<DecisionRequest> requests) {
			List<AuthorizationDecision> decisions = new ArrayList<>();
			requests.forEach((request) -> decisions.add(AuthorizationDecision.allow()));
			return decisions;
		}

	}

	/**
	 * A port bean of the engine, whichever port it is registered as; its record accessor
	 * {@code engine()} is the {@link BoundaryDecider#engine()} that groups requirements.
	 */
	record EnginePort(Engine engine) implements RelationChecker, PolicyEvaluator, PermissionChecker, BoundaryDecider {

		@Override
		public AuthorizationDecision checkRelation(RelationCheckRequest request) {
			throw new AssertionError("a boundary decider is asked through decideAll");
		}

		@Override
		public AuthorizationDecision evaluatePolicy(AuthorizationRequest request) {
			throw new AssertionError("a boundary decider is asked through decideAll");
		}

		@Override
		public AuthorizationDecision checkPermission(PermissionCheckRequest request) {
			throw new AssertionError("a boundary decider is asked through decideAll");
		}

		@Override
		public List<AuthorizationDecision> decideAll(List<DecisionRequest> requests, AuthorizationCall call) {
			return this.engine.decide(requests, call);
		}

	}

	static class Documents {

		private final Invocations invocations;

		Documents(Invocations invocations) {
			this.invocations = invocations;
		}

		@RequireRelation(value = "editor", resource = "document:{id}")
		@RequireRelation(value = "viewer", resource = "folder:{tenant}")
		@RequirePolicy(resource = "report:{tenant}", action = "read", tenant = "{tenant}")
		void editAndReport(String id, @Nullable String tenant) {
			this.invocations.record("editAndReport");
		}

		@RequireRelation(value = "editor", resource = "document:{id}")
		void edit(String id) {
			this.invocations.record("edit");
		}

		@RequirePermission("documents:write")
		@RequireRelation(value = "editor", resource = "document:{id}")
		void editWithPermission(String id) {
			this.invocations.record("editWithPermission");
		}

		@RequireRole("admin")
		@RequireRelation(value = "editor", resource = "document:{id}")
		void adminEdit(String id) {
			this.invocations.record("adminEdit");
		}

	}

}
