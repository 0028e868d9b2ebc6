package dev.gatehouse.auth.enforcement;

import java.util.concurrent.CompletableFuture;

import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;
import dev.gatehouse.auth.decision.AuthRequirementDeniedException;
import dev.gatehouse.auth.metadata.AuthMetadataResolver;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.interceptor.AsyncExecutionInterceptor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The authorization advisor stays first in a proxy's chain even after
 * {@code @EnableAsync} put its own advisor in front, so a refused {@code @Async} call
 * fails on the caller's thread instead of on the executor.
 */
class AuthorizationAdvisorPositionerTests {

	private final AuthorizationAdvisorPositioner positioner = new AuthorizationAdvisorPositioner();

	private final AuthorizationAdvisor authorizationAdvisor = authorizationAdvisor();

	private final Advisor otherAdvisor = new DefaultPointcutAdvisor(
			(MethodInterceptor) (invocation) -> invocation.proceed());

	@Test
	void movesAuthorizationAdvisorToFront() {
		Object proxy = proxy(false, this.otherAdvisor, this.authorizationAdvisor);
		Object result = this.positioner.postProcessAfterInitialization(proxy, "target");
		assertThat(result).isSameAs(proxy);
		assertThat(((Advised) proxy).getAdvisors()).containsExactly(this.authorizationAdvisor, this.otherAdvisor);
	}

	@Test
	void leavesAuthorizationAdvisorAlreadyFirstInPlace() {
		Object proxy = proxy(false, this.authorizationAdvisor, this.otherAdvisor);
		this.positioner.postProcessAfterInitialization(proxy, "target");
		assertThat(((Advised) proxy).getAdvisors()).containsExactly(this.authorizationAdvisor, this.otherAdvisor);
	}

	@Test
	void leavesFrozenProxyUnchanged() {
		Object proxy = proxy(true, this.otherAdvisor, this.authorizationAdvisor);
		this.positioner.postProcessAfterInitialization(proxy, "target");
		assertThat(((Advised) proxy).getAdvisors()).containsExactly(this.otherAdvisor, this.authorizationAdvisor);
	}

	@Test
	void leavesProxyWithoutAuthorizationAdvisorUnchanged() {
		Advisor another = new DefaultPointcutAdvisor((MethodInterceptor) (invocation) -> invocation.proceed());
		Object proxy = proxy(false, this.otherAdvisor, another);
		this.positioner.postProcessAfterInitialization(proxy, "target");
		assertThat(((Advised) proxy).getAdvisors()).containsExactly(this.otherAdvisor, another);
	}

	@Test
	void returnsBeanThatIsNotAProxyAsIs() {
		Target bean = new Target();
		assertThat(this.positioner.postProcessAfterInitialization(bean, "target")).isSameAs(bean);
	}

	@Test
	void refusesAsyncVoidMethodOnCallersThread() {
		asyncContextRunner().run((context) -> {
			ReportJobs jobs = context.getBean(ReportJobs.class);
			Advisor[] advisors = ((Advised) jobs).getAdvisors();
			assertThat(advisors[0]).isInstanceOf(AuthorizationAdvisor.class);
			assertThat(advisors[1].getAdvice()).isInstanceOf(AsyncExecutionInterceptor.class);
			try (AuthContextScope scope = AuthContextHolder.open(AuthContext.builder("bob").build())) {
				assertThatExceptionOfType(AuthRequirementDeniedException.class).isThrownBy(jobs::rebuild);
			}
			assertThat(context.getBean(Invocations.class).names).isEmpty();
		});
	}

	@Test
	void runsAllowedAsyncMethodOnExecutor() {
		asyncContextRunner().run((context) -> {
			ReportJobs jobs = context.getBean(ReportJobs.class);
			CompletableFuture<String> thread;
			try (AuthContextScope scope = AuthContextHolder.open(AuthContext.builder("alice").roles("admin").build())) {
				thread = jobs.threadName();
			}
			assertThat(thread.join()).isNotEqualTo(Thread.currentThread().getName());
		});
	}

	private ApplicationContextRunner asyncContextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(GatehouseAutoConfiguration.class, AopAutoConfiguration.class,
					TaskExecutionAutoConfiguration.class))
			.withUserConfiguration(AsyncConfiguration.class);
	}

	private static Object proxy(boolean frozen, Advisor... advisors) {
		ProxyFactory factory = new ProxyFactory(new Target());
		factory.setProxyTargetClass(true);
		for (Advisor advisor : advisors) {
			factory.addAdvisor(advisor);
		}
		factory.setFrozen(frozen);
		return factory.getProxy();
	}

	private static AuthorizationAdvisor authorizationAdvisor() {
		AuthMetadataResolver resolver = new AuthMetadataResolver();
		AuthRequirementEvaluator evaluator = new AuthRequirementEvaluator(() -> null, () -> null, () -> null,
				() -> null, () -> null);
		return new AuthorizationAdvisor(resolver, new AuthorizationMethodInterceptor(resolver, () -> evaluator));
	}

	static class Target {

		public String work() {
			return "work";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class AsyncConfiguration {

		@Bean
		Invocations invocations() {
			return new Invocations();
		}

		@Bean
		ReportJobs reportJobs(Invocations invocations) {
			return new ReportJobs(invocations);
		}

	}

	static class ReportJobs {

		private final Invocations invocations;

		ReportJobs(Invocations invocations) {
			this.invocations = invocations;
		}

		@Async
		@RequireRole("admin")
		public void rebuild() {
			this.invocations.record("rebuild");
		}

		@Async
		@RequireRole("admin")
		public CompletableFuture<String> threadName() {
			return CompletableFuture.completedFuture(Thread.currentThread().getName());
		}

	}

}
