package dev.gatehouse.auth.authzen;

import java.io.IOException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.gatehouse.auth.cache.CaffeineAuthDecisionCache;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.AuthorizationCall;
import dev.gatehouse.auth.spi.AuthorizationRequest;
import dev.gatehouse.auth.spi.DecisionRequest;
import dev.gatehouse.auth.spi.PermissionCheckRequest;
import dev.gatehouse.auth.spi.RelationCheckRequest;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decider between the ports and the client: the default mapping, the reason codes,
 * customizers, the decision cache's key and what is never cached.
 */
class AuthZenDeciderTests {

	private static final AuthContext BOB = AuthContext.builder("bob")
		.issuer("https://idp.example")
		.tenant("acme")
		.roles("editor")
		.scopes("documents:write")
		.claim("department", "sales")
		.claim("secret-claim", "not sent")
		.correlationId("corr-9")
		.build();

	private static final Method UPDATE = method("update");

	private final JsonMapper json = JsonMapper.builder().build();

	private final StubPdp pdp = newStub();

	@AfterEach
	void stop() {
		this.pdp.close();
	}

	@Test
	void mapsARelationWithTheCerbosProfileAndTheSelectedClaims() {
		this.pdp.answer("/access/v1/evaluation", 200, "{\"decision\":true}");
		AuthZenDecider decider = decider(List.of(), null);

		List<AuthorizationDecision> decisions = decider
			.decideAll(List.of(new RelationCheckRequest(BOB, "editor", "document:42:v2", "acme")), call("42"));

		assertThat(decisions).containsExactly(AuthorizationDecision.allow());
		JsonNode body = this.json.readTree(this.pdp.requests.get(0).body());
		assertThat(body.at("/subject/type").stringValue()).isEqualTo("user");
		assertThat(body.at("/subject/id").stringValue()).isEqualTo("bob");
		assertThat(body.at("/subject/properties/roles/0").stringValue()).isEqualTo("editor");
		assertThat(body.at("/subject/properties/cerbos.roles/0").stringValue()).isEqualTo("editor");
		assertThat(body.at("/subject/properties/scopes/0").stringValue()).isEqualTo("documents:write");
		assertThat(body.at("/subject/properties/tenant").stringValue()).isEqualTo("acme");
		assertThat(body.at("/subject/properties/issuer").stringValue()).isEqualTo("https://idp.example");
		assertThat(body.at("/subject/properties/department").stringValue()).isEqualTo("sales");
		assertThat(body.at("/subject/properties/secret-claim").isMissingNode()).isTrue();
		assertThat(body.at("/action/name").stringValue()).isEqualTo("editor");
		// Split at the first colon only.
		assertThat(body.at("/resource/type").stringValue()).isEqualTo("document");
		assertThat(body.at("/resource/id").stringValue()).isEqualTo("42:v2");
		assertThat(body.at("/resource/properties/tenant").stringValue()).isEqualTo("acme");
		assertThat(body.at("/context/boundary").stringValue()).isEqualTo("AuthZenDeciderTests.update");
		assertThat(body.at("/context/correlation_id").stringValue()).isEqualTo("corr-9");
	}

	@Test
	void aRefusalCarriesTheRequirementsReasonCode() {
		this.pdp.answer("/access/v1/evaluation", 200, "{\"decision\":false}");
		AuthZenDecider decider = decider(List.of(), null);

		assertThat(decide(decider, new RelationCheckRequest(BOB, "editor", "document:1", null)).reasonCode())
			.isEqualTo(AuthorizationReasonCode.RELATION_DENIED);
		assertThat(decide(decider, new AuthorizationRequest(BOB, "report:acme", "read", null)).reasonCode())
			.isEqualTo(AuthorizationReasonCode.POLICY_DENIED);
		AuthorizationDecision permission = decide(decider,
				new PermissionCheckRequest(BOB, "documents:delete", null, null));
		assertThat(permission.state()).isEqualTo(AuthorizationDecisionState.DENY);
		assertThat(permission.reasonCode()).isEqualTo(AuthorizationReasonCode.INSUFFICIENT_PERMISSION);
		// A permission without a resource is asked about the permission itself.
		JsonNode body = this.json.readTree(this.pdp.requests.get(2).body());
		assertThat(body.at("/resource/type").stringValue()).isEqualTo("permission");
		assertThat(body.at("/resource/id").stringValue()).isEqualTo("documents:delete");
		assertThat(body.at("/action/name").stringValue()).isEqualTo("documents:delete");
	}

