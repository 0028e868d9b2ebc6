package dev.gatehouse.auth.autoconfigure.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.gatehouse.auth.annotation.PublicAccess;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.annotation.RequireScope;
import dev.gatehouse.auth.autoconfigure.startup.GatehouseStartupValidationAutoConfiguration;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextNotFoundException;
import dev.gatehouse.auth.context.AuthContextScope;
import dev.gatehouse.auth.context.AuthContextTaskDecorator;
import dev.gatehouse.auth.context.AuthSubject;
import dev.gatehouse.auth.decision.AuthRequirementDeniedException;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.enforcement.AuthRequirementEvaluator;
import dev.gatehouse.auth.enforcement.AuthorizationAdvisor;
import dev.gatehouse.auth.enforcement.AuthorizationAdvisorPositioner;
import dev.gatehouse.auth.enforcement.ContextRoleChecker;
import dev.gatehouse.auth.enforcement.ContextScopeChecker;
import dev.gatehouse.auth.metadata.AuthMetadataResolver;
import dev.gatehouse.auth.spi.RoleCheckRequest;
import dev.gatehouse.auth.spi.RoleChecker;
import dev.gatehouse.auth.spi.ScopeCheckRequest;
import dev.gatehouse.auth.spi.ScopeChecker;
import dev.gatehouse.auth.startup.AuthStartupCapabilityValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.aop.config.AopConfigUtils;
import org.springframework.aop.framework.ProxyConfig;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link GatehouseAutoConfiguration}: what it registers by default, how each part is
 * switched off or replaced, and that enforcement does not depend on Boot's AOP
 * auto-configuration.
 */
@ExtendWith(OutputCaptureExtension.class)
class GatehouseAutoConfigurationTests {

