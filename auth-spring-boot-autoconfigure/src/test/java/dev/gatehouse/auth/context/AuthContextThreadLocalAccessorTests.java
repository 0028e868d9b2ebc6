package dev.gatehouse.auth.context;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.ThreadLocalAccessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Micrometer context-propagation carries the ambient context: the accessor is registered
 * under its key, and a snapshot binds the context on another thread only for the lifetime
 * of its scope.
 */
class AuthContextThreadLocalAccessorTests {

	private static final AuthContext ALICE = AuthContext.builder("alice").build();

	private static final AuthContext LEFTOVER = AuthContext.builder("leftover").build();

	@AfterEach
	void leavesNoBindingBehind() {
		assertThat(AuthContextHolder.current()).isEmpty();
	}

	@Test
	void isRegisteredWithTheGlobalRegistryUnderTheContextKey() {
		assertThat(AuthContextThreadLocalAccessor.KEY).isEqualTo("dev.gatehouse.auth.AuthContext");
		assertThat(ContextRegistry.getInstance().getThreadLocalAccessors())
			.filteredOn((accessor) -> AuthContextThreadLocalAccessor.KEY.equals(accessor.key()))
			.singleElement()
			.isInstanceOf(AuthContextThreadLocalAccessor.class);
	}

	@Test
	void exposesTheCurrentContextAsItsValue() {
		ThreadLocalAccessor<AuthContext> accessor = new AuthContextThreadLocalAccessor();
		assertThat(accessor.getValue()).isNull();
		try (AuthContextScope scope = AuthContextHolder.open(ALICE)) {
			assertThat(accessor.getValue()).isSameAs(ALICE);
		}
	}

	@Test
	void snapshotAppliedOnAnotherThreadBindsTheContextUntilItsScopeCloses() throws Exception {
		ContextSnapshot snapshot;
		try (AuthContextScope scope = AuthContextHolder.open(ALICE)) {
			snapshot = ContextSnapshotFactory.builder().build().captureAll();
		}
		AtomicReference<Optional<AuthContext>> inside = new AtomicReference<>();
		Optional<AuthContext> after = onNewThread(() -> {
			try (ContextSnapshot.Scope scope = snapshot.setThreadLocals()) {
				inside.set(AuthContextHolder.current());
			}
			return AuthContextHolder.current();
		});
		assertThat(inside.get()).containsSame(ALICE);
		assertThat(after).isEmpty();
	}

	@Test
	void snapshotScopeRestoresTheOtherThreadsOwnBinding() throws Exception {
		ContextSnapshot snapshot;
		try (AuthContextScope scope = AuthContextHolder.open(ALICE)) {
			snapshot = ContextSnapshotFactory.builder().build().captureAll();
		}
		AtomicReference<Optional<AuthContext>> inside = new AtomicReference<>();
		Optional<AuthContext> after = onNewThread(() -> {
			try (AuthContextScope own = AuthContextHolder.open(LEFTOVER)) {
				try (ContextSnapshot.Scope scope = snapshot.setThreadLocals()) {
					inside.set(AuthContextHolder.current());
				}
				return AuthContextHolder.current();
			}
		});
		assertThat(inside.get()).containsSame(ALICE);
		assertThat(after).containsSame(LEFTOVER);
	}

	@Test
	void snapshotWithoutContextAndClearMissingBindsNoContextUntilItsScopeCloses() throws Exception {
		// Micrometer 1.2 calls setValue() for a key absent from the snapshot when
		// clearMissing is set, and
		// restore(previous) when the scope closes.
		ContextSnapshot snapshot = ContextSnapshotFactory.builder().clearMissing(true).build().captureAll();
		AtomicReference<Optional<AuthContext>> inside = new AtomicReference<>();
		Optional<AuthContext> after = onNewThread(() -> {
			try (AuthContextScope own = AuthContextHolder.open(LEFTOVER)) {
				try (ContextSnapshot.Scope scope = snapshot.setThreadLocals()) {
					inside.set(AuthContextHolder.current());
				}
				return AuthContextHolder.current();
			}
		});
		assertThat(inside.get()).isEmpty();
		assertThat(after).containsSame(LEFTOVER);
	}

	@Test
	void snapshotScopeDoesNotLetAScopeTheTaskLeftOpenSurvive() throws Exception {
		ContextSnapshot snapshot;
		try (AuthContextScope scope = AuthContextHolder.open(ALICE)) {
			snapshot = ContextSnapshotFactory.builder().build().captureAll();
		}
		AtomicReference<AuthContextScope> leaked = new AtomicReference<>();
		Optional<AuthContext> after = onNewThread(() -> {
			// Closing the propagation scope must not throw: Micrometer restores the other
			// thread-locals in the
			// same loop, so the leak is cleaned up and logged instead.
			try (ContextSnapshot.Scope scope = snapshot.setThreadLocals()) {
				// A buggy task: opens a scope and never closes it.
				leaked.set(AuthContextHolder.open(LEFTOVER));
			}
			return AuthContextHolder.current();
		});
		assertThat(after).isEmpty();
		assertThat(leaked.get()).hasToString("AuthContextScope[subject=" + LEFTOVER.subject().id() + ", closed=true]");
	}

	@Test
	void restoreLeavesScopesOpenedByApplicationCodeBeforeThePropagationAlone() {
		ThreadLocalAccessor<AuthContext> accessor = new AuthContextThreadLocalAccessor();
		try (AuthContextScope own = AuthContextHolder.open(LEFTOVER)) {
			// No propagated scope is open: a stray restore must not close the
			// application's scope.
			accessor.restore();
			assertThat(AuthContextHolder.current()).containsSame(LEFTOVER);
		}
	}

	@Test
	void springContextPropagatingTaskDecoratorCarriesTheContext() throws Exception {
		Runnable decorated;
		AtomicReference<Optional<AuthContext>> inside = new AtomicReference<>();
		try (AuthContextScope scope = AuthContextHolder.open(ALICE)) {
			decorated = new ContextPropagatingTaskDecorator().decorate(() -> inside.set(AuthContextHolder.current()));
		}
		Optional<AuthContext> after = onNewThread(() -> {
			decorated.run();
			return AuthContextHolder.current();
		});
		assertThat(inside.get()).containsSame(ALICE);
		assertThat(after).isEmpty();
	}

	@Test
	void closingTheApplicationsOwnScopeInsideAPropagationStillFailsLoudly() {
		try (AuthContextScope own = AuthContextHolder.open(LEFTOVER)) {
			ContextSnapshot snapshot;
			try (AuthContextScope scope = AuthContextHolder.open(ALICE)) {
				snapshot = ContextSnapshotFactory.builder().build().captureAll();
			}
			try (ContextSnapshot.Scope scope = snapshot.setThreadLocals()) {
				// Closing an outer scope from inside the propagation is out of order:
				// reported, and the
				// propagated binding goes with it.
				assertThatIllegalStateException().isThrownBy(own::close);
				assertThat(AuthContextHolder.current()).isEmpty();
			}
			assertThat(AuthContextHolder.current()).isEmpty();
		}
	}

	private static <T> T onNewThread(Callable<T> task) throws Exception {
		FutureTask<T> future = new FutureTask<>(task);
		new Thread(future, "auth-context-accessor-test").start();
		return future.get(10, TimeUnit.SECONDS);
	}

}
