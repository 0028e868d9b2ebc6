package dev.gatehouse.benchmarks.startup;

import dev.gatehouse.auth.spi.AuthCapability;
import dev.gatehouse.auth.startup.AuthStartupCapabilityValidator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the startup benchmark measures a complete, successful validation of the
 * generated application.
 */
class StartupValidationBenchmarksTests {

	@Test
	void validatesEveryGeneratedBoundaryWithoutCreatingBeans() {
		GeneratedApplication application = new GeneratedApplication();
		application.generate();

		AuthStartupCapabilityValidator validator = new StartupValidationBenchmarks()
			.validateTwoThousandBeanDefinitions(application);

		assertThat(validator.report().requiredCapabilities()).containsOnlyKeys(AuthCapability.AUTHENTICATION,
				AuthCapability.ROLE_CHECK, AuthCapability.SCOPE_CHECK, AuthCapability.PERMISSION_CHECK);
		// 500 classes protect two methods at class level, 500 protect two methods each at
		// method level.
		assertThat(validator.report().requiredCapabilities().get(AuthCapability.AUTHENTICATION)).hasSize(2_000);
		assertThat(application.beanFactory.getBeanDefinitionCount()).isEqualTo(GeneratedApplication.BEAN_COUNT + 4);
		assertThat(application.beanFactory.getSingletonCount()).isZero();
	}

}
