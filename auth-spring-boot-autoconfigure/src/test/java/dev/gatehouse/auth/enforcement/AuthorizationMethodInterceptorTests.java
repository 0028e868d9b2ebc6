package dev.gatehouse.auth.enforcement;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextNotFoundException;
import dev.gatehouse.auth.context.AuthContextScope;
import dev.gatehouse.auth.decision.AuthException;
import dev.gatehouse.auth.decision.AuthRequirementDeniedException;
import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How a refusal reaches the caller, by return type: asynchronous return types get a
 * failed future (so the caller handles every failure in one place) and the body never
 * runs; everything else gets a synchronous throw.
 */
class AuthorizationMethodInterceptorTests {

	private static final AuthContext ADMIN = AuthContext.builder("alice").roles("admin").build();

	private static final AuthContext USER = AuthContext.builder("bob").roles("user").build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GatehouseAutoConfiguration.class, AopAutoConfiguration.class))
		.withUserConfiguration(ReportServiceConfiguration.class);

	@Test
	void returnsFailedCompletableFutureInsteadOfThrowingWhenDenied() {
		this.contextRunner.run((context) -> {
			ReportService service = context.getBean(ReportService.class);
			CompletableFuture<String> result;
			try (AuthContextScope scope = AuthContextHolder.open(USER)) {
				result = service.render();
			}
			assertThat(result).isCompletedExceptionally();
			assertFailure(result, AuthRequirementDeniedException.class, AuthorizationDecisionState.DENY,
					AuthorizationReasonCode.INSUFFICIENT_ROLE);
			assertThat(context.getBean(Invocations.class).names).isEmpty();
		});
	}

	@Test
	void returnsFailedCompletionStageInsteadOfThrowingWhenDenied() {
		this.contextRunner.run((context) -> {
			ReportService service = context.getBean(ReportService.class);
			CompletionStage<String> result;
			try (AuthContextScope scope = AuthContextHolder.open(USER)) {
				result = service.renderStage();
			}
			assertThat(result).isCompletedExceptionally();
			assertFailure(result.toCompletableFuture(), AuthRequirementDeniedException.class,
					AuthorizationDecisionState.DENY, AuthorizationReasonCode.INSUFFICIENT_ROLE);
			assertThat(context.getBean(Invocations.class).names).isEmpty();
		});
	}

	@Test
	void returnsFailedFutureInsteadOfThrowingWhenDenied() {
		this.contextRunner.run((context) -> {
			ReportService service = context.getBean(ReportService.class);
			Future<String> result;
			try (AuthContextScope scope = AuthContextHolder.open(USER)) {
				result = service.renderLater();
			}
			assertThat(result.isDone()).isTrue();
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(result::get)
				.withCauseInstanceOf(AuthRequirementDeniedException.class);
			assertThat(context.getBean(Invocations.class).names).isEmpty();
		});
	}

	@Test
	void returnsFailedFutureWhenNoContextIsBound() {
		this.contextRunner.run((context) -> {
			ReportService service = context.getBean(ReportService.class);
			CompletableFuture<String> result = service.render();
			CompletionStage<String> stage = service.renderStage();
			assertFailure(result, AuthContextNotFoundException.class, AuthorizationDecisionState.CHALLENGE,
					AuthorizationReasonCode.MISSING_CREDENTIAL);
			assertFailure(stage.toCompletableFuture(), AuthContextNotFoundException.class,
					AuthorizationDecisionState.CHALLENGE, AuthorizationReasonCode.MISSING_CREDENTIAL);
			assertThat(context.getBean(Invocations.class).names).isEmpty();
		});
	}

	@Test
	void returnsBodysFutureWhenAllowed() {
		this.contextRunner.run((context) -> {
			ReportService service = context.getBean(ReportService.class);
			try (AuthContextScope scope = AuthContextHolder.open(ADMIN)) {
				assertThat(service.render()).isCompletedWithValue("report");
				assertThat(service.renderStage().toCompletableFuture()).isCompletedWithValue("stage");
			}
			assertThat(context.getBean(Invocations.class).names).containsExactly("render", "renderStage");
		});
	}

	@Test
	void throwsSynchronouslyForOtherReturnTypes() {
		this.contextRunner.run((context) -> {
			ReportService service = context.getBean(ReportService.class);
			try (AuthContextScope scope = AuthContextHolder.open(USER)) {
				assertThatExceptionOfType(AuthRequirementDeniedException.class).isThrownBy(service::renderNow);
				// Declared as Object, so the caller cannot be expected to look for a
				// future.
				assertThatExceptionOfType(AuthRequirementDeniedException.class).isThrownBy(service::renderAnything);
			}
			assertThat(context.getBean(Invocations.class).names).isEmpty();
		});
	}

	private static void assertFailure(CompletableFuture<?> future, Class<? extends AuthException> type,
			AuthorizationDecisionState state, AuthorizationReasonCode reasonCode) {
		// A failed future hands the exception itself to handle(), not wrapped in a
		// CompletionException.
		Throwable failure = future.handle((value, ex) -> ex).join();
		assertThat(failure).isInstanceOf(type);
		AuthException authException = (AuthException) failure;
		assertThat(authException.decision().state()).isEqualTo(state);
		assertThat(authException.decision().reasonCode()).isEqualTo(reasonCode);
	}

	@Configuration(proxyBeanMethods = false)
	static class ReportServiceConfiguration {

		@Bean
		Invocations invocations() {
			return new Invocations();
		}

		@Bean
		ReportService reportService(Invocations invocations) {
			return new ReportService(invocations);
		}

	}

	@RequireRole("admin")
	static class ReportService {

		private final Invocations invocations;

		ReportService(Invocations invocations) {
			this.invocations = invocations;
		}

		public CompletableFuture<String> render() {
			this.invocations.record("render");
			return CompletableFuture.completedFuture("report");
		}

		public CompletionStage<String> renderStage() {
			this.invocations.record("renderStage");
			return CompletableFuture.completedStage("stage");
		}

		public Future<String> renderLater() {
			this.invocations.record("renderLater");
			return CompletableFuture.completedFuture("later");
		}

		public String renderNow() {
			this.invocations.record("renderNow");
			return "now";
		}

		public Object renderAnything() {
			this.invocations.record("renderAnything");
			return CompletableFuture.completedFuture("anything");
		}

	}

}
