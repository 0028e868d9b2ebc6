package dev.gatehouse.benchmarks.references;

import dev.gatehouse.auth.decision.AuthRequirementDeniedException;
import dev.gatehouse.auth.enforcement.AuthorizationAdvisor;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.Advised;
import org.springframework.security.authorization.AuthorizationDeniedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The reference benchmarks measure real enforcement: the stacks allow the bound caller
 * and refuse a document the table does not grant, the policy benchmark is allowed by its
 * last rule, and the cache benchmark hits.
 */
class ReferenceBenchmarksTests {

	private final ReferenceBenchmarks benchmarks = new ReferenceBenchmarks();

	@Test
	void gatehouseStackEnforcesStaticAndPlaceholderReferences() {
		ReferenceStacks.Gatehouse stack = new ReferenceStacks.Gatehouse();
		ReferenceStacks.GatehouseCaller caller = new ReferenceStacks.GatehouseCaller();
		stack.start();
		try {
			assertThat(((Advised) stack.documents).getAdvisors()).singleElement()
				.isInstanceOf(AuthorizationAdvisor.class);
			assertThatExceptionOfType(dev.gatehouse.auth.context.AuthContextNotFoundException.class)
				.isThrownBy(() -> this.benchmarks.gatehousePlaceholder(stack, caller));
			caller.bind();
			try {
				assertThat(this.benchmarks.gatehouseStatic(stack, caller)).isEqualTo(42);
				assertThat(this.benchmarks.gatehousePlaceholder(stack, caller)).isEqualTo(42);
			}
			finally {
				caller.unbind();
			}
		}
		finally {
			stack.stop();
		}
	}

	@Test
	void springSecurityStackConsultsThePermissionEvaluator() {
		ReferenceStacks.SpringSecurity stack = new ReferenceStacks.SpringSecurity();
		ReferenceStacks.SpringSecurityCaller caller = new ReferenceStacks.SpringSecurityCaller();
		stack.start();
		caller.bind();
		try {
			assertThat(this.benchmarks.springHasPermission(stack, caller)).isEqualTo(42);
			org.springframework.security.core.context.SecurityContextHolder.getContext()
				.setAuthentication(org.springframework.security.authentication.UsernamePasswordAuthenticationToken
					.authenticated("someone-else", null, java.util.List.of()));
			assertThatExceptionOfType(AuthorizationDeniedException.class)
				.isThrownBy(() -> this.benchmarks.springHasPermission(stack, caller));
		}
		finally {
			caller.unbind();
			stack.stop();
		}
	}

	@Test
	void bareStackOnlyProceeds() {
		ReferenceStacks.Bare stack = new ReferenceStacks.Bare();
		stack.start();
		try {
			assertThat(this.benchmarks.baselineNoOpProxy(stack)).isEqualTo(42);
		}
		finally {
			stack.stop();
		}
	}

	@Test
	void policyBenchmarkIsAllowedByTheSameTenantRuleOnly() {
		DecisionStates.Policy policy = new DecisionStates.Policy();
		policy.compile();

		assertThat(this.benchmarks.policyFiftyRules(policy).isAllowed()).isTrue();
		policy.tenant = "globex";
		assertThat(this.benchmarks.policyFiftyRules(policy).isAllowed()).isFalse();
	}

	@Test
	void cacheBenchmarkHitsAfterTheFirstCall() {
		DecisionStates.Cached state = new DecisionStates.Cached();
		state.warm();

		assertThat(this.benchmarks.decisionCacheHit(state).isAllowed()).isTrue();
		assertThat(this.benchmarks.decisionCacheHit(state).isAllowed()).isTrue();
		assertThat(this.benchmarks.contextRoleCheck(state).isAllowed()).isTrue();
		state.resource = "doc:43";
		assertThat(this.benchmarks.decisionCacheHit(state).isAllowed()).isTrue();
	}

}
