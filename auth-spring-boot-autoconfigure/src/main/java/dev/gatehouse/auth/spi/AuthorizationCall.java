package dev.gatehouse.auth.spi;

import java.lang.reflect.Method;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The protected call a {@link BoundaryDecider} decides for: the method (the boundary) and
 * its arguments, so that a decider can send what the call is about (for example a
 * document's owner) to a remote engine.
 *
 * <p>
 * The arguments are the call's own array, not a copy: read them, never change them.
 */
public final class AuthorizationCall {

	private static final Object[] NO_ARGUMENTS = {};

	private static final AuthorizationCall UNKNOWN = new AuthorizationCall(null, NO_ARGUMENTS);

	private final @Nullable Method method;

	private final @Nullable Object[] arguments;

	/**
	 * Describes a call.
	 * @param method the protected method, or {@code null} when the requirements are
	 * enforced without one
	 * @param arguments the call's arguments (held, not copied)
	 */
	public AuthorizationCall(@Nullable Method method, @Nullable Object[] arguments) {
		this.method = method;
		this.arguments = Objects.requireNonNull(arguments, "arguments must not be null");
	}

	/**
	 * Returns the call of requirements enforced without a method and without arguments.
	 * @return the shared instance
	 */
	public static AuthorizationCall unknown() {
		return UNKNOWN;
	}

	/**
	 * Returns the protected method.
	 * @return the method, or {@code null} when none is known
	 */
	public @Nullable Method method() {
		return this.method;
	}

	/**
	 * Returns the call's arguments, in parameter order.
	 * @return the arguments; never modify the array
	 */
	public @Nullable Object[] arguments() {
		return this.arguments;
	}

	@Override
	public String toString() {
		// Arguments may be anything the caller sent: only the boundary is named.
		Method method = this.method;
		return "AuthorizationCall["
				+ ((method != null) ? method.getDeclaringClass().getSimpleName() + "." + method.getName() : "unknown")
				+ "]";
	}

}
