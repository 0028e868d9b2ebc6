package dev.gatehouse.auth.authzen;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.AuthorizationRequest;
import dev.gatehouse.auth.spi.PermissionCheckRequest;
import dev.gatehouse.auth.spi.RelationCheckRequest;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three port beans over one engine: each asks about one requirement when called on
 * its own, and all report the same engine so that a boundary's requirements go in one
 * request.
 */
class AuthZenPortTests {

	private static final AuthContext BOB = AuthContext.builder("bob").roles("editor").build();

	@Test
	void eachPortAsksTheEngineAboutOneRequirementAndTheyShareTheEngine() throws IOException {
		try (StubPdp pdp = new StubPdp()) {
			pdp.answer("/access/v1/evaluation", 200, "{\"decision\":false}");
			AuthZenDecider decider = new AuthZenDecider(
					new AuthZenClient(new AuthZenClient.Settings(pdp.baseUrl(), false, Duration.ofSeconds(1), Map.of(),
							5, Duration.ofSeconds(1)), ObservationRegistry.NOOP),
					new DefaultAuthZenRequestMapper(AuthZenProfile.STANDARD, "user", List.of()), List.of(), null);
			AuthZenRelationChecker relations = new AuthZenRelationChecker(decider);
			AuthZenPolicyEvaluator policies = new AuthZenPolicyEvaluator(decider);
			AuthZenPermissionChecker permissions = new AuthZenPermissionChecker(decider);

			assertThat(
					relations.checkRelation(new RelationCheckRequest(BOB, "editor", "document:1", null)).reasonCode())
				.isEqualTo(AuthorizationReasonCode.RELATION_DENIED);
			assertThat(policies.evaluatePolicy(new AuthorizationRequest(BOB, "report:acme", "read", null)).reasonCode())
				.isEqualTo(AuthorizationReasonCode.POLICY_DENIED);
			assertThat(permissions.checkPermission(new PermissionCheckRequest(BOB, "documents:read", null, null))
				.reasonCode()).isEqualTo(AuthorizationReasonCode.INSUFFICIENT_PERMISSION);
			assertThat(pdp.requestsTo("/access/v1/evaluation")).hasSize(3);
			// A call outside a boundary names no boundary.
			assertThat(pdp.requests.get(0).body()).contains("\"boundary\":\"unknown\"");

			assertThat(relations.engine()).isSameAs(decider).isSameAs(policies.engine()).isSameAs(permissions.engine());
			assertThat(relations.decideAll(List.of(new RelationCheckRequest(BOB, "viewer", "document:1", null)),
					dev.gatehouse.auth.spi.AuthorizationCall.unknown()))
				.extracting(AuthorizationDecision::reasonCode)
				.containsExactly(AuthorizationReasonCode.RELATION_DENIED);
			assertThat(relations.toString()).startsWith("AuthZenRelationChecker[AuthZenDecider[");
		}
	}

}