	private static final ThreadLocal<String> MARKER = new ThreadLocal<>();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GatehouseAutoConfiguration.class, AopAutoConfiguration.class));

	@Test
	void isRegisteredAsAutoConfiguration() {
		assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
			.contains(GatehouseAutoConfiguration.class.getName());
	}

	@Test
	void registersDefaultBeans() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(AuthMetadataResolver.class);
			assertThat(context).hasSingleBean(AuthorizationAdvisor.class);
			assertThat(context).hasSingleBean(AuthorizationAdvisorPositioner.class);
			assertThat(context).hasSingleBean(AuthRequirementEvaluator.class);
			assertThat(context).hasSingleBean(ContextRoleChecker.class);
			assertThat(context).hasSingleBean(ContextScopeChecker.class);
			assertThat(context).hasSingleBean(AuthContextTaskDecorator.class);
			assertThat(context).hasSingleBean(GatehouseProperties.class);
		});
	}

	@Test
	void registersNothingAndEnforcesNothingWhenDisabled() {
		this.contextRunner.withPropertyValues("gatehouse.enabled=false")
			.withUserConfiguration(GuardedServiceConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(AuthMetadataResolver.class);
				assertThat(context).doesNotHaveBean(AuthorizationAdvisor.class);
				assertThat(context).doesNotHaveBean(AuthorizationAdvisorPositioner.class);
				assertThat(context).doesNotHaveBean(AuthRequirementEvaluator.class);
				assertThat(context).doesNotHaveBean(ContextRoleChecker.class);
				assertThat(context).doesNotHaveBean(ContextScopeChecker.class);
				assertThat(context).doesNotHaveBean(AuthContextTaskDecorator.class);
				assertThat(context).doesNotHaveBean(GatehouseProperties.class);
				GuardedService service = context.getBean(GuardedService.class);
				assertThat(AopUtils.isAopProxy(service)).isFalse();
				assertThat(service.archive()).isEqualTo("archived");
			});
	}

	@Test
	void enforcesWhenEnabledExplicitly() {
		this.contextRunner.withPropertyValues("gatehouse.enabled=true")
			.withUserConfiguration(GuardedServiceConfiguration.class)
			.run((context) -> assertThatExceptionOfType(AuthContextNotFoundException.class)
				.isThrownBy(context.getBean(GuardedService.class)::archive));
	}

	@Test
	void applicationRoleCheckerReplacesDefault() {
		this.contextRunner.withUserConfiguration(GuardedServiceConfiguration.class, RecordingRoleChecker.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ContextRoleChecker.class);
				assertThat(context).getBean(RoleChecker.class).isInstanceOf(RecordingRoleChecker.class);
				assertThat(context).hasSingleBean(ContextScopeChecker.class);
				// The context holds no role, so only the application's checker can let
				// this call through.
				try (AuthContextScope scope = AuthContextHolder.open(AuthContext.builder("root").build())) {
					assertThat(context.getBean(GuardedService.class).archive()).isEqualTo("archived");
				}
				assertThat(context.getBean(RecordingRoleChecker.class).requests).singleElement()
					.satisfies((request) -> assertThat(request.role()).isEqualTo("admin"));
			});
	}

	@Test
	void applicationScopeCheckerReplacesDefault() {
		this.contextRunner.withUserConfiguration(GuardedServiceConfiguration.class, RecordingScopeChecker.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ContextScopeChecker.class);
				assertThat(context).getBean(ScopeChecker.class).isInstanceOf(RecordingScopeChecker.class);
				assertThat(context).hasSingleBean(ContextRoleChecker.class);
				try (AuthContextScope scope = AuthContextHolder.open(AuthContext.builder("root").build())) {
					assertThat(context.getBean(GuardedService.class).read()).isEqualTo("read");
				}
				assertThat(context.getBean(RecordingScopeChecker.class).requests).singleElement()
					.satisfies((request) -> assertThat(request.scope()).isEqualTo("documents:read"));
			});
	}

	@Test
	void removesDefaultRoleCheckerWhenSwitchedOff() {
		this.contextRunner.withPropertyValues("gatehouse.checkers.context-roles=false").run((context) -> {
			assertThat(context).doesNotHaveBean(RoleChecker.class);
			assertThat(context).hasSingleBean(ContextScopeChecker.class);
		});
	}

	@Test
	void removesDefaultScopeCheckerWhenSwitchedOff() {
		this.contextRunner.withPropertyValues("gatehouse.checkers.context-scopes=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ScopeChecker.class);
			assertThat(context).hasSingleBean(ContextRoleChecker.class);
		});
	}

	@Test
	void usesApplicationsOwnEvaluator() {
		AuthRequirementEvaluator evaluator = new AuthRequirementEvaluator(() -> (request) -> AuthorizationDecision
			.deny(AuthorizationReasonCode.INSUFFICIENT_ROLE, "Nobody today."), () -> null, () -> null, () -> null,
				() -> null);
		this.contextRunner.withUserConfiguration(GuardedServiceConfiguration.class)
			.withBean(AuthRequirementEvaluator.class, () -> evaluator)
			.run((context) -> {
				assertThat(context).getBean(AuthRequirementEvaluator.class).isSameAs(evaluator);
				AuthContext admin = AuthContext.builder("alice").roles("admin").build();
				try (AuthContextScope scope = AuthContextHolder.open(admin)) {
					assertThatExceptionOfType(AuthRequirementDeniedException.class)
						.isThrownBy(context.getBean(GuardedService.class)::archive)
						.satisfies((ex) -> assertThat(ex.decision().reason()).isEqualTo("Nobody today."));
				}
			});
	}

	@Test
	void enforcesWithoutBootsAopAutoConfiguration() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(GatehouseAutoConfiguration.class))
			.withUserConfiguration(GuardedServiceConfiguration.class)
			.run((context) -> {
				assertThat(context).hasBean(AopConfigUtils.AUTO_PROXY_CREATOR_BEAN_NAME);
				GuardedService service = context.getBean(GuardedService.class);
				assertThat(AopUtils.isAopProxy(service)).isTrue();
				assertThatExceptionOfType(AuthContextNotFoundException.class).isThrownBy(service::archive);
			});
	}

	@Test
	void enforcesWhenBootsAopAutoConfigurationIsSwitchedOff() {
		this.contextRunner.withPropertyValues("spring.aop.auto=false")
			.withUserConfiguration(GuardedServiceConfiguration.class)
			.run((context) -> {
				assertThat(context).hasBean(AopConfigUtils.AUTO_PROXY_CREATOR_BEAN_NAME);
				GuardedService service = context.getBean(GuardedService.class);
				try (AuthContextScope scope = AuthContextHolder.open(AuthContext.builder("bob").build())) {
					assertThatExceptionOfType(AuthRequirementDeniedException.class).isThrownBy(service::archive);
				}
				AuthContext admin = AuthContext.builder("alice").roles("admin").build();
				try (AuthContextScope scope = AuthContextHolder.open(admin)) {
					assertThat(service.archive()).isEqualTo("archived");
				}
			});
	}

	@Test
	void keepsBootsAutoProxyCreatorAndItsClassProxying() {
		this.contextRunner.run((context) -> {
			Object creator = context.getBean(AopConfigUtils.AUTO_PROXY_CREATOR_BEAN_NAME);
			assertThat(creator.getClass().getName())
				.isEqualTo("org.springframework.aop.aspectj.annotation.AnnotationAwareAspectJAutoProxyCreator");
			assertThat(((ProxyConfig) creator).isProxyTargetClass()).isTrue();
		});
	}

	@Test
	void keepsApplicationTaskDecoratorBesideGatehouses() {
		this.contextRunner.withUserConfiguration(MarkingTaskDecoratorConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(AuthContextTaskDecorator.class);
			assertThat(context).getBeans(TaskDecorator.class).hasSize(2).containsKey("markingTaskDecorator");
		});
	}

	@Test
	void applicationTaskExecutorRunsApplicationAndGatehouseDecorators() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class))
			.withUserConfiguration(MarkingTaskDecoratorConfiguration.class)
			.run((context) -> {
				AsyncTaskExecutor executor = context.getBean("applicationTaskExecutor", AsyncTaskExecutor.class);
				Future<List<String>> seen;
				try (AuthContextScope scope = AuthContextHolder.open(AuthContext.builder("alice").build())) {
					seen = executor.submit(() -> List.of(String.valueOf(MARKER.get()),
							AuthContextHolder.current().map(AuthContext::subject).map(AuthSubject::id).orElse("none")));
				}
				assertThat(seen.get(30, TimeUnit.SECONDS)).containsExactly("marked", "alice");
			});
	}

	@Test
	void failsStartupOnConflictingMetadataNamingTheMethod() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(GatehouseStartupValidationAutoConfiguration.class))
			.withBean(ConflictingService.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).isInstanceOf(AuthStartupCapabilityValidationException.class)
					.hasMessageContaining("ConflictingService#open");
			});
	}

	@Test
	void failsStartupOnConflictingMetadataOfInterfaceProxiedBean() {
		// A JDK proxy is created as soon as one method matches, so the conflict must not
		// depend on which
		// method the proxy creator happens to look at first.
		this.contextRunner.withConfiguration(AutoConfigurations.of(GatehouseStartupValidationAutoConfiguration.class))
			.withPropertyValues("spring.aop.proxy-target-class=false")
			.withBean(ConflictingApi.class, ConflictingService::new)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).isInstanceOf(AuthStartupCapabilityValidationException.class)
					.hasMessageContaining("ConflictingService#open");
			});
	}

	@Test
	void createsNoApplicationBeanWhileRegisteringPostProcessors(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(GuardedServiceConfiguration.class, RecordingRoleChecker.class)
			.run((context) -> {
				try (AuthContextScope scope = AuthContextHolder.open(AuthContext.builder("root").build())) {
					assertThat(context.getBean(GuardedService.class).archive()).isEqualTo("archived");
				}
			});
		assertThat(output).doesNotContain("is not eligible for getting processed by all BeanPostProcessors");
	}

	@Configuration(proxyBeanMethods = false)
	static class GuardedServiceConfiguration {

		@Bean
		GuardedService guardedService() {
			return new GuardedService();
		}

	}

	static class GuardedService {

		@RequireRole("admin")
		public String archive() {
			return "archived";
		}

		@RequireScope("documents:read")
		public String read() {
			return "read";
		}

	}

	interface ConflictingApi {

		String guarded();

		String open();

	}

	static class ConflictingService implements ConflictingApi {

		@Override
		@RequireRole("admin")
		public String guarded() {
			return "guarded";
		}

		@Override
		@PublicAccess
		@RequireRole("admin")
		public String open() {
			return "open";
		}

	}

	/** Allows every role and records what it was asked. */
	static class RecordingRoleChecker implements RoleChecker {

		final List<RoleCheckRequest> requests = new CopyOnWriteArrayList<>();

		@Override
		public AuthorizationDecision checkRole(RoleCheckRequest request) {
			this.requests.add(request);
			return AuthorizationDecision.allow();
		}

	}

	/** Allows every scope and records what it was asked. */
	static class RecordingScopeChecker implements ScopeChecker {

		final List<ScopeCheckRequest> requests = new CopyOnWriteArrayList<>();

		@Override
		public AuthorizationDecision checkScope(ScopeCheckRequest request) {
			this.requests.add(request);
			return AuthorizationDecision.allow();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MarkingTaskDecoratorConfiguration {

		@Bean
		TaskDecorator markingTaskDecorator() {
			return (runnable) -> () -> {
				MARKER.set("marked");
				try {
					runnable.run();
				}
				finally {
					MARKER.remove();
				}
			};
		}

	}

}
