package dev.gatehouse.auth.observation;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.decision.AuthException;
import dev.gatehouse.auth.enforcement.AuthRequirementEvaluator;
import dev.gatehouse.auth.enforcement.AuthorizationAdvisor;
import dev.gatehouse.auth.enforcement.ContextRoleChecker;
import dev.gatehouse.auth.metadata.EffectiveAuthMetadata;
import dev.gatehouse.auth.metadata.MethodBoundaries;
import dev.gatehouse.auth.spi.RoleChecker;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.aopalliance.intercept.MethodInvocation;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@code gatehouse.observation.authorization}: {@code metrics} (the default) records the
 * {@code gatehouse.authorization} timer with the tags Micrometer's default meter handler
 * gives the observation, without an observation; {@code observation} keeps the
 * observation per call; {@code off}, a disabled observation or a missing registry leaves
 * the interceptor calling the evaluator itself.
 */
class AuthorizationRecordingTests {

	private static final AuthContext EDITOR = AuthContext.builder("erin").roles("editor", "broken").build();

	private static final AuthContext READER = AuthContext.builder("rita").roles("reader").build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GatehouseAutoConfiguration.class, AopAutoConfiguration.class))
		.withUserConfiguration(ArticleConfiguration.class);

	@Test
	void metricsIsTheDefaultAndRecordsATimerPerOutcomeWithoutAnObservation() {
		this.contextRunner.withUserConfiguration(MetersConfiguration.class).run((context) -> {
			assertThat(AuthorizationObservationTests.enforcerOf(context.getBean(AuthorizationAdvisor.class)))
				.isInstanceOf(TimedMethodCallEnforcer.class);
			callEveryOutcome(context);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(timer(meters, "ALLOW", "AUTHORIZED", "METHOD").count()).isEqualTo(2);
			assertThat(timer(meters, "DENY", "INSUFFICIENT_ROLE", "METHOD").count()).isEqualTo(1);
			assertThat(timer(meters, "CHALLENGE", "MISSING_CREDENTIAL", "METHOD").count()).isEqualTo(1);
			assertThat(timer(meters, "ERROR", "INTERNAL_ERROR", "METHOD").count()).isEqualTo(1);
			assertThat(timer(meters, "ALLOW", "AUTHORIZED", "HTTP").count()).isEqualTo(1);
			assertThat(
					timer(meters, "ALLOW", "AUTHORIZED", "METHOD").totalTime(java.util.concurrent.TimeUnit.NANOSECONDS))
				.isPositive();
			TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
				.doesNotHaveAnyObservation();
		});
	}

	@Test
	void metricsTagsAreThoseTheDefaultMeterHandlerGivesTheObservation() {
		Set<String> metered = new TreeSet<>();
		Set<String> observed = new TreeSet<>();
		this.contextRunner.withUserConfiguration(MetersConfiguration.class).run((context) -> {
			callEveryOutcome(context);
			metered.addAll(timerIds(context.getBean(MeterRegistry.class)));
		});
		this.contextRunner.withUserConfiguration(MetersConfiguration.class)
			.withPropertyValues("gatehouse.observation.authorization=observation")
			.run((context) -> {
				assertThat(AuthorizationObservationTests.enforcerOf(context.getBean(AuthorizationAdvisor.class)))
					.isInstanceOf(ObservedMethodCallEnforcer.class);
				callEveryOutcome(context);
				TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
					.hasNumberOfObservationsWithNameEqualTo("gatehouse.authorization", 6);
				observed.addAll(timerIds(context.getBean(MeterRegistry.class)));
			});
		assertThat(metered).hasSize(5).isEqualTo(observed);
	}

	@Test
	void offRecordsNothing() {
		this.contextRunner.withUserConfiguration(MetersConfiguration.class)
			.withPropertyValues("gatehouse.observation.authorization=off")
			.run((context) -> {
				assertThat(AuthorizationObservationTests.enforcerOf(context.getBean(AuthorizationAdvisor.class)))
					.isInstanceOf(AuthRequirementEvaluator.class);
				callEveryOutcome(context);
				assertThat(context.getBean(MeterRegistry.class).find("gatehouse.authorization").meters()).isEmpty();
				TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
					.doesNotHaveAnyObservation();
			});
	}

	@Test
	void disabledObservationsRecordNoMetrics() {
		this.contextRunner.withUserConfiguration(MetersConfiguration.class)
			.withPropertyValues("gatehouse.observation.enabled=false")
			.run((context) -> {
				assertThat(AuthorizationObservationTests.enforcerOf(context.getBean(AuthorizationAdvisor.class)))
					.isInstanceOf(AuthRequirementEvaluator.class);
				callEveryOutcome(context);
				assertThat(context.getBean(MeterRegistry.class).find("gatehouse.authorization").meters()).isEmpty();
			});
	}

	@Test
	void metricsWithoutAMeterRegistryLeavesTheEvaluatorUndecorated() {
		this.contextRunner.withUserConfiguration(ObservationOnlyConfiguration.class).run((context) -> {
			assertThat(AuthorizationObservationTests.enforcerOf(context.getBean(AuthorizationAdvisor.class)))
				.isInstanceOf(AuthRequirementEvaluator.class);
			callEveryOutcome(context);
			TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
				.doesNotHaveAnyObservation();
		});
	}

	@Test
	void metricsWithTwoMeterRegistriesAndNoPrimaryLeavesTheEvaluatorUndecorated() {
		this.contextRunner.withUserConfiguration(TwoMeterRegistriesConfiguration.class).run((context) -> {
			assertThat(AuthorizationObservationTests.enforcerOf(context.getBean(AuthorizationAdvisor.class)))
				.isInstanceOf(AuthRequirementEvaluator.class);
			assertThat(AuthContextHolder.callWith(EDITOR, () -> context.getBean(ArticleService.class).publish()))
				.isEqualTo("published");
		});
	}

	@Test
	void observationWithoutAnObservationRegistryLeavesTheEvaluatorUndecorated() {
		this.contextRunner.withUserConfiguration(MeterRegistryOnlyConfiguration.class)
			.withPropertyValues("gatehouse.observation.authorization=observation")
			.run((context) -> {
				assertThat(AuthorizationObservationTests.enforcerOf(context.getBean(AuthorizationAdvisor.class)))
					.isInstanceOf(AuthRequirementEvaluator.class);
				callEveryOutcome(context);
				assertThat(context.getBean(MeterRegistry.class).find("gatehouse.authorization").meters()).isEmpty();
			});
	}

	@Test
	void anUnexpectedFailureIsTaggedUnknownWithItsTypeAsTheError() throws NoSuchMethodException {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		TimedMethodCallEnforcer enforcer = new TimedMethodCallEnforcer((invocation, metadata, context) -> {
			throw new IllegalStateException("unexpected");
		}, meters, new MethodBoundaries());
		MethodInvocation invocation = invocation(ArticleService.class.getMethod("publish"), new ArticleService());
		assertThatIllegalStateException()
			.isThrownBy(() -> enforcer.enforce(invocation, EffectiveAuthMetadata.NONE, EDITOR));
		assertThatIllegalStateException()
			.isThrownBy(() -> enforcer.enforce(invocation, EffectiveAuthMetadata.NONE, EDITOR));
		Timer timer = meters.get("gatehouse.authorization")
			.tags("gatehouse.decision.state", "UNKNOWN", "gatehouse.reason.code", "UNKNOWN", "gatehouse.boundary.kind",
					"METHOD", "error", "IllegalStateException")
			.timer();
		assertThat(timer.count()).isEqualTo(2);
	}

	private static void callEveryOutcome(ApplicationContext context) {
		ArticleService articles = context.getBean(ArticleService.class);
		ArticleController controller = context.getBean(ArticleController.class);
		AuthContextHolder.runWith(EDITOR, articles::publish);
		AuthContextHolder.runWith(EDITOR, articles::publish);
		AuthContextHolder.runWith(EDITOR, controller::show);
		assertThatExceptionOfType(AuthException.class)
			.isThrownBy(() -> AuthContextHolder.runWith(READER, articles::publish));
		assertThatExceptionOfType(AuthException.class).isThrownBy(articles::publish);
		assertThatExceptionOfType(AuthException.class)
			.isThrownBy(() -> AuthContextHolder.runWith(EDITOR, articles::repair));
	}

	private static Timer timer(MeterRegistry meters, String state, String reasonCode, String kind) {
		return meters.get("gatehouse.authorization")
			.tags("gatehouse.decision.state", state, "gatehouse.reason.code", reasonCode, "gatehouse.boundary.kind",
					kind, "error", "none")
			.timer();
	}

	private static List<String> timerIds(MeterRegistry meters) {
		return meters.find("gatehouse.authorization")
			.timers()
			.stream()
			.map(Meter::getId)
			.map((id) -> id.getName() + id.getTags().stream().map(Tag::toString).toList())
			.toList();
	}

	private static MethodInvocation invocation(Method method, Object target) {
		return new MethodInvocation() {

			@Override
			public Method getMethod() {
				return method;
			}

			@Override
			public Object[] getArguments() {
				return new Object[0];
			}

			@Override
			public Object proceed() {
				throw new UnsupportedOperationException();
			}

			@Override
			public Object getThis() {
				return target;
			}

			@Override
			public AccessibleObject getStaticPart() {
				return method;
			}

		};
	}

	@Configuration(proxyBeanMethods = false)
	static class ArticleConfiguration {

		@Bean
		ArticleService articleService() {
			return new ArticleService();
		}

		@Bean
		ArticleController articleController() {
			return new ArticleController();
		}

		// A role whose check fails: the ERROR outcome.
		@Bean
		RoleChecker roleChecker() {
			ContextRoleChecker roles = new ContextRoleChecker();
			return (request) -> {
				if (request.role().equals("broken")) {
					throw new IllegalStateException("role store down");
				}
				return roles.checkRole(request);
			};
		}

	}

	/**
	 * What an application with Actuator has: a meter registry, and an observation
	 * registry whose default meter handler writes into it.
	 */
	@Configuration(proxyBeanMethods = false)
	static class MetersConfiguration {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		TestObservationRegistry observationRegistry(MeterRegistry meterRegistry) {
			TestObservationRegistry registry = TestObservationRegistry.create();
			registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
			return registry;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ObservationOnlyConfiguration {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MeterRegistryOnlyConfiguration {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoMeterRegistriesConfiguration {

		@Bean
		SimpleMeterRegistry oneMeterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		SimpleMeterRegistry otherMeterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	static class ArticleService {

		@RequireRole("editor")
		public String publish() {
			return "published";
		}

		@RequireRole("broken")
		public String repair() {
			return "repaired";
		}

	}

	@Controller
	static class ArticleController {

		@RequireRole("editor")
		public String show() {
			return "article";
		}

	}

}