	@Test
	void anEngineThatCannotDecideIsDecisionProviderUnavailable() {
		this.pdp.answer("/access/v1/evaluation", 500, "{}");
		AuthZenDecider decider = decider(List.of(), null);

		AuthorizationDecision decision = decide(decider, new RelationCheckRequest(BOB, "editor", "document:1", null));

		assertThat(decision.state()).isEqualTo(AuthorizationDecisionState.ERROR);
		assertThat(decision.reasonCode()).isEqualTo(AuthorizationReasonCode.DECISION_PROVIDER_UNAVAILABLE);
	}

	@Test
	void aResolvedResourceThatIsNotTypeIdIsAnErrorAndSendsNothing() {
		AuthZenDecider decider = decider(List.of(), null);

		for (String resource : List.of("reports", ":42", "document:")) {
			AuthorizationDecision decision = decide(decider, new RelationCheckRequest(BOB, "editor", resource, null));
			assertThat(decision.state()).isEqualTo(AuthorizationDecisionState.ERROR);
			assertThat(decision.reasonCode()).isEqualTo(AuthorizationReasonCode.INTERNAL_ERROR);
		}
		assertThat(this.pdp.requests).isEmpty();
	}

	@Test
	void batchesAndStopsAtTheFirstUnsendableRequirement() {
		this.pdp.answer("/access/v1/evaluation", 200, "{\"decision\":true}");
		AuthZenDecider decider = decider(List.of(), null);

		List<AuthorizationDecision> decisions = decider
			.decideAll(List.of(new RelationCheckRequest(BOB, "editor", "document:1", null),
					new RelationCheckRequest(BOB, "editor", "nocolon", null),
					new RelationCheckRequest(BOB, "viewer", "document:2", null)), call("1"));

		assertThat(decisions).hasSize(2);
		assertThat(decisions.get(0)).isEqualTo(AuthorizationDecision.allow());
		assertThat(decisions.get(1).reasonCode()).isEqualTo(AuthorizationReasonCode.INTERNAL_ERROR);
		assertThat(this.pdp.requestsTo("/access/v1/evaluation")).hasSize(1);
	}

	@Test
	void customizersAddPropertiesThatTheEngineReceives() {
		this.pdp.answer("/access/v1/evaluation", 200, "{\"decision\":true}");
		AuthZenRequestCustomizer owner = (request, call, properties) -> properties
			.resource("owner", "owner-of-" + call.arguments()[0])
			.subject("department", "overridden")
			.context("channel", "web");

		decide(decider(List.of(owner), null), new RelationCheckRequest(BOB, "owner", "document:42", null));

		JsonNode body = this.json.readTree(this.pdp.requests.get(0).body());
		assertThat(body.at("/resource/properties/owner").stringValue()).isEqualTo("owner-of-42");
		assertThat(body.at("/subject/properties/department").stringValue()).isEqualTo("overridden");
		assertThat(body.at("/context/channel").stringValue()).isEqualTo("web");
		assertThat(body.at("/context/boundary").stringValue()).isEqualTo("AuthZenDeciderTests.update");
	}

	@Test
	void aCachedAllowIsNotReusedForTheSameSubjectWithOtherRoles() {
		this.pdp.answer("/access/v1/evaluation", 200, "{\"decision\":true}");
		AuthZenDecider decider = decider(List.of(), new CaffeineAuthDecisionCache(Duration.ofMinutes(1), 100));
		RelationCheckRequest asEditor = new RelationCheckRequest(BOB, "editor", "document:1", null);

		decide(decider, asEditor);
		decide(decider, asEditor);
		assertThat(this.pdp.requests).hasSize(1);

		AuthContext demoted = AuthContext.builder("bob")
			.issuer("https://idp.example")
			.tenant("acme")
			.roles("viewer")
			.scopes("documents:write")
			.claim("department", "sales")
			.claim("secret-claim", "not sent")
			.build();
		decide(decider, new RelationCheckRequest(demoted, "editor", "document:1", null));
		assertThat(this.pdp.requests).hasSize(2);
		// Another boundary is another input, too.
		decider.decideAll(List.of(asEditor), new AuthorizationCall(method("other"), new Object[] { "1" }));
		assertThat(this.pdp.requests).hasSize(3);
	}

	@Test
	void customizerPropertiesArePartOfTheKey() {
		this.pdp.answer("/access/v1/evaluation", 200, "{\"decision\":true}");
		AuthZenRequestCustomizer owner = (request, call, properties) -> properties.resource("owner",
				call.arguments()[0]);
		AuthZenDecider decider = decider(List.of(owner), new CaffeineAuthDecisionCache(Duration.ofMinutes(1), 100));
		RelationCheckRequest request = new RelationCheckRequest(BOB, "owner", "document:1", null);

		decider.decideAll(List.of(request), call("bob"));
		decider.decideAll(List.of(request), call("bob"));
		decider.decideAll(List.of(request), call("carol"));

		assertThat(this.pdp.requests).hasSize(2);
	}

