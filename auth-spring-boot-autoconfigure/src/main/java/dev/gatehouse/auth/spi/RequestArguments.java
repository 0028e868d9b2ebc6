package dev.gatehouse.auth.spi;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Argument checks shared by the request records of this package.
 */
final class RequestArguments {

	private RequestArguments() {
	}

	static String requireText(@Nullable String value, String name) {
		Objects.requireNonNull(value, () -> name + " must not be null");
		if (value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
		return value;
	}

	static @Nullable String optionalText(@Nullable String value, String name) {
		if (value != null && value.isBlank()) {
			throw new IllegalArgumentException(name + " must be null or non-blank");
		}
		return value;
	}

}
