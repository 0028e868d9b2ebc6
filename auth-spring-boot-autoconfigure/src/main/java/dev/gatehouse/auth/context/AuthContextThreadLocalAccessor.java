package dev.gatehouse.auth.context;

import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

/**
 * Makes the ambient {@link AuthContext} visible to Micrometer context-propagation, so
 * that Reactor's automatic context propagation and Spring's
 * {@code ContextPropagatingTaskDecorator} carry it across threads.
 *
 * <p>
 * Registered through {@code META-INF/services}. Each restored value is a fresh
 * {@link AuthContextScope} that is closed when the propagation scope ends, so it never
 * outlives the task.
 */
public final class AuthContextThreadLocalAccessor implements ThreadLocalAccessor<AuthContext> {

	/**
	 * The key under which the context is propagated (also the Reactor {@code Context}
	 * key).
	 */
	public static final String KEY = "dev.gatehouse.auth.AuthContext";

	@Override
	public Object key() {
		return KEY;
	}

	@Override
	public @Nullable AuthContext getValue() {
		return AuthContextHolder.current().orElse(null);
	}

	@Override
	public void setValue(AuthContext value) {
		AuthContextHolder.openPropagated(value);
	}

	@Override
	public void setValue() {
		AuthContextHolder.openPropagated(null);
	}

	@Override
	public void restore(AuthContext previousValue) {
		AuthContextHolder.closePropagated();
	}

	@Override
	public void restore() {
		AuthContextHolder.closePropagated();
	}

}
