package dev.gatehouse.benchmarks.enforcement;

import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextNotFoundException;
import dev.gatehouse.auth.context.AuthContextScope;
import dev.gatehouse.auth.decision.AuthRequirementDeniedException;
import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.enforcement.AuthorizationAdvisor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.Advised;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Gatehouse benchmarks measure real enforcement: the proxy carries Gatehouse's
 * advisor alone, the bound caller is allowed or refused as the annotations say, and
 * without a context every call is refused.
 */
class GatehouseStackTests {

	private final GatehouseStack stack = new GatehouseStack();

	private final GatehouseCaller caller = new GatehouseCaller();

	private final EnforcementBenchmarks benchmarks = new EnforcementBenchmarks();

	@BeforeEach
	void start() {
		this.stack.start();
		this.caller.bind();
	}

	@AfterEach
	void stop() {
		this.caller.unbind();
		this.stack.stop();
	}

	@Test
	void proxiesTheServiceWithGatehousesAdvisorAlone() {
		assertThat(((Advised) this.stack.orders).getAdvisors()).singleElement()
			.isInstanceOf(AuthorizationAdvisor.class);
	}

	@Test
	void allowsTheRoleRequirement() {
		assertThat(this.benchmarks.gatehouseRoleAllowed(this.stack, this.caller)).isEqualTo("order-42");
	}

	@Test
	void allowsTheRoleAndScopeRequirements() {
		assertThat(this.benchmarks.gatehouseRoleAndScopeAllowed(this.stack, this.caller)).isEqualTo("order-42");
	}

	@Test
	void returnsTheRefusalOfTheMissingRole() {
		assertThat(this.benchmarks.gatehouseDenied(this.stack, this.caller))
			.isInstanceOfSatisfying(AuthRequirementDeniedException.class, (ex) -> {
				assertThat(ex.decision().state()).isEqualTo(AuthorizationDecisionState.DENY);
				assertThat(ex.decision().reasonCode()).isEqualTo(AuthorizationReasonCode.INSUFFICIENT_ROLE);
			});
	}

	@Test
	void refusesEveryCallWhenTheThreadHasNoContext() {
		try (AuthContextScope noContext = AuthContextHolder.open(null)) {
			assertThatExceptionOfType(AuthContextNotFoundException.class)
				.isThrownBy(() -> this.benchmarks.gatehouseRoleAllowed(this.stack, this.caller));
			assertThatExceptionOfType(AuthContextNotFoundException.class)
				.isThrownBy(() -> this.benchmarks.gatehouseDenied(this.stack, this.caller));
		}
	}

}
