package dev.gatehouse.auth.enforcement;

import dev.gatehouse.auth.annotation.RequirePermission;
import dev.gatehouse.auth.annotation.RequirePolicy;
import dev.gatehouse.auth.annotation.RequireRelation;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.annotation.RequireScope;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;
import dev.gatehouse.auth.decision.AuthRequirementDeniedException;
import dev.gatehouse.auth.decision.AuthRequirementProviderUnavailableException;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.PermissionChecker;
import dev.gatehouse.auth.spi.RoleChecker;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.gatehouse.auth.enforcement.AuthorizationEnforcementIntegrationTests.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A protected method never runs when its requirement cannot be decided: no checker, more
 * than one checker, a checker that throws or one that returns {@code null}. Exercised
 * through the auto-configured proxy.
 */
class FailClosedEnforcementTests {

	private static final AuthContext ADMIN = AuthContext.builder("alice").roles("admin").scopes("read").build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GatehouseAutoConfiguration.class, AopAutoConfiguration.class))
		.withUserConfiguration(GuardedServiceConfiguration.class);

	@Test
	void refusesPermissionWhenNoPermissionCheckerExists() {
		this.contextRunner.run((context) -> {
			GuardedService service = context.getBean(GuardedService.class);
			try (AuthContextScope scope = AuthContextHolder.open(ADMIN)) {
				assertThatExceptionOfType(AuthRequirementProviderUnavailableException.class).isThrownBy(service::delete)
					.withMessageContaining("PermissionChecker")
					.satisfies((ex) -> {
						assertThat(ex.decision().state()).isEqualTo(AuthorizationDecisionState.ERROR);
						assertThat(ex.decision().reasonCode())
							.isEqualTo(AuthorizationReasonCode.VERIFICATION_PROVIDER_UNAVAILABLE);
					});
			}
			assertThat(context.getBean(Invocations.class).names).isEmpty();
		});
	}

	@Test
	void refusesRelationWhenNoRelationCheckerExists() {
		this.contextRunner.run((context) -> {
			GuardedService service = context.getBean(GuardedService.class);
			try (AuthContextScope scope = AuthContextHolder.open(ADMIN)) {
				assertRefused(service::share, AuthRequirementProviderUnavailableException.class,
						AuthorizationDecisionState.ERROR, AuthorizationReasonCode.VERIFICATION_PROVIDER_UNAVAILABLE);
			}
			assertThat(context.getBean(Invocations.class).names).isEmpty();
		});
	}

	@Test
	void refusesPolicyWhenNoPolicyEvaluatorExists() {
		this.contextRunner.run((context) -> {
			GuardedService service = context.getBean(GuardedService.class);
			try (AuthContextScope scope = AuthContextHolder.open(ADMIN)) {
				assertRefused(service::publish, AuthRequirementProviderUnavailableException.class,
						AuthorizationDecisionState.ERROR, AuthorizationReasonCode.VERIFICATION_PROVIDER_UNAVAILABLE);
			}
			assertThat(context.getBean(Invocations.class).names).isEmpty();
		});
	}

	@Test
	void refusesRoleWhenDefaultRoleCheckerIsSwitchedOffAndNoneIsDefined() {
		this.contextRunner.withPropertyValues("gatehouse.checkers.context-roles=false").run((context) -> {
			assertThat(context).doesNotHaveBean(RoleChecker.class);
			GuardedService service = context.getBean(GuardedService.class);
			try (AuthContextScope scope = AuthContextHolder.open(ADMIN)) {
				assertRefused(service::archive, AuthRequirementProviderUnavailableException.class,
						AuthorizationDecisionState.ERROR, AuthorizationReasonCode.VERIFICATION_PROVIDER_UNAVAILABLE);
			}
			assertThat(context.getBean(Invocations.class).names).isEmpty();
		});
	}

	@Test
	void refusesScopeWhenDefaultScopeCheckerIsSwitchedOffAndNoneIsDefined() {
		this.contextRunner.withPropertyValues("gatehouse.checkers.context-scopes=false").run((context) -> {
			GuardedService service = context.getBean(GuardedService.class);
			try (AuthContextScope scope = AuthContextHolder.open(ADMIN)) {
				assertRefused(service::read, AuthRequirementProviderUnavailableException.class,
						AuthorizationDecisionState.ERROR, AuthorizationReasonCode.VERIFICATION_PROVIDER_UNAVAILABLE);
			}
			assertThat(context.getBean(Invocations.class).names).isEmpty();
		});
	}

	@Test
	void refusesRoleWhenTwoRoleCheckersExistAndAsksNeither() {
		this.contextRunner.withUserConfiguration(TwoRoleCheckersConfiguration.class).run((context) -> {
			assertThat(context).getBeans(RoleChecker.class).hasSize(2);
			GuardedService service = context.getBean(GuardedService.class);
			try (AuthContextScope scope = AuthContextHolder.open(ADMIN)) {
				assertRefused(service::archive, AuthRequirementProviderUnavailableException.class,
						AuthorizationDecisionState.ERROR, AuthorizationReasonCode.VERIFICATION_PROVIDER_UNAVAILABLE);
			}
			assertThat(context.getBean(Invocations.class).names).isEmpty();
		});
	}

	@Test
	void refusesWithInternalErrorWhenCheckerThrowsAndKeepsCauseOutOfMessage() {
		IllegalStateException failure = new IllegalStateException("db password is hunter2");
		this.contextRunner.withBean(PermissionChecker.class, () -> (request) -> {
			throw failure;
		}).run((context) -> {
			GuardedService service = context.getBean(GuardedService.class);
			try (AuthContextScope scope = AuthContextHolder.open(ADMIN)) {
				assertThatExceptionOfType(AuthRequirementDeniedException.class).isThrownBy(service::delete)
					.satisfies((ex) -> {
						assertThat(ex.decision().state()).isEqualTo(AuthorizationDecisionState.ERROR);
						assertThat(ex.decision().reasonCode()).isEqualTo(AuthorizationReasonCode.INTERNAL_ERROR);
						assertThat(ex.getCause()).isSameAs(failure);
						assertThat(ex.getMessage()).isNotBlank().doesNotContain("hunter2");
						assertThat(ex.decision().reason()).doesNotContain("hunter2");
					});
			}
			assertThat(context.getBean(Invocations.class).names).isEmpty();
		});
	}

	@Test
	void refusesWithInternalErrorWhenCheckerReturnsNull() {
		this.contextRunner.withBean(PermissionChecker.class, () -> (request) -> null).run((context) -> {
			GuardedService service = context.getBean(GuardedService.class);
			try (AuthContextScope scope = AuthContextHolder.open(ADMIN)) {
				assertRefused(service::delete, AuthRequirementDeniedException.class, AuthorizationDecisionState.ERROR,
						AuthorizationReasonCode.INTERNAL_ERROR);
			}
			assertThat(context.getBean(Invocations.class).names).isEmpty();
		});
	}

	@Test
	void propagatesAuthExceptionThrownByCheckerUnchanged() {
		AuthRequirementDeniedException refusal = new AuthRequirementDeniedException(
				AuthorizationDecision.challenge(AuthorizationReasonCode.EXPIRED_CREDENTIAL, "Log in again."));
		this.contextRunner.withBean(PermissionChecker.class, () -> (request) -> {
			throw refusal;
		}).run((context) -> {
			GuardedService service = context.getBean(GuardedService.class);
			try (AuthContextScope scope = AuthContextHolder.open(ADMIN)) {
				assertThatExceptionOfType(AuthRequirementDeniedException.class).isThrownBy(service::delete)
					.isSameAs(refusal);
			}
			assertThat(context.getBean(Invocations.class).names).isEmpty();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class GuardedServiceConfiguration {

		@Bean
		Invocations invocations() {
			return new Invocations();
		}

		@Bean
		GuardedService guardedService(Invocations invocations) {
			return new GuardedService(invocations);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoRoleCheckersConfiguration {

		@Bean
		RoleChecker firstRoleChecker(Invocations invocations) {
			return (request) -> {
				invocations.record("firstRoleChecker");
				return AuthorizationDecision.allow();
			};
		}

		@Bean
		RoleChecker secondRoleChecker(Invocations invocations) {
			return (request) -> {
				invocations.record("secondRoleChecker");
				return AuthorizationDecision.allow();
			};
		}

	}

	static class GuardedService {

		private final Invocations invocations;

		GuardedService(Invocations invocations) {
			this.invocations = invocations;
		}

		@RequireRole("admin")
		public String archive() {
			this.invocations.record("archive");
			return "archived";
		}

		@RequireScope("read")
		public String read() {
			this.invocations.record("read");
			return "read";
		}

		@RequirePermission("documents:delete")
		public String delete() {
			this.invocations.record("delete");
			return "deleted";
		}

		@RequireRelation(value = "owner", resource = "document:42")
		public String share() {
			this.invocations.record("share");
			return "shared";
		}

		@RequirePolicy(resource = "documents", action = "publish")
		public String publish() {
			this.invocations.record("publish");
			return "published";
		}

	}

}
