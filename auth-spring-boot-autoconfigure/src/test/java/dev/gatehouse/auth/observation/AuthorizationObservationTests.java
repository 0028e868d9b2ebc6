package dev.gatehouse.auth.observation;

import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.decision.AuthRequirementDeniedException;
import dev.gatehouse.auth.enforcement.AuthRequirementEvaluator;
import dev.gatehouse.auth.enforcement.AuthorizationAdvisor;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.util.function.SingletonSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code gatehouse.authorization} observation around protected method calls
 * ({@code gatehouse.observation.authorization=observation}): one per call with its
 * decision, none when switched off, and no decorator at all without a registry.
 */
class AuthorizationObservationTests {

	private static final AuthContext EDITOR = AuthContext.builder("erin").roles("editor").build();

	private static final AuthContext READER = AuthContext.builder("rita").roles("reader").build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GatehouseAutoConfiguration.class, AopAutoConfiguration.class))
		.withPropertyValues("gatehouse.observation.authorization=observation")
		.withUserConfiguration(ArticleConfiguration.class);

	@Test
	void recordsOneAllowObservationForAnAllowedCall() {
		this.contextRunner.withUserConfiguration(RegistryConfiguration.class).run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			AuthContextHolder.runWith(EDITOR, () -> context.getBean(ArticleService.class).publish());
			TestObservationRegistryAssert.assertThat(registry)
				.hasNumberOfObservationsWithNameEqualTo("gatehouse.authorization", 1)
				.hasObservationWithNameEqualTo("gatehouse.authorization")
				.that()
				.hasBeenStarted()
				.hasBeenStopped()
				.hasLowCardinalityKeyValue("gatehouse.decision.state", "ALLOW")
				.hasLowCardinalityKeyValue("gatehouse.reason.code", "AUTHORIZED")
				.hasLowCardinalityKeyValue("gatehouse.boundary.kind", "METHOD")
				.hasHighCardinalityKeyValue("gatehouse.boundary", "ArticleService#publish");
		});
	}

	@Test
	void recordsOneDenyObservationWithReasonCodeForARefusedCall() {
		this.contextRunner.withUserConfiguration(RegistryConfiguration.class).run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			assertThatExceptionOfType(AuthRequirementDeniedException.class).isThrownBy(
					() -> AuthContextHolder.runWith(READER, () -> context.getBean(ArticleService.class).publish()));
			TestObservationRegistryAssert.assertThat(registry)
				.hasNumberOfObservationsWithNameEqualTo("gatehouse.authorization", 1)
				.hasObservationWithNameEqualTo("gatehouse.authorization")
				.that()
				.hasLowCardinalityKeyValue("gatehouse.decision.state", "DENY")
				.hasLowCardinalityKeyValue("gatehouse.reason.code", "INSUFFICIENT_ROLE");
		});
	}

	@Test
	void recordsChallengeForACallWithoutContext() {
		this.contextRunner.withUserConfiguration(RegistryConfiguration.class).run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			ArticleService articles = context.getBean(ArticleService.class);
			assertThatExceptionOfType(RuntimeException.class).isThrownBy(articles::publish);
			TestObservationRegistryAssert.assertThat(registry)
				.hasObservationWithNameEqualTo("gatehouse.authorization")
				.that()
				.hasLowCardinalityKeyValue("gatehouse.decision.state", "CHALLENGE")
				.hasLowCardinalityKeyValue("gatehouse.reason.code", "MISSING_CREDENTIAL");
		});
	}

	@Test
	void recordsNothingWhenObservationsAreDisabled() {
		this.contextRunner.withUserConfiguration(RegistryConfiguration.class)
			.withPropertyValues("gatehouse.observation.enabled=false")
			.run((context) -> {
				AuthContextHolder.runWith(EDITOR, () -> context.getBean(ArticleService.class).publish());
				TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
					.doesNotHaveAnyObservation();
				assertThat(enforcerOf(context.getBean(AuthorizationAdvisor.class)))
					.isInstanceOf(AuthRequirementEvaluator.class);
			});
	}

	@Test
	void addsNoObserverWithoutARegistry() {
		this.contextRunner.run((context) -> {
			assertThat(enforcerOf(context.getBean(AuthorizationAdvisor.class)))
				.isInstanceOf(AuthRequirementEvaluator.class);
			assertThat(AuthContextHolder.callWith(EDITOR, () -> context.getBean(ArticleService.class).publish()))
				.isEqualTo("published");
		});
	}

	@Test
	void usesTheApplicationsConventionWhenOneIsDefined() {
		this.contextRunner.withUserConfiguration(RegistryConfiguration.class, ConventionConfiguration.class)
			.run((context) -> {
				AuthContextHolder.runWith(EDITOR, () -> context.getBean(ArticleService.class).publish());
				TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
					.hasObservationWithNameEqualTo("custom.authorization")
					.that()
					.hasLowCardinalityKeyValue("outcome", "ALLOW");
			});
	}

	// The enforcer the interceptor calls: the evaluator itself when nothing observes it.
	static Object enforcerOf(AuthorizationAdvisor advisor) {
		Object enforcer = ReflectionTestUtils.getField(advisor.getAdvice(), "enforcer");
		assertThat(enforcer).isInstanceOf(SingletonSupplier.class);
		return ((SingletonSupplier<?>) enforcer).obtain();
	}

	@Configuration(proxyBeanMethods = false)
	static class ArticleConfiguration {

		@Bean
		ArticleService articleService() {
			return new ArticleService();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RegistryConfiguration {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ConventionConfiguration {

		@Bean
		AuthorizationObservationConvention customConvention() {
			return new AuthorizationObservationConvention() {

				@Override
				public String getName() {
					return "custom.authorization";
				}

				@Override
				public KeyValues getLowCardinalityKeyValues(AuthObservationContext context) {
					return KeyValues.of("outcome",
							(context.getDecision() != null) ? context.getDecision().state().name() : "PENDING");
				}

			};
		}

	}

	static class ArticleService {

		@RequireRole("editor")
		public String publish() {
			return "published";
		}

	}

}
