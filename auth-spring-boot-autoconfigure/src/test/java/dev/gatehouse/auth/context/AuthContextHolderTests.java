package dev.gatehouse.auth.context;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ambient, per-thread binding: scopes nest and restore, misuse is detected without
 * corrupting state.
 */
class AuthContextHolderTests {

	private static final AuthContext ALICE = AuthContext.builder("alice").roles("reader").build();

	private static final AuthContext BOB = AuthContext.builder("bob").build();

	private static final AuthContext CAROL = AuthContext.builder("carol").build();

	@AfterEach
	void leavesNoBindingBehind() {
		// Every test must restore the test thread; a leftover here would mean a scope
		// outlived its block.
		assertThat(AuthContextHolder.current()).isEmpty();
	}

	@Test
	void hasNoContextByDefault() {
		assertThat(AuthContextHolder.current()).isEmpty();
		assertThatExceptionOfType(AuthContextNotFoundException.class).isThrownBy(AuthContextHolder::require);
	}

	@Test
	void openBindsAndCloseRestoresNoContext() {
		AuthContextScope scope = AuthContextHolder.open(ALICE);
		assertThat(AuthContextHolder.current()).containsSame(ALICE);
		assertThat(AuthContextHolder.require()).isSameAs(ALICE);
		assertThat(scope.context()).containsSame(ALICE);
		scope.close();
		assertThat(AuthContextHolder.current()).isEmpty();
	}

	@Test
	void nestedScopesRestoreEachLevel() {
		try (AuthContextScope first = AuthContextHolder.open(ALICE)) {
			try (AuthContextScope second = AuthContextHolder.open(BOB)) {
				try (AuthContextScope third = AuthContextHolder.open(CAROL)) {
					assertThat(AuthContextHolder.current()).containsSame(CAROL);
				}
				assertThat(AuthContextHolder.current()).containsSame(BOB);
			}
			assertThat(AuthContextHolder.current()).containsSame(ALICE);
		}
		assertThat(AuthContextHolder.current()).isEmpty();
	}

	@Test
	void openWithNullBindsNoContextInsideAndRestoresOuterContextAfter() {
		try (AuthContextScope outer = AuthContextHolder.open(ALICE)) {
			try (AuthContextScope none = AuthContextHolder.open(null)) {
				assertThat(AuthContextHolder.current()).isEmpty();
				assertThat(none.context()).isEmpty();
				assertThatExceptionOfType(AuthContextNotFoundException.class).isThrownBy(AuthContextHolder::require)
					.satisfies((ex) -> {
						assertThat(ex.decision().state()).isEqualTo(AuthorizationDecisionState.CHALLENGE);
						assertThat(ex.decision().reasonCode()).isEqualTo(AuthorizationReasonCode.MISSING_CREDENTIAL);
						assertThat(ex.getMessage()).isNotBlank();
					});
			}
			assertThat(AuthContextHolder.current()).containsSame(ALICE);
		}
	}

	@Test
	void closingTwiceIsANoOp() {
		try (AuthContextScope outer = AuthContextHolder.open(ALICE)) {
			AuthContextScope inner = AuthContextHolder.open(BOB);
			inner.close();
			inner.close();
			// The second close must not pop the outer scope.
			assertThat(AuthContextHolder.current()).containsSame(ALICE);
		}
	}

	@Test
	void closingOutOfOrderThrowsAndUnwindsInnerScopes() {
		try (AuthContextScope base = AuthContextHolder.open(ALICE)) {
			AuthContextScope outer = AuthContextHolder.open(BOB);
			AuthContextScope inner = AuthContextHolder.open(CAROL);

			assertThatIllegalStateException().isThrownBy(outer::close).withMessageContaining("out of order");
			// Neither the inner identity nor the outer one may survive: the thread is
			// back to what outer replaced.
			assertThat(AuthContextHolder.current()).containsSame(ALICE);

			inner.close();
			assertThat(AuthContextHolder.current()).containsSame(ALICE);
			outer.close();
			assertThat(AuthContextHolder.current()).containsSame(ALICE);
		}
	}

	@Test
	void closingOnAnotherThreadThrowsAndChangesNeitherThread() throws Exception {
		try (AuthContextScope scope = AuthContextHolder.open(ALICE)) {
			AtomicReference<Optional<AuthContext>> otherThreadAfter = new AtomicReference<>();
			Throwable failure = onNewThread(() -> {
				try (AuthContextScope own = AuthContextHolder.open(BOB)) {
					try {
						scope.close();
						return null;
					}
					catch (IllegalStateException ex) {
						return ex;
					}
					finally {
						otherThreadAfter.set(AuthContextHolder.current());
					}
				}
			});
			assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessageContaining("another thread");
			assertThat(otherThreadAfter.get()).containsSame(BOB);
			assertThat(AuthContextHolder.current()).containsSame(ALICE);
		}
	}

	@Test
	void callWithBindsForTheDurationAndReturnsTheResult() throws Exception {
		try (AuthContextScope outer = AuthContextHolder.open(ALICE)) {
			String subject = AuthContextHolder.callWith(BOB, () -> AuthContextHolder.require().subject().id());
			assertThat(subject).isEqualTo("bob");
			assertThat(AuthContextHolder.current()).containsSame(ALICE);
		}
	}

	@Test
	void callWithRestoresAndPropagatesTheTasksException() {
		IOException failure = new IOException("boom");
		try (AuthContextScope outer = AuthContextHolder.open(ALICE)) {
			assertThatThrownBy(() -> AuthContextHolder.callWith(BOB, () -> {
				assertThat(AuthContextHolder.current()).containsSame(BOB);
				throw failure;
			})).isSameAs(failure);
			assertThat(AuthContextHolder.current()).containsSame(ALICE);
		}
	}

