package dev.gatehouse.auth.context;

import java.util.Optional;
import java.util.concurrent.Callable;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The ambient, per-thread {@link AuthContext}.
 *
 * <p>
 * A context is bound only inside an explicit {@link AuthContextScope}: inbound adapters
 * open one for exactly the request and close it in {@code finally}, so a pooled thread
 * never keeps a previous caller's identity. Propagation to other threads is deliberate:
 * Gatehouse's task decorator and Micrometer context-propagation (Reactor,
 * {@code ContextPropagatingTaskDecorator}) carry the context; a raw
 * {@link java.util.concurrent.ExecutorService} does not.
 */
public final class AuthContextHolder {

	private static final Log logger = LogFactory.getLog(AuthContextHolder.class);

	private static final ThreadLocal<AuthContextScope> CURRENT = new ThreadLocal<>();

	private AuthContextHolder() {
	}

	/**
	 * Returns the context bound to the current thread. Allocates nothing.
	 * @return the context, or empty when none is bound
	 */
	public static Optional<AuthContext> current() {
		AuthContextScope scope = CURRENT.get();
		return (scope != null) ? scope.context() : Optional.empty();
	}

	/**
	 * Returns the context bound to the current thread, failing when there is none.
	 * @return the context
	 * @throws AuthContextNotFoundException when no context is bound
	 */
	public static AuthContext require() {
		return current().orElseThrow(AuthContextNotFoundException::new);
	}

	/**
	 * Binds the given context to the current thread until the returned scope is closed.
	 * @param context the context, or {@code null} to bind "no context" inside the scope
	 * @return the scope to close, preferably with try-with-resources
	 */
	public static AuthContextScope open(@Nullable AuthContext context) {
		return push(context, false);
	}

	/**
	 * Calls the task with the given context bound, restoring the previous binding
	 * afterwards.
	 * @param <T> the result type
	 * @param context the context, or {@code null} for "no context"
	 * @param task the task
	 * @return the task's result
	 * @throws Exception whatever the task throws
	 */
	public static <T> T callWith(@Nullable AuthContext context, Callable<T> task) throws Exception {
		try (AuthContextScope scope = open(context)) {
			return task.call();
		}
	}

	/**
	 * Runs the task with the given context bound, restoring the previous binding
	 * afterwards.
	 * @param context the context, or {@code null} for "no context"
	 * @param task the task
	 */
	public static void runWith(@Nullable AuthContext context, Runnable task) {
		try (AuthContextScope scope = open(context)) {
			task.run();
		}
	}

	/**
	 * Opens a scope on behalf of context propagation (a task decorator or a thread-local
	 * accessor), which {@link #closePropagated()} closes again.
	 */
	static AuthContextScope openPropagated(@Nullable AuthContext context) {
		return push(context, true);
	}

	/**
	 * Closes the innermost scope that context propagation opened. Scopes that the
	 * propagated task opened on top of it and left open are closed with it: they were
	 * opened inside the propagation and must not outlive it on a pooled thread. This
	 * never throws, because Micrometer restores the other thread-locals (MDC,
	 * observations) in the same loop and an exception would leave those behind; the leak
	 * is logged instead. Scopes below it belong to the application and are left alone;
	 * without a propagated scope nothing happens.
	 */
	static void closePropagated() {
		for (AuthContextScope candidate = CURRENT.get(); candidate != null; candidate = candidate.previous()) {
			if (candidate.isPropagated()) {
				int leaked = unwind(candidate);
				if (leaked > 0 && logger.isWarnEnabled()) {
					logger.warn("A propagated task left " + leaked + " AuthContextScope(s) open; they have been "
							+ "closed. Close scopes with try-with-resources.");
				}
				return;
			}
		}
	}

	private static AuthContextScope push(@Nullable AuthContext context, boolean propagated) {
		AuthContextScope scope = new AuthContextScope(context, CURRENT.get(), propagated);
		CURRENT.set(scope);
		return scope;
	}

	static void close(AuthContextScope scope) {
		if (scope.isClosed()) {
			return;
		}
		if (!isOpenOnThisThread(scope)) {
			throw new IllegalStateException("AuthContextScope is not open on this thread: it was opened on another "
					+ "thread or already closed by an enclosing scope. Close a scope on the thread that opened it.");
		}
		int nestedStillOpen = unwind(scope);
		if (nestedStillOpen > 0) {
			throw new IllegalStateException("AuthContextScope closed out of order: " + nestedStillOpen
					+ " scope(s) opened inside it were still open and have been closed with it. "
					+ "Close scopes in reverse order of opening (use try-with-resources).");
		}
	}

	private static boolean isOpenOnThisThread(AuthContextScope scope) {
		for (AuthContextScope candidate = CURRENT.get(); candidate != null; candidate = candidate.previous()) {
			if (candidate == scope) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Closes the scope and every scope opened inside it (leaving them bound would let an
	 * identity outlive its scope), then restores the binding from before the scope.
	 * @return how many inner scopes were still open
	 */
	private static int unwind(AuthContextScope scope) {
		int nestedStillOpen = 0;
		for (AuthContextScope inner = CURRENT.get(); inner != scope && inner != null; inner = inner.previous()) {
			inner.markClosed();
			nestedStillOpen++;
		}
		scope.markClosed();
		restore(scope.previous());
		return nestedStillOpen;
	}

	private static void restore(@Nullable AuthContextScope previous) {
		// set(null) rather than remove(): both leave no identity on a pooled thread, but
		// remove() made the next
		// request's set() allocate a new map entry and rescan the thread's map, on every
		// request.
		CURRENT.set(previous);
	}

}
