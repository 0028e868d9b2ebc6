package dev.gatehouse.auth.enforcement;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;
import dev.gatehouse.auth.decision.AuthRequirementDeniedException;
import dev.gatehouse.auth.spi.RoleChecker;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Gatehouse's check is the outermost advice: it runs before the application's own
 * advisors, even ones ordered at 0, and before Spring's caching, so a refused caller
 * never reaches them.
 */
class AuthorizationAdvisorOrderTests {

	private static final AuthContext ADMIN = AuthContext.builder("alice").roles("admin").build();

	private static final AuthContext USER = AuthContext.builder("bob").roles("user").build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GatehouseAutoConfiguration.class, AopAutoConfiguration.class));

	@Test
	void declaresHighestPrecedence() {
		// Frozen proxies, which the positioner may not rearrange, rely on the order
		// alone.
		this.contextRunner.run((context) -> assertThat(context.getBean(AuthorizationAdvisor.class).getOrder())
			.isEqualTo(Ordered.HIGHEST_PRECEDENCE));
	}

	@Test
	void checksBeforeApplicationAdvisorOrderedAtZero() {
		this.contextRunner.withUserConfiguration(AuditConfiguration.class).run((context) -> {
			AuditedService service = context.getBean(AuditedService.class);
			assertThat(((Advised) service).getAdvisors()[0]).isInstanceOf(AuthorizationAdvisor.class);
			try (AuthContextScope scope = AuthContextHolder.open(ADMIN)) {
				assertThat(service.transfer()).isEqualTo("transferred");
			}
			assertThat(context.getBean(Invocations.class).names).containsExactly("check", "audit", "transfer");
		});
	}

	@Test
	void refusedCallNeverReachesApplicationAdvisor() {
		this.contextRunner.withUserConfiguration(AuditConfiguration.class).run((context) -> {
			AuditedService service = context.getBean(AuditedService.class);
			try (AuthContextScope scope = AuthContextHolder.open(USER)) {
				assertThatExceptionOfType(AuthRequirementDeniedException.class).isThrownBy(service::transfer);
			}
			assertThat(context.getBean(Invocations.class).names).containsExactly("check");
		});
	}

	@Test
	void doesNotServeCachedResultToRefusedCaller() {
		this.contextRunner.withUserConfiguration(CachingConfiguration.class).run((context) -> {
			ReportService service = context.getBean(ReportService.class);
			try (AuthContextScope scope = AuthContextHolder.open(ADMIN)) {
				assertThat(service.salaries()).isEqualTo("salaries");
				assertThat(service.salaries()).isEqualTo("salaries");
			}
			try (AuthContextScope scope = AuthContextHolder.open(USER)) {
				assertThatExceptionOfType(AuthRequirementDeniedException.class).isThrownBy(service::salaries);
			}
			// Served from the cache the second time, but every call was checked first.
			assertThat(context.getBean(Invocations.class).names).containsExactly("check", "salaries", "check", "check");
		});
	}

	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.METHOD)
	@interface Audited {

	}

	@Configuration(proxyBeanMethods = false)
	static class CheckerConfiguration {

		@Bean
		Invocations invocations() {
			return new Invocations();
		}

		@Bean
		RoleChecker recordingRoleChecker(Invocations invocations) {
			ContextRoleChecker delegate = new ContextRoleChecker();
			return (request) -> {
				invocations.record("check");
				return delegate.checkRole(request);
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AuditConfiguration extends CheckerConfiguration {

		@Bean
		Advisor auditAdvisor(Invocations invocations) {
			MethodInterceptor audit = (invocation) -> {
				invocations.record("audit");
				return invocation.proceed();
			};
			DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(
					AnnotationMatchingPointcut.forMethodAnnotation(Audited.class), audit);
			advisor.setOrder(0);
			return advisor;
		}

		@Bean
		AuditedService auditedService(Invocations invocations) {
			return new AuditedService(invocations);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching(order = 0)
	static class CachingConfiguration extends CheckerConfiguration {

		@Bean
		CacheManager cacheManager() {
			return new ConcurrentMapCacheManager("reports");
		}

		@Bean
		ReportService reportService(Invocations invocations) {
			return new ReportService(invocations);
		}

	}

	static class AuditedService {

		private final Invocations invocations;

		AuditedService(Invocations invocations) {
			this.invocations = invocations;
		}

		@Audited
		@RequireRole("admin")
		public String transfer() {
			this.invocations.record("transfer");
			return "transferred";
		}

	}

	static class ReportService {

		private final Invocations invocations;

		ReportService(Invocations invocations) {
			this.invocations = invocations;
		}

		@Cacheable("reports")
		@RequireRole("admin")
		public String salaries() {
			this.invocations.record("salaries");
			return "salaries";
		}

	}

}
