package dev.gatehouse.auth.metadata;

import java.util.List;

/**
 * The resolved access rules of one boundary: whether it is explicitly public, and the requirements that all
 * must hold, in evaluation order ({@code AUTHENTICATED} first).
 *
 * @param publicAccess whether the boundary is declared {@code @PublicAccess}
 * @param requirements the requirements; empty for public and undecorated boundaries
 */
public record EffectiveAuthMetadata(boolean publicAccess, List<AuthRequirement> requirements) {

	/** Metadata of code that carries no auth annotation at all: not a boundary. */
	public static final EffectiveAuthMetadata NONE = new EffectiveAuthMetadata(false, List.of());

	/** Metadata of an explicitly public boundary. */
	public static final EffectiveAuthMetadata PUBLIC = new EffectiveAuthMetadata(true, List.of());

	public EffectiveAuthMetadata {
		requirements = List.copyOf(requirements);
		if (publicAccess && !requirements.isEmpty()) {
			throw new IllegalArgumentException("a public boundary has no requirements");
		}
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
