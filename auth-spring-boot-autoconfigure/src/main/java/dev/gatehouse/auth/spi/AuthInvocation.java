package dev.gatehouse.auth.spi;

import java.util.Map;
import java.util.Objects;

import dev.gatehouse.auth.context.AuthSubject;
import org.jspecify.annotations.Nullable;

/**
 * Describes the call being authenticated or authorized, for providers that decide by
 * where a call comes in.
 *
 * @param boundary the kind of entry point, for example {@code HTTP}, {@code MESSAGE} or
 * {@code METHOD}
 * @param operation what is called, for example {@code "GET /documents/{id}"}
 * @param subject the caller when already known, or {@code null}
 * @param attributes further attributes (handler name, message destination); values may
 * not be null
 */
public record AuthInvocation(String boundary, String operation, @Nullable AuthSubject subject,
		Map<String, Object> attributes) {

	public AuthInvocation {
		RequestArguments.requireText(boundary, "boundary");
		RequestArguments.requireText(operation, "operation");
		attributes = Map.copyOf(Objects.requireNonNull(attributes, "attributes must not be null"));
	}

	/**
	 * Describes a call with no subject and no attributes.
	 * @param boundary the kind of entry point
	 * @param operation what is called
	 * @return the invocation
	 */
	public static AuthInvocation of(String boundary, String operation) {
		return new AuthInvocation(boundary, operation, null, Map.of());
	}

}
