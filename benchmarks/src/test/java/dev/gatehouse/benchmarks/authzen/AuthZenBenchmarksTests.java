package dev.gatehouse.benchmarks.authzen;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import dev.gatehouse.auth.decision.AuthRequirementDeniedException;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The AuthZEN benchmarks measure real decisions: Cerbos allows the benchmarks' calls and
 * refuses others, the floor posts exactly the bytes Gatehouse sends and gets the same
 * answers, three requirements go out in one batch, and the cached benchmark hits the
 * cache (its endpoint is gone after warming).
 */
class AuthZenBenchmarksTests {

	private static final AuthZenStates.Pdp pdp = new AuthZenStates.Pdp();

	private final AuthZenBenchmarks benchmarks = new AuthZenBenchmarks();

	@BeforeAll
	static void startCerbos() {
		// The module's build installs the binary with npm; without it (-Dcerbos.skip)
		// there
		// is nothing to measure against.
		assumeTrue(Files.isExecutable(CerbosPdp.binary()), "no Cerbos binary at " + CerbosPdp.binary());
		pdp.start();
	}

	@AfterAll
	static void stopCerbos() {
		pdp.stop();
	}

	@Test
	void floorSendsGatehousesBytesAndCerbosAllows() {
		assertThat(new String(pdp.oneBody, StandardCharsets.UTF_8)).startsWith("{\"subject\":{\"type\":\"user\"")
			.contains("\"id\":\"alice\"", "\"action\":{\"name\":\"editor\"}",
					"\"resource\":{\"type\":\"document\",\"id\":\"2\"}", "\"cerbos.roles\":[\"USER\"]");
		assertThat(new String(this.benchmarks.floorOneEvaluation(pdp), StandardCharsets.UTF_8))
			.isEqualTo("{\"decision\":true}");
		assertThat(new String(pdp.threeBody, StandardCharsets.UTF_8)).startsWith("{\"evaluations\":[")
			.contains("\"name\":\"viewer\"", "\"type\":\"report\",\"id\":\"acme\"", "deny_on_first_deny");
		assertThat(new String(this.benchmarks.floorThreeEvaluations(pdp), StandardCharsets.UTF_8))
			.isEqualTo("{\"evaluations\":[{\"decision\":true}, {\"decision\":true}, {\"decision\":true}]}");
	}

	@Test
	void gatehouseIsAllowedByCerbosAndRefusedWhereCerbosRefuses() {
		assertThat(this.benchmarks.gatehouseOneRequirement(pdp)).isSameAs(pdp.caller);
		assertThat(this.benchmarks.gatehouseThreeRequirements(pdp)).isSameAs(pdp.caller);
		assertThatExceptionOfType(AuthRequirementDeniedException.class)
			.isThrownBy(() -> pdp.gatehouse.enforce(pdp.one, pdp.caller, new Object[] { "3" }))
			.satisfies(
					(ex) -> assertThat(ex.decision().reasonCode()).isEqualTo(AuthorizationReasonCode.RELATION_DENIED));
		assertThatExceptionOfType(AuthRequirementDeniedException.class)
			.isThrownBy(() -> pdp.gatehouse.enforce(pdp.three, pdp.caller, new Object[] { "2", "3", "globex" }))
			.satisfies((ex) -> assertThat(ex.decision().reasonCode()).isEqualTo(AuthorizationReasonCode.POLICY_DENIED));
	}

	@Test
	void cachedBenchmarkHitsTheCacheAndThePeerAllows() {
		AuthZenStates.Cached state = new AuthZenStates.Cached();
		state.warm();

		assertThat(this.benchmarks.cachedDecision(state)).isSameAs(state.caller);
		assertThat(this.benchmarks.noOpRelationChecker(state)).isSameAs(state.caller);
		// A miss would ask the recording endpoint, which is stopped: the call is refused.
		state.arguments = new Object[] { "4" };
		assertThatExceptionOfType(AuthRequirementDeniedException.class)
			.isThrownBy(() -> this.benchmarks.cachedDecision(state))
			.satisfies((ex) -> assertThat(ex.decision().reasonCode())
				.isEqualTo(AuthorizationReasonCode.DECISION_PROVIDER_UNAVAILABLE));
	}

}