	@Test
	void callWithNullRunsWithoutContext() throws Exception {
		try (AuthContextScope outer = AuthContextHolder.open(ALICE)) {
			Optional<AuthContext> seen = AuthContextHolder.callWith(null, AuthContextHolder::current);
			assertThat(seen).isEmpty();
			assertThat(AuthContextHolder.current()).containsSame(ALICE);
		}
	}

	@Test
	void runWithBindsForTheDuration() {
		AtomicReference<Optional<AuthContext>> seen = new AtomicReference<>();
		AuthContextHolder.runWith(BOB, () -> seen.set(AuthContextHolder.current()));
		assertThat(seen.get()).containsSame(BOB);
		assertThat(AuthContextHolder.current()).isEmpty();
	}

	@Test
	void runWithRestoresAndPropagatesTheTasksException() {
		IllegalArgumentException failure = new IllegalArgumentException("boom");
		try (AuthContextScope outer = AuthContextHolder.open(ALICE)) {
			assertThatThrownBy(() -> AuthContextHolder.runWith(BOB, () -> {
				throw failure;
			})).isSameAs(failure);
			assertThat(AuthContextHolder.current()).containsSame(ALICE);
		}
	}

	@Test
	void currentReturnsTheSameInstanceOnRepeatedReads() {
		assertThat(AuthContextHolder.current()).isSameAs(AuthContextHolder.current());
		try (AuthContextScope scope = AuthContextHolder.open(ALICE)) {
			Optional<AuthContext> first = AuthContextHolder.current();
			assertThat(AuthContextHolder.current()).isSameAs(first);
			assertThat(scope.context()).isSameAs(first);
		}
	}

	@Test
	void newThreadSeesNoContext() throws Exception {
		try (AuthContextScope scope = AuthContextHolder.open(ALICE)) {
			assertThat(onNewThread(AuthContextHolder::current)).isEmpty();
		}
	}

	@Test
	void scopeToStringNamesTheSubjectButNoCredential() {
		AuthContext withCredential = AuthContext.builder("dave")
			.credentialCarrier(new CredentialCarrier(CredentialCarrierKind.BEARER_TOKEN,
					CredentialCarrierLocation.AUTHORIZATION_HEADER, "s3cr3t-token", "Authorization", "Bearer"))
			.build();
		try (AuthContextScope scope = AuthContextHolder.open(withCredential)) {
			assertThat(scope.toString()).contains("dave").doesNotContain("s3cr3t-token");
		}
		try (AuthContextScope none = AuthContextHolder.open(null)) {
			assertThat(none.toString()).contains("<none>");
		}
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void newVirtualThreadSeesNoContextAndScopesBehaveTheSame() throws Throwable {
		AtomicReference<Object> failure = new AtomicReference<>();
		AtomicReference<Optional<AuthContext>> atStart = new AtomicReference<>();
		AtomicReference<Optional<AuthContext>> atEnd = new AtomicReference<>();
		AtomicReference<Boolean> virtual = new AtomicReference<>();
		try (AuthContextScope scope = AuthContextHolder.open(ALICE)) {
			Thread thread = startVirtualThread(() -> {
				try {
					virtual.set(isVirtual(Thread.currentThread()));
					atStart.set(AuthContextHolder.current());
					try (AuthContextScope outer = AuthContextHolder.open(BOB)) {
						try (AuthContextScope none = AuthContextHolder.open(null)) {
							assertThat(AuthContextHolder.current()).isEmpty();
						}
						assertThat(AuthContextHolder.current()).containsSame(BOB);
					}
					atEnd.set(AuthContextHolder.current());
				}
				catch (Throwable ex) {
					failure.set(ex);
				}
			});
			thread.join(10_000);
			assertThat(thread.isAlive()).isFalse();
			assertThat(AuthContextHolder.current()).containsSame(ALICE);
		}
		assertThat(failure.get()).isNull();
		assertThat(virtual.get()).isTrue();
		assertThat(atStart.get()).isEmpty();
		assertThat(atEnd.get()).isEmpty();
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void decoratedTaskOnVirtualThreadSeesTheSubmittersContext() throws Throwable {
		AtomicReference<Optional<AuthContext>> seen = new AtomicReference<>();
		Runnable decorated;
		try (AuthContextScope scope = AuthContextHolder.open(ALICE)) {
			decorated = new AuthContextTaskDecorator().decorate(() -> seen.set(AuthContextHolder.current()));
		}
		Thread thread = startVirtualThread(decorated);
		thread.join(10_000);
		assertThat(thread.isAlive()).isFalse();
		assertThat(seen.get()).containsSame(ALICE);
	}

	private static <T> T onNewThread(Callable<T> task) throws Exception {
		FutureTask<T> future = new FutureTask<>(task);
		new Thread(future, "auth-context-holder-test").start();
		return future.get(10, TimeUnit.SECONDS);
	}

	// The tests compile against Java 17, where virtual threads do not exist: reach them
	// reflectively.
	private static Thread startVirtualThread(Runnable task) throws Throwable {
		MethodHandle start = MethodHandles.publicLookup()
			.findStatic(Thread.class, "startVirtualThread", MethodType.methodType(Thread.class, Runnable.class));
		return (Thread) start.invoke(task);
	}

	private static boolean isVirtual(Thread thread) throws Throwable {
		MethodHandle isVirtual = MethodHandles.publicLookup()
			.findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
		return (boolean) isVirtual.invoke(thread);
	}

}
