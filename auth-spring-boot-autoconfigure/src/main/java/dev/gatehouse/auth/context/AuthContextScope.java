package dev.gatehouse.auth.context;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A binding of one {@link AuthContext} (or of "no context") to the current thread, opened
 * by {@link AuthContextHolder#open(AuthContext)} and undone by {@link #close()}.
 *
 * <p>
 * Use it with try-with-resources. Scopes nest; closing restores what was bound before.
 * Closing twice is a no-op. Closing a scope while scopes opened inside it are still open,
 * or on another thread, throws {@link IllegalStateException}: in the first case the inner
 * scopes are closed too, so no identity outlives the scope that bound it.
 */
public final class AuthContextScope implements AutoCloseable {

	private final Optional<AuthContext> context;

	private final @Nullable AuthContextScope previous;

	private final boolean propagated;

	private boolean closed;

	AuthContextScope(@Nullable AuthContext context, @Nullable AuthContextScope previous, boolean propagated) {
		// The Optional is created once here so that reading the ambient context allocates
		// nothing.
		this.context = Optional.ofNullable(context);
		this.previous = previous;
		this.propagated = propagated;
	}

	/**
	 * Returns the context this scope binds.
	 * @return the bound context, or empty when the scope binds "no context"
	 */
	public Optional<AuthContext> context() {
		return this.context;
	}

	@Nullable AuthContextScope previous() {
		return this.previous;
	}

	boolean isPropagated() {
		return this.propagated;
	}

	boolean isClosed() {
		return this.closed;
	}

	void markClosed() {
		this.closed = true;
	}

	/**
	 * Restores the binding that was in place when this scope was opened.
	 * @throws IllegalStateException if the scope is closed out of order or on another
	 * thread
	 */
	@Override
	public void close() {
		AuthContextHolder.close(this);
	}

	@Override
	public String toString() {
		return "AuthContextScope[subject=" + this.context.map((ctx) -> ctx.subject().id()).orElse("<none>")
				+ ", closed=" + this.closed + "]";
	}

}
