package dev.gatehouse.auth.spi;

import org.jspecify.annotations.Nullable;

/**
 * Argument checks shared by the request records of this package.
 */
final class RequestArguments {

	private RequestArguments() {
	}

	static String requireText(@Nullable String value, String name) {
		// An explicit check rather than requireNonNull(value, () -> ...): request records
		// are created on every
		// enforced call, and a capturing lambda would allocate whenever the checker call
		// is not inlined.
		if (value == null) {
			throw new NullPointerException(name + " must not be null");
		}
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