	@Test
	void anErrorIsNeverCachedAndACachedRefusalAsksNothing() {
		this.pdp.answer("/access/v1/evaluation", 500, "{}");
		AuthZenDecider decider = decider(List.of(), new CaffeineAuthDecisionCache(Duration.ofMinutes(1), 100));
		RelationCheckRequest request = new RelationCheckRequest(BOB, "editor", "document:1", null);

		decide(decider, request);
		this.pdp.answer("/access/v1/evaluation", 200, "{\"decision\":false}");
		assertThat(decide(decider, request).reasonCode()).isEqualTo(AuthorizationReasonCode.RELATION_DENIED);
		assertThat(this.pdp.requests).hasSize(2);

		// The cached refusal decides a batch before the engine is needed.
		List<AuthorizationDecision> decisions = decider
			.decideAll(List.of(request, new RelationCheckRequest(BOB, "viewer", "document:1", null)), call("1"));
		assertThat(decisions).singleElement()
			.satisfies(
					(decision) -> assertThat(decision.reasonCode()).isEqualTo(AuthorizationReasonCode.RELATION_DENIED));
		assertThat(this.pdp.requests).hasSize(2);
	}

	@Test
	void cachedAndUncachedRequirementsOfABatchKeepTheirOrder() {
		this.pdp.answer("/access/v1/evaluation", 200, "{\"decision\":true}");
		this.pdp.answer("/access/v1/evaluations", 200, "{\"evaluations\":[{\"decision\":true},{\"decision\":false}]}");
		AuthZenDecider decider = decider(List.of(), new CaffeineAuthDecisionCache(Duration.ofMinutes(1), 100));
		RelationCheckRequest first = new RelationCheckRequest(BOB, "editor", "document:1", null);
		decide(decider, first);

		List<AuthorizationDecision> decisions = decider
			.decideAll(List.of(first, new RelationCheckRequest(BOB, "viewer", "document:2", null),
					new AuthorizationRequest(BOB, "report:acme", "read", "acme")), call("1"));

		assertThat(decisions).hasSize(3);
		assertThat(decisions.get(2).reasonCode()).isEqualTo(AuthorizationReasonCode.POLICY_DENIED);
		JsonNode batch = this.json.readTree(this.pdp.requestsTo("/access/v1/evaluations").get(0).body());
		assertThat(batch.get("evaluations").size()).isEqualTo(2);
	}

	@Test
	void aReplacedMapperIsKeyedByTheEvaluationItReturns() {
		this.pdp.answer("/access/v1/evaluation", 200, "{\"decision\":true}");
		DefaultAuthZenRequestMapper standard = new DefaultAuthZenRequestMapper(AuthZenProfile.STANDARD, "user",
				List.of());
		AuthZenRequestMapper byArgument = (request, call, boundary) -> {
			AuthZenEvaluation evaluation = standard.map(request, call, boundary);
			return new AuthZenEvaluation(evaluation.subject(), evaluation.action(), evaluation.resource(),
					Map.of("argument", call.arguments()[0]));
		};
		AuthZenDecider decider = new AuthZenDecider(client(), byArgument, List.of(),
				new CaffeineAuthDecisionCache(Duration.ofMinutes(1), 100));
		RelationCheckRequest request = new RelationCheckRequest(BOB, "editor", "document:1", null);

		decider.decideAll(List.of(request), call("a"));
		decider.decideAll(List.of(request), call("a"));
		decider.decideAll(List.of(request), call("b"));

		assertThat(this.pdp.requests).hasSize(2);
		assertThat(decider.toString()).contains("cached=true");
	}

	private AuthorizationDecision decide(AuthZenDecider decider, DecisionRequest request) {
		List<AuthorizationDecision> decisions = decider.decideAll(List.of(request), call("42"));
		assertThat(decisions).hasSize(1);
		return decisions.get(0);
	}

	private AuthZenDecider decider(List<AuthZenRequestCustomizer> customizers, CaffeineAuthDecisionCache cache) {
		return new AuthZenDecider(client(),
				new DefaultAuthZenRequestMapper(AuthZenProfile.CERBOS, "user", List.of("department")), customizers,
				cache);
	}

	private AuthZenClient client() {
		return new AuthZenClient(new AuthZenClient.Settings(this.pdp.baseUrl(), false, Duration.ofSeconds(1), Map.of(),
				100, Duration.ofSeconds(10)), ObservationRegistry.NOOP);
	}

	private static AuthorizationCall call(Object argument) {
		return new AuthorizationCall(UPDATE, new Object[] { argument });
	}

	private static Method method(String name) {
		try {
			return AuthZenDeciderTests.class.getDeclaredMethod(name, String.class);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	void update(String id) {
	}

	void other(String id) {
	}

	private static StubPdp newStub() {
		try {
			return new StubPdp();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
