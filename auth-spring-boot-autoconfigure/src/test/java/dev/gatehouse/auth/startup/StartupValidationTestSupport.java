package dev.gatehouse.auth.startup;

import java.util.List;

import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.startup.GatehouseStartupValidationAutoConfiguration;
import dev.gatehouse.auth.spi.Authenticator;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The context runner and assertions the startup validation tests share.
 */
final class StartupValidationTestSupport {

	private StartupValidationTestSupport() {
	}

	static ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class,
				GatehouseAutoConfiguration.class, GatehouseStartupValidationAutoConfiguration.class));
	}

	/**
	 * Asserts that the context failed because of startup validation and returns what it
	 * reported.
	 */
	static List<AuthStartupCapabilityDiagnostic> diagnostics(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure());
		assertThat(cause).isInstanceOf(AuthStartupCapabilityValidationException.class);
		return ((AuthStartupCapabilityValidationException) cause).diagnostics();
	}

	static Authenticator authenticator() {
		return (credential, invocation) -> {
			throw new UnsupportedOperationException("not called in these tests");
		};
	}

	@Configuration(proxyBeanMethods = false)
	static class AuthenticatorConfiguration {

		@Bean
		Authenticator authenticator() {
			return StartupValidationTestSupport.authenticator();
		}

	}

}
