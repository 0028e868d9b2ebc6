package dev.gatehouse.auth.metadata;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The prepared dynamic references of a boundary, indexed like its requirements; a static
 * requirement has none. Boundaries without any {@code {placeholder}} share {@link #NONE},
 * so the enforcement path for them stays as it is without dynamic references.
 *
 * <p>
 * Also knows which of the boundary's parameters receive request values (see
 * {@link RequestValueParameters}), decided once when the metadata is resolved, so that a
 * reference a request leaves without a value can be refused as the client's mistake.
 */
public final class DynamicReferences {

	/** No requirement of the boundary has a dynamic reference. */
	public static final DynamicReferences NONE = new DynamicReferences(new RequirementReferences[0], new String[0]);

	private final @Nullable RequirementReferences[] references;

	private final @Nullable String[] requestValues;

	private DynamicReferences(@Nullable RequirementReferences[] references, @Nullable String[] requestValues) {
		this.references = references;
		this.requestValues = requestValues;
	}

	/**
	 * Creates the references of a boundary whose parameters all receive values from code.
	 * @param references one entry per requirement, {@code null} for a static one
	 * @return the references, or {@link #NONE} when every entry is {@code null}
	 */
	public static DynamicReferences of(List<@Nullable RequirementReferences> references) {
		return of(references, null);
	}

	/**
	 * Creates the references of a boundary.
	 * @param references one entry per requirement, {@code null} for a static one
	 * @param requestValues one entry per parameter of the boundary's method, describing
	 * the request value bound to it (see {@link RequestValueParameters#describe}), or
	 * {@code null} when no parameter receives one
	 * @return the references, or {@link #NONE} when every entry is {@code null}
	 */
	public static DynamicReferences of(List<@Nullable RequirementReferences> references,
			@Nullable String @Nullable [] requestValues) {
		Objects.requireNonNull(references, "references must not be null");
		for (RequirementReferences reference : references) {
			if (reference != null) {
				return new DynamicReferences(references.toArray(new RequirementReferences[0]),
						(requestValues != null) ? requestValues.clone() : new String[0]);
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
	 * Describes the request value a parameter receives.
	 * @param parameterIndex the parameter's index; any value, {@code -1} for "not known"
	 * @return how a client names the value (for example {@code path variable 'tenant'}),
	 * or {@code null} when the parameter's value comes from code or the index is not a
	 * parameter's
	 */
	public @Nullable String requestValue(int parameterIndex) {
		return (parameterIndex >= 0 && parameterIndex < this.requestValues.length) ? this.requestValues[parameterIndex]
				: null;
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
				&& Arrays.equals(templates(this.references), templates(that.references))
				&& Arrays.equals(this.requestValues, that.requestValues));
	}

	@Override
	public int hashCode() {
		return 31 * Arrays.hashCode(templates(this.references)) + Arrays.hashCode(this.requestValues);
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
