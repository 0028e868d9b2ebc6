package dev.gatehouse.auth.metadata;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The prepared dynamic references of a boundary, indexed like its requirements; a static
 * requirement has none. Boundaries without any {@code {placeholder}} share {@link #NONE},
 * so the enforcement path for them stays as it is without dynamic references.
 */
public final class DynamicReferences {

	/** No requirement of the boundary has a dynamic reference. */
	public static final DynamicReferences NONE = new DynamicReferences(new RequirementReferences[0]);

	private final @Nullable RequirementReferences[] references;

	private DynamicReferences(@Nullable RequirementReferences[] references) {
		this.references = references;
	}

	/**
	 * Creates the references of a boundary.
	 * @param references one entry per requirement, {@code null} for a static one
	 * @return the references, or {@link #NONE} when every entry is {@code null}
	 */
	public static DynamicReferences of(List<@Nullable RequirementReferences> references) {
		Objects.requireNonNull(references, "references must not be null");
		for (RequirementReferences reference : references) {
			if (reference != null) {
				return new DynamicReferences(references.toArray(new RequirementReferences[0]));
			}
		}
		return NONE;
	}

	/**
	 * Returns the references of the requirement at an index.
	 * @param index the requirement's index in
	 * {@link EffectiveAuthMetadata#requirements()}
	 * @return its references, or {@code null} when it is static
	 */
	public @Nullable RequirementReferences get(int index) {
		return (index < this.references.length) ? this.references[index] : null;
	}

	/**
	 * Whether no requirement has a dynamic reference.
	 * @return {@code true} for boundaries with static requirements only
	 */
	public boolean isEmpty() {
		return this.references.length == 0;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof DynamicReferences that
				&& Arrays.equals(templates(this.references), templates(that.references)));
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(templates(this.references));
	}

	@Override
	public String toString() {
		return Arrays.toString(this.references);
	}

	private static @Nullable String[] templates(@Nullable RequirementReferences[] references) {
		@Nullable String[] templates = new String[references.length * 3];
		for (int i = 0; i < references.length; i++) {
			RequirementReferences reference = references[i];
			if (reference != null) {
				templates[i * 3] = (reference.resource() != null) ? reference.resource().template() : null;
				templates[i * 3 + 1] = (reference.action() != null) ? reference.action().template() : null;
				templates[i * 3 + 2] = (reference.tenant() != null) ? reference.tenant().template() : null;
			}
		}
		return templates;
	}

}
