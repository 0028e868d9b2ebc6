package dev.gatehouse.auth.autoconfigure.startup;

import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.core.GatehouseProperties;
import dev.gatehouse.auth.autoconfigure.snapshot.GatehouseSnapshotProperties;
import dev.gatehouse.auth.startup.AuthCapabilityReport;
import dev.gatehouse.auth.startup.AuthStartupCapabilityValidationException;
import dev.gatehouse.auth.startup.AuthStartupCapabilityValidator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Startup validation is on by default, can be switched off, and survives lazy
 * initialization.
 */
class GatehouseStartupValidationAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, GatehouseAutoConfiguration.class,
				GatehouseStartupValidationAutoConfiguration.class));

	@Test
	void registersTheValidatorAndALazyReportByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(AuthStartupCapabilityValidator.class);
			assertThat(context.getBeanFactory().getBeanDefinition("authCapabilityReport").isLazyInit()).isTrue();
			assertThat(context).hasSingleBean(AuthCapabilityReport.class);
		});
	}

	@Test
	void failsStartupWhenAProtectedBeanLacksAProvider() {
		this.runner.withBean(RoleGuardedService.class)
			.run((context) -> assertThat(context).getFailure()
				.satisfies((failure) -> assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
					.isInstanceOf(AuthStartupCapabilityValidationException.class)));
	}

	@Test
	void backsOffWhenStartupValidationIsDisabled() {
		this.runner.withPropertyValues("gatehouse.startup-validation.enabled=false")
			.withBean(RoleGuardedService.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(AuthStartupCapabilityValidator.class)
				.doesNotHaveBean(AuthCapabilityReport.class));
	}

	@Test
	void backsOffWhenGatehouseIsDisabled() {
		this.runner.withPropertyValues("gatehouse.enabled=false")
			.withBean(RoleGuardedService.class)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(AuthStartupCapabilityValidator.class));
	}

	@Test
	void backsOffWithoutTheCoreAutoConfiguration() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(GatehouseStartupValidationAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(AuthStartupCapabilityValidator.class));
	}

	@Test
	void validatesEvenWhenEveryBeanIsLazy() {
		this.runner
			.withInitializer(
					(context) -> context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()))
			.withBean(RoleGuardedService.class)
			.run((context) -> assertThat(context).getFailure()
				.satisfies((failure) -> assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
					.isInstanceOf(AuthStartupCapabilityValidationException.class)));
	}

	@Test
	void bindsTheStartupValidationAndSnapshotPropagationProperties() {
		this.runner.run((context) -> {
			GatehouseProperties properties = context.getBean(GatehouseProperties.class);
			assertThat(properties.getStartupValidation().isEnabled()).isTrue();
			assertThat(context.getBean(GatehouseSnapshotProperties.class).getPropagation().isEnabled()).isFalse();
		});
		this.runner
			.withPropertyValues("gatehouse.startup-validation.enabled=false",
					"gatehouse.snapshot.propagation.enabled=true")
			.run((context) -> {
				GatehouseProperties properties = context.getBean(GatehouseProperties.class);
				assertThat(properties.getStartupValidation().isEnabled()).isFalse();
				assertThat(context.getBean(GatehouseSnapshotProperties.class).getPropagation().isEnabled()).isTrue();
			});
	}

	@Test
	void isRegisteredAsAnAutoConfigurationAfterTheCore() {
		assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
			.containsSubsequence(GatehouseAutoConfiguration.class.getName(),
					GatehouseStartupValidationAutoConfiguration.class.getName());
	}

	static class RoleGuardedService {

		@RequireRole("editor")
		public void edit() {
		}

	}

}
