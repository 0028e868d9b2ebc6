package dev.gatehouse.auth.context;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The task decorator runs each task in a fresh scope holding the submitter's context (or
 * none), and leaves the worker thread exactly as it found it.
 */
class AuthContextTaskDecoratorTests {

	private static final AuthContext SUBMITTER = AuthContext.builder("submitter").build();

	private static final AuthContext LEFTOVER = AuthContext.builder("leftover").build();

	private final AuthContextTaskDecorator decorator = new AuthContextTaskDecorator();

	@AfterEach
	void leavesNoBindingBehind() {
		assertThat(AuthContextHolder.current()).isEmpty();
	}

	@Test
	void taskOnAnotherThreadSeesTheSubmittersContext() throws Exception {
		AtomicReference<Optional<AuthContext>> inside = new AtomicReference<>();
		Runnable decorated;
		try (AuthContextScope scope = AuthContextHolder.open(SUBMITTER)) {
			decorated = this.decorator.decorate(() -> inside.set(AuthContextHolder.current()));
		}
		Optional<AuthContext> after = onNewThread(() -> {
			decorated.run();
			return AuthContextHolder.current();
		});
		assertThat(inside.get()).containsSame(SUBMITTER);
		assertThat(after).isEmpty();
	}

	@Test
	void capturesTheContextAtSubmissionNotAtExecution() {
		AtomicReference<Optional<AuthContext>> inside = new AtomicReference<>();
		Runnable decorated;
		try (AuthContextScope scope = AuthContextHolder.open(SUBMITTER)) {
			decorated = this.decorator.decorate(() -> inside.set(AuthContextHolder.current()));
		}
		try (AuthContextScope worker = AuthContextHolder.open(LEFTOVER)) {
			decorated.run();
			assertThat(AuthContextHolder.current()).containsSame(LEFTOVER);
		}
		assertThat(inside.get()).containsSame(SUBMITTER);
	}

	@Test
	void submitterWithoutContextMeansTaskSeesNoneEvenOverALeftoverBinding() {
		// Decorated here, where nothing is bound: the submitter has no context.
		AtomicReference<Optional<AuthContext>> inside = new AtomicReference<>();
		Runnable decorated = this.decorator.decorate(() -> inside.set(AuthContextHolder.current()));
		// Simulate a worker thread that (wrongly) still carries an identity, and run the
		// task inline on it.
		try (AuthContextScope worker = AuthContextHolder.open(LEFTOVER)) {
			decorated.run();
			assertThat(AuthContextHolder.current()).containsSame(LEFTOVER);
		}
		assertThat(inside.get()).isEmpty();
	}

	@Test
	void taskExceptionPropagatesUnchangedAndBindingIsRestored() {
		IllegalArgumentException failure = new IllegalArgumentException("boom");
		Runnable decorated;
		try (AuthContextScope scope = AuthContextHolder.open(SUBMITTER)) {
			decorated = this.decorator.decorate(() -> {
				throw failure;
			});
		}
		try (AuthContextScope worker = AuthContextHolder.open(LEFTOVER)) {
			assertThatThrownBy(decorated::run).isSameAs(failure);
			assertThat(AuthContextHolder.current()).containsSame(LEFTOVER);
		}
	}

	@Test
	void scopeTheTaskLeavesOpenIsClosedWithTheTasksScopeAndReported() {
		Runnable decorated;
		try (AuthContextScope scope = AuthContextHolder.open(SUBMITTER)) {
			decorated = this.decorator.decorate(() -> AuthContextHolder.open(AuthContext.builder("forgotten").build()));
		}
		try (AuthContextScope worker = AuthContextHolder.open(LEFTOVER)) {
			assertThatIllegalStateException().isThrownBy(decorated::run).withMessageContaining("out of order");
			// The forgotten identity must not outlive the task on the worker thread.
			assertThat(AuthContextHolder.current()).containsSame(LEFTOVER);
		}
	}

	@Test
	void decoratedTaskCanRunAgainAndGetsAFreshScopeEachTime() {
		AtomicReference<Optional<AuthContext>> inside = new AtomicReference<>();
		Runnable decorated;
		try (AuthContextScope scope = AuthContextHolder.open(SUBMITTER)) {
			decorated = this.decorator.decorate(() -> inside.set(AuthContextHolder.current()));
		}
		decorated.run();
		assertThat(inside.get()).containsSame(SUBMITTER);
		inside.set(null);
		decorated.run();
		assertThat(inside.get()).containsSame(SUBMITTER);
	}

	private static <T> T onNewThread(Callable<T> task) throws Exception {
		FutureTask<T> future = new FutureTask<>(task);
		new Thread(future, "auth-context-decorator-test").start();
		return future.get(10, TimeUnit.SECONDS);
	}

}
