package dev.gatehouse.auth.metadata;

import java.lang.reflect.Method;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;

/**
 * How observations and audit events name a protected method: {@code HTTP} for a
 * controller handler and {@code METHOD} otherwise, named by {@link Boundaries#name}.
 * Computed once per method by {@link MethodBoundaries}.
 *
 * @param kind the kind of boundary, {@code METHOD} or {@code HTTP}
 * @param name the boundary's {@code Class#method} name
 */
public record MethodBoundary(AuthBoundaryKind kind, String name) {

	public MethodBoundary {
		Objects.requireNonNull(kind, "kind must not be null");
		Objects.requireNonNull(name, "name must not be null");
	}

	/**
	 * Describes a method as called on a target.
	 * @param method the method
	 * @param target the object it is called on, or {@code null} to name it by its
	 * declaring class
	 * @return the boundary
	 */
	public static MethodBoundary of(Method method, @Nullable Object target) {
		Class<?> type = ClassUtils.getUserClass((target != null) ? target.getClass() : method.getDeclaringClass());
		// Controller handlers are the HTTP boundary, in observations and audit events
		// alike.
		AuthBoundaryKind kind = AnnotatedElementUtils.hasAnnotation(type, Controller.class) ? AuthBoundaryKind.HTTP
				: AuthBoundaryKind.METHOD;
		return new MethodBoundary(kind, Boundaries.name(type, method));
	}

}
