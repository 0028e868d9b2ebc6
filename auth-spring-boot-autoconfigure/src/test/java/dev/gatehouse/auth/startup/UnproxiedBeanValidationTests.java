package dev.gatehouse.auth.startup;

import java.util.List;

import dev.gatehouse.auth.annotation.PublicAccess;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.metadata.AuthMetadataResolver;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A singleton whose class has protected methods but that is not Gatehouse's proxy would
 * let every caller in; startup fails naming the bean and why, instead of Spring's INFO
 * line that it is "not eligible for getting processed by all BeanPostProcessors".
 */
class UnproxiedBeanValidationTests {

	@Test
	void failsStartupForBeanCreatedEarlyBecauseAnOrderedPostProcessorDependsOnIt() {
		StartupValidationTestSupport.runner()
			.withUserConfiguration(StartupValidationTestSupport.AuthenticatorConfiguration.class,
					EarlyBeanConfiguration.class)
			.run((context) -> {
				List<AuthStartupCapabilityDiagnostic> diagnostics = StartupValidationTestSupport.diagnostics(context);
				assertThat(diagnostics).singleElement().satisfies((diagnostic) -> {
					assertThat(diagnostic.kind()).isEqualTo(AuthStartupCapabilityDiagnostic.Kind.NOT_PROXIED);
					assertThat(diagnostic.boundary()).isEqualTo("adminService");
					assertThat(diagnostic.problem()).contains(AdminService.class.getName())
						.contains("BeanPostProcessor")
						.contains("run unchecked");
				});
			});
	}

	@Test
	void failsStartupForAnnotatedSingletonAddedWithRegisterSingleton() {
		StartupValidationTestSupport.runner()
			.withUserConfiguration(StartupValidationTestSupport.AuthenticatorConfiguration.class)
			.withInitializer((context) -> context.getBeanFactory().registerSingleton("manualAdmin", new AdminService()))
			.run((context) -> {
				List<AuthStartupCapabilityDiagnostic> diagnostics = StartupValidationTestSupport.diagnostics(context);
				assertThat(diagnostics).singleElement().satisfies((diagnostic) -> {
					assertThat(diagnostic.kind()).isEqualTo(AuthStartupCapabilityDiagnostic.Kind.NOT_PROXIED);
					assertThat(diagnostic.boundary()).isEqualTo("manualAdmin");
					assertThat(diagnostic.problem()).contains("registerSingleton");
				});
				assertThat(new AuthStartupFailureAnalyzer().analyze(context.getStartupFailure()).getAction())
					.contains("bean 'manualAdmin'")
					.contains("registerSingleton");
			});
	}

	@Test
	void acceptsProxiedBeanAndUnproxiedBeanWithOnlyPublicMethods() {
		StartupValidationTestSupport.runner()
			.withUserConfiguration(StartupValidationTestSupport.AuthenticatorConfiguration.class)
			.withBean("adminService", AdminService.class)
			.withInitializer((context) -> context.getBeanFactory().registerSingleton("status", new StatusService()))
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void failsStartupForEarlyBeanThatIsAnotherProxyWithoutGatehousesAdvisor() {
		StartupValidationTestSupport.runner()
			.withUserConfiguration(StartupValidationTestSupport.AuthenticatorConfiguration.class,
					EarlyForeignProxyConfiguration.class)
			.run((context) -> assertThat(StartupValidationTestSupport.diagnostics(context)).singleElement()
				.satisfies((diagnostic) -> {
					assertThat(diagnostic.kind()).isEqualTo(AuthStartupCapabilityDiagnostic.Kind.NOT_PROXIED);
					assertThat(diagnostic.problem()).contains("is a proxy, but not one carrying Gatehouse's advisor");
				}));
	}

	@Test
	void acceptsSingletonWhoseOuterProxyWrapsGatehousesProxy() {
		StartupValidationTestSupport.runner()
			.withUserConfiguration(StartupValidationTestSupport.AuthenticatorConfiguration.class)
			.withBean("adminService", AdminService.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				// An application wrapping the enforced bean in its own proxy keeps it
				// enforced.
				ProxyFactory outer = new ProxyFactory(context.getBean("adminService"));
				outer.setProxyTargetClass(true);
				context.getBeanFactory().registerSingleton("wrappedAdmin", outer.getProxy());
				AuthStartupCapabilityValidator validator = new AuthStartupCapabilityValidator(context.getBeanFactory(),
						context.getBean(AuthMetadataResolver.class), false);
				validator.afterSingletonsInstantiated();
				assertThat(validator.report().boundaries()).isNotEmpty();
			});
	}

	static class AdminService {

		@RequireRole("admin")
		public void shutdown() {
		}

	}

	static class StatusService {

		@PublicAccess
		public String status() {
			return "up";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EarlyBeanConfiguration {

		@Bean
		AdminService adminService() {
			return new AdminService();
		}

		// Ordered post-processors are instantiated together with the auto-proxy creator,
		// before it is registered:
		// whatever they depend on is created unproxied.
		@Bean
		static AuditingPostProcessor auditingPostProcessor(AdminService adminService) {
			return new AuditingPostProcessor(adminService);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EarlyForeignProxyConfiguration {

		@Bean
		AdminService adminService() {
			ProxyFactory proxyFactory = new ProxyFactory(new AdminService());
			proxyFactory.setProxyTargetClass(true);
			return (AdminService) proxyFactory.getProxy();
		}

		@Bean
		static AuditingPostProcessor auditingPostProcessor(AdminService adminService) {
			return new AuditingPostProcessor(adminService);
		}

	}

	static class AuditingPostProcessor implements BeanPostProcessor, Ordered {

		private final AdminService adminService;

		AuditingPostProcessor(AdminService adminService) {
			this.adminService = adminService;
		}

		@Override
		public int getOrder() {
			return this.adminService.hashCode() & 0;
		}

	}

}
