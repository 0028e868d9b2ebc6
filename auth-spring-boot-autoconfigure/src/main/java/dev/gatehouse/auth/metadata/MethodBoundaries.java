package dev.gatehouse.auth.metadata;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The {@link MethodBoundary} of each protected method, computed on its first call and
 * then read without allocating: the one place observations and audit events get a
 * method's boundary kind and name. Thread-safe; one instance is shared by everything one
 * interceptor reports to.
 */
public final class MethodBoundaries {

	private final Map<Method, MethodBoundary> boundaries = new ConcurrentHashMap<>();

	/**
	 * Returns the boundary of a method as called on a target; a method is described by
	 * the first target it is called on.
	 * @param method the method
	 * @param target the object it is called on, or {@code null}
	 * @return the boundary
	 */
	public MethodBoundary get(Method method, @Nullable Object target) {
		MethodBoundary boundary = this.boundaries.get(method);
		if (boundary == null) {
			boundary = MethodBoundary.of(method, target);
			MethodBoundary raced = this.boundaries.putIfAbsent(method, boundary);
			return (raced != null) ? raced : boundary;
		}
		return boundary;
	}

}
