package dev.gatehouse.auth.metadata;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

/**
 * Tells which parameters of a method receive values a client sent, such as a Spring MVC
 * handler's {@code @PathVariable} or {@code @RequestParam}. A dynamic reference that a
 * request leaves without a value (null or blank) is then the client's mistake, refused as
 * a bad request, rather than an internal error.
 *
 * <p>
 * Consulted once per boundary with dynamic references, when its metadata is resolved;
 * never per call.
 */
@FunctionalInterface
public interface RequestValueParameters {

	/** Knows no request values: every value comes from code. */
	RequestValueParameters NONE = (method, targetClass) -> null;

	/**
	 * Describes the parameters of a method that receive request values.
	 * @param method the method, as declared by the target class or its supertypes
	 * @param targetClass the user class the method is invoked on
	 * @return one entry per parameter: how a client would name the value bound to it (for
	 * example {@code path variable 'tenant'}), or {@code null} for a parameter whose
	 * value comes from code; {@code null} when the method receives no request values at
	 * all (it is not a request handler)
	 */
	@Nullable String @Nullable [] describe(Method method, Class<?> targetClass);

}
