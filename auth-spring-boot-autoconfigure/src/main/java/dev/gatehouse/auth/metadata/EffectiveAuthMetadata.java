package dev.gatehouse.auth.metadata;

import java.util.List;
import java.util.Objects;

/**
 * The resolved access rules of one boundary: whether it is explicitly public, and the
 * requirements that all must hold, in evaluation order ({@code AUTHENTICATED} first),
 * with the prepared {@code {placeholder}} references of those whose resource, action or
 * tenant depends on the call's arguments.
 *
 * @param publicAccess whether the boundary is declared {@code @PublicAccess}
 * @param requirements the requirements; empty for public and undecorated boundaries
 * @param references the prepared dynamic references, indexed like the requirements
 */
public record EffectiveAuthMetadata(boolean publicAccess, List<AuthRequirement> requirements,
		DynamicReferences references) {

	/** Metadata of code that carries no auth annotation at all: not a boundary. */
	public static final EffectiveAuthMetadata NONE = new EffectiveAuthMetadata(false, List.of());

	/** Metadata of an explicitly public boundary. */
	public static final EffectiveAuthMetadata PUBLIC = new EffectiveAuthMetadata(true, List.of());

	public EffectiveAuthMetadata {
		requirements = List.copyOf(requirements);
		Objects.requireNonNull(references, "references must not be null");
		if (publicAccess && !requirements.isEmpty()) {
			throw new IllegalArgumentException("a public boundary has no requirements");
		}
	}

	/**
	 * Creates metadata whose requirements are all static.
	 * @param publicAccess whether the boundary is declared {@code @PublicAccess}
	 * @param requirements the requirements
	 */
	public EffectiveAuthMetadata(boolean publicAccess, List<AuthRequirement> requirements) {
		this(publicAccess, requirements, DynamicReferences.NONE);
	}

	/**
	 * Whether calls must be checked.
	 * @return {@code true} when there is at least one requirement
	 */
	public boolean isProtected() {
		return !this.requirements.isEmpty();
	}

	/**
	 * Whether the code declares any access rule at all (public or protected).
	 * @return {@code true} for public and protected boundaries
	 */
	public boolean isBoundary() {
		return this.publicAccess || isProtected();
	}

}
