package dev.gatehouse.auth.context;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One named attribute of the caller (an e-mail address, a department, an age) whose value
 * is a JSON scalar, so that it survives a signed snapshot unchanged.
 *
 * @param name the claim name; never blank
 * @param value a {@link String}, {@link Long}, {@link Integer}, finite {@link Double},
 * {@link Boolean} or {@code null}; anything else is rejected
 */
public record AuthClaim(String name, @Nullable Object value) {

	public AuthClaim {
		Objects.requireNonNull(name, "claim name must not be null");
		if (name.isBlank()) {
			throw new IllegalArgumentException("claim name must not be blank");
		}
		if (!isJsonScalar(value)) {
			throw new IllegalArgumentException("claim '" + name + "' must have a JSON scalar value "
					+ "(String, Long, Integer, finite Double, Boolean or null), not "
					+ Objects.requireNonNull(value).getClass().getName());
		}
	}

	/**
	 * Creates a claim.
	 * @param name the claim name
	 * @param value the scalar value
	 * @return the claim
	 */
	public static AuthClaim of(String name, @Nullable Object value) {
		return new AuthClaim(name, value);
	}

	private static boolean isJsonScalar(@Nullable Object value) {
		if (value instanceof Double number) {
			return Double.isFinite(number);
		}
		return value == null || value instanceof String || value instanceof Long || value instanceof Integer
				|| value instanceof Boolean;
	}

}
