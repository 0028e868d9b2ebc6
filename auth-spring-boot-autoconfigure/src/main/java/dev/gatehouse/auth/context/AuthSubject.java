package dev.gatehouse.auth.context;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Who the caller is: a stable identifier and an optional display name.
 *
 * @param id the stable subject identifier; never blank
 * @param displayName a human-readable name, or {@code null}
 */
public record AuthSubject(String id, @Nullable String displayName) {

	public AuthSubject {
		Objects.requireNonNull(id, "subject id must not be null");
		if (id.isBlank()) {
			throw new IllegalArgumentException("subject id must not be blank");
		}
	}

	/**
	 * Creates a subject without a display name.
	 * @param id the stable subject identifier
	 * @return the subject
	 */
	public static AuthSubject of(String id) {
		return new AuthSubject(id, null);
	}

}
