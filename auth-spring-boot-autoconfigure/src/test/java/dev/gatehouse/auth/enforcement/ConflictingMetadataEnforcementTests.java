package dev.gatehouse.auth.enforcement;

import java.util.concurrent.atomic.AtomicInteger;

import dev.gatehouse.auth.annotation.PublicAccess;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.startup.GatehouseStartupValidationAutoConfiguration;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;
import dev.gatehouse.auth.metadata.ConflictingAuthMetadataException;
import dev.gatehouse.auth.metadata.InvalidAuthMetadataException;
import dev.gatehouse.auth.spi.Authenticator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Methods whose metadata cannot be enforced are still proxied, so that, with startup
 * validation switched off, every call fails closed and the method body never runs.
 */
class ConflictingMetadataEnforcementTests {

	private static final AuthContext EDITOR = AuthContext.builder("grace").roles("editor").build();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, GatehouseAutoConfiguration.class,
				GatehouseStartupValidationAutoConfiguration.class))
		.withPropertyValues("gatehouse.startup-validation.enabled=false")
		.withUserConfiguration(MisconfiguredConfiguration.class);

	@Test
	void startsButFailsEveryCallToAConflictingMethodWithoutRunningIt() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			PressService press = context.getBean(PressService.class);
			assertThatExceptionOfType(ConflictingAuthMetadataException.class).isThrownBy(press::publish)
				.withMessageContaining("PressService#publish");
			try (AuthContextScope scope = AuthContextHolder.open(EDITOR)) {
				assertThatExceptionOfType(ConflictingAuthMetadataException.class).isThrownBy(press::publish);
			}
			assertThat(press.calls()).isZero();
		});
	}

	@Test
	void failsEveryCallToAMethodWithInvalidMetadataWithoutRunningIt() {
		this.runner.run((context) -> {
			PressService press = context.getBean(PressService.class);
			try (AuthContextScope scope = AuthContextHolder.open(EDITOR)) {
				assertThatExceptionOfType(InvalidAuthMetadataException.class).isThrownBy(press::retract);
			}
			assertThat(press.calls()).isZero();
		});
	}

	@Test
	void keepsEnforcingTheValidMethodsOfTheSameBean() {
		this.runner.run((context) -> {
			PressService press = context.getBean(PressService.class);
			try (AuthContextScope scope = AuthContextHolder.open(EDITOR)) {
				assertThat(press.edit()).isEqualTo("edited");
			}
			assertThat(press.calls()).isEqualTo(1);
		});
	}

	static class PressService {

		private final AtomicInteger calls = new AtomicInteger();

		// Through a method: the proxy's own fields are never initialised.
		int calls() {
			return this.calls.get();
		}

		@PublicAccess
		@RequireRole("editor")
		public String publish() {
			this.calls.incrementAndGet();
			return "published";
		}

		@RequireRole(" ")
		public String retract() {
			this.calls.incrementAndGet();
			return "retracted";
		}

		@RequireRole("editor")
		public String edit() {
			this.calls.incrementAndGet();
			return "edited";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MisconfiguredConfiguration {

		@Bean
		PressService pressService() {
			return new PressService();
		}

		@Bean
		Authenticator authenticator() {
			return (credential, invocation) -> {
				throw new UnsupportedOperationException("not called in these tests");
			};
		}

	}

}
