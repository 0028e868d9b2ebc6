package dev.gatehouse.auth.enforcement;

import dev.gatehouse.auth.annotation.PublicAccess;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.context.AuthContextNotFoundException;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Which beans and methods the advisor applies to: undecorated and public-only beans are
 * left alone entirely, and inside a protected bean only the protected methods are
 * checked.
 */
class AuthorizationAdvisorTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GatehouseAutoConfiguration.class, AopAutoConfiguration.class))
		.withUserConfiguration(ServicesConfiguration.class);

	@Test
	void doesNotProxyUndecoratedBean() {
		this.contextRunner.run((context) -> {
			PlainService service = context.getBean(PlainService.class);
			assertThat(AopUtils.isAopProxy(service)).isFalse();
			assertThat(service.work()).isEqualTo("plain");
		});
	}

	@Test
	void doesNotProxyBeanWithOnlyPublicAccess() {
		this.contextRunner.run((context) -> {
			assertThat(AopUtils.isAopProxy(context.getBean(OpenService.class))).isFalse();
			assertThat(AopUtils.isAopProxy(context.getBean(OpenMethodService.class))).isFalse();
			assertThat(context.getBean(OpenService.class).welcome()).isEqualTo("welcome");
		});
	}

	@Test
	void proxiesBeanWithProtectedMethod() {
		this.contextRunner.run((context) -> {
			MixedService service = context.getBean(MixedService.class);
			assertThat(AopUtils.isAopProxy(service)).isTrue();
			assertThatExceptionOfType(AuthContextNotFoundException.class).isThrownBy(service::guarded);
			assertThat(context.getBean(Invocations.class).count("guarded")).isZero();
		});
	}

	@Test
	void runsPublicAndUndecoratedMethodsOfProtectedBeanWithoutContext() {
		this.contextRunner.run((context) -> {
			MixedService service = context.getBean(MixedService.class);
			assertThat(service.open()).isEqualTo("open");
			assertThat(service.undecorated()).isEqualTo("undecorated");
			assertThat(context.getBean(Invocations.class).names).containsExactly("open", "undecorated");
		});
	}

	@Test
	void doesNotEnforceToStringOfClassAnnotatedBean() {
		this.contextRunner.run((context) -> {
			AdminService service = (AdminService) context.getBean(Named.class);
			assertThat(AopUtils.isAopProxy(service)).isTrue();
			assertThat(service.toString()).isEqualTo("AdminService");
			assertThat(context.getBean(Invocations.class).names).containsExactly("toString");
			assertThatExceptionOfType(AuthContextNotFoundException.class).isThrownBy(service::administer);
		});
	}

	@Test
	void doesNotEnforceObjectMethodsRedeclaredOnProxiedInterface() {
		// A JDK proxy sends equals/hashCode through the advice chain when the interface
		// redeclares them.
		this.contextRunner.withPropertyValues("spring.aop.proxy-target-class=false").run((context) -> {
			Named named = context.getBean(Named.class);
			assertThat(AopUtils.isJdkDynamicProxy(named)).isTrue();
			assertThat(named.hashCode()).isEqualTo(42);
			assertThat(named.equals(named)).isTrue();
			assertThat(named.toString()).isEqualTo("AdminService");
			assertThat(context.getBean(Invocations.class).names).containsExactly("hashCode", "equals", "toString");
			assertThatExceptionOfType(AuthContextNotFoundException.class).isThrownBy(named::name);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class ServicesConfiguration {

		@Bean
		Invocations invocations() {
			return new Invocations();
		}

		@Bean
		PlainService plainService() {
			return new PlainService();
		}

		@Bean
		OpenService openService() {
			return new OpenService();
		}

		@Bean
		OpenMethodService openMethodService() {
			return new OpenMethodService();
		}

		@Bean
		MixedService mixedService(Invocations invocations) {
			return new MixedService(invocations);
		}

		@Bean
		Named adminService(Invocations invocations) {
			return new AdminService(invocations);
		}

	}

	static class PlainService {

		public String work() {
			return "plain";
		}

	}

	@PublicAccess
	static class OpenService {

		public String welcome() {
			return "welcome";
		}

	}

	static class OpenMethodService {

		@PublicAccess
		public String welcome() {
			return "welcome";
		}

		public String other() {
			return "other";
		}

	}

	static class MixedService {

		private final Invocations invocations;

		MixedService(Invocations invocations) {
			this.invocations = invocations;
		}

		@RequireRole("admin")
		public String guarded() {
			this.invocations.record("guarded");
			return "guarded";
		}

		@PublicAccess
		public String open() {
			this.invocations.record("open");
			return "open";
		}

		public String undecorated() {
			this.invocations.record("undecorated");
			return "undecorated";
		}

	}

	interface Named {

		String name();

		@Override
		boolean equals(Object other);

		@Override
		int hashCode();

		@Override
		String toString();

	}

	@RequireRole("admin")
	static class AdminService implements Named {

		private final Invocations invocations;

		AdminService(Invocations invocations) {
			this.invocations = invocations;
		}

		public String administer() {
			this.invocations.record("administer");
			return "administered";
		}

		@Override
		public String toString() {
			this.invocations.record("toString");
			return "AdminService";
		}

		@Override
		public String name() {
			this.invocations.record("name");
			return "admin";
		}

		@Override
		public boolean equals(Object other) {
			this.invocations.record("equals");
			return other instanceof Named;
		}

		@Override
		public int hashCode() {
			this.invocations.record("hashCode");
			return 42;
		}

	}

}
