package dev.gatehouse.auth.metadata;

import dev.gatehouse.auth.spi.InvocationResolver.Reference;
import org.jspecify.annotations.Nullable;

/**
 * The prepared dynamic references of one requirement; a field is {@code null} when that
 * attribute is static (or not set) and the requirement's own value applies.
 *
 * @param resource the prepared resource template, or {@code null}
 * @param action the prepared action template, or {@code null}
 * @param tenant the prepared tenant template, or {@code null}
 */
public record RequirementReferences(@Nullable Reference resource, @Nullable Reference action,
		@Nullable Reference tenant) {

	public RequirementReferences {
		if (resource == null && action == null && tenant == null) {
			throw new IllegalArgumentException("at least one reference must be dynamic");
		}
	}

}
