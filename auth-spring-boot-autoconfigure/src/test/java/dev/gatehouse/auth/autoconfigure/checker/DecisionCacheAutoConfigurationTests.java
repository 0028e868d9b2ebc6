package dev.gatehouse.auth.autoconfigure.checker;

import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gatehouse.auth.annotation.RequirePermission;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.startup.GatehouseStartupValidationAutoConfiguration;
import dev.gatehouse.auth.cache.AuthDecisionCache;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.spi.PermissionChecker;
import dev.gatehouse.auth.startup.AuthStartupCapabilityValidationException;
import dev.gatehouse.auth.startup.InvalidGatehouseConfigurationException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decision cache is opt-in, needs Caffeine, and when present serves repeated checks
 * made through the proxy; when absent every check reaches the checker.
 */
class DecisionCacheAutoConfigurationTests {

	private static final AuthContext ALICE = AuthContext.builder("alice").issuer("https://idp").build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, GatehouseAutoConfiguration.class,
				GatehouseCheckerAutoConfiguration.class))
		.withUserConfiguration(CountingCheckerConfiguration.class);

	@Test
	void isAbsentByDefaultAndEveryCheckReachesTheChecker() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(AuthDecisionCache.class);
			assertThat(checksForTwoCalls(context.getBean(Documents.class), context.getBean(AtomicInteger.class)))
				.isEqualTo(2);
		});
	}

	@Test
	void servesTheSecondIdenticalCheckWhenEnabled() {
		this.contextRunner.withPropertyValues("gatehouse.cache.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(AuthDecisionCache.class);
			AtomicInteger checks = context.getBean(AtomicInteger.class);
			assertThat(checksForTwoCalls(context.getBean(Documents.class), checks)).isEqualTo(1);

			context.getBean(AuthDecisionCache.class).evict("alice");
			try (AuthContextScope scope = AuthContextHolder.open(ALICE)) {
				context.getBean(Documents.class).read(42);
			}
			assertThat(checks).hasValue(2);
		});
	}

	@Test
	void failsStartupWithoutCaffeineWhenEnabledNamingTheDependency() {
		// The optional-dependency check belongs to the startup validation
		// auto-configuration.
		this.contextRunner.withConfiguration(AutoConfigurations.of(GatehouseStartupValidationAutoConfiguration.class))
			.withPropertyValues("gatehouse.cache.enabled=true")
			.withClassLoader(new FilteredClassLoader(Caffeine.class))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.hasMessageContaining("MISSING_DEPENDENCY gatehouse.cache.enabled")
					.hasMessageContaining("com.github.ben-manes.caffeine:caffeine");
			});
	}

	@Test
	void nonPositiveTtlJoinsTheOneFailureReportNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("gatehouse.cache.enabled=true", "gatehouse.cache.ttl=0s",
					"gatehouse.cache.maximum-size=0", "gatehouse.permissions.roles.ops=documents:*:read")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).isInstanceOf(AuthStartupCapabilityValidationException.class)
					.hasMessageContaining("INVALID_CONFIGURATION gatehouse.cache")
					.hasMessageContaining("INVALID_CONFIGURATION gatehouse.permissions");
			});
	}

	@Test
	void nonPositiveTtlFailsAtTheCacheWithoutTheCoreConfiguration() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(GatehouseCheckerAutoConfiguration.class))
			.withPropertyValues("gatehouse.cache.enabled=true", "gatehouse.cache.ttl=0s")
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				while (failure != null && !(failure instanceof InvalidGatehouseConfigurationException)) {
					failure = failure.getCause();
				}
				assertThat(failure).isInstanceOf(InvalidGatehouseConfigurationException.class);
				assertThat(((InvalidGatehouseConfigurationException) failure).property()).isEqualTo("gatehouse.cache");
			});
	}

	private static int checksForTwoCalls(Documents documents, AtomicInteger checks) {
		try (AuthContextScope scope = AuthContextHolder.open(ALICE)) {
			documents.read(42);
			documents.read(42);
		}
		return checks.get();
	}

	@Configuration(proxyBeanMethods = false)
	static class CountingCheckerConfiguration {

		@Bean
		AtomicInteger checks() {
			return new AtomicInteger();
		}

		@Bean
		PermissionChecker countingPermissionChecker(AtomicInteger checks) {
			return (request) -> {
				checks.incrementAndGet();
				return AuthorizationDecision.allow();
			};
		}

		@Bean
		Documents documents() {
			return new Documents();
		}

	}

	public static class Documents {

		@RequirePermission(value = "doc:read", resource = "doc:{id}")
		public long read(long id) {
			return id;
		}

	}

}
