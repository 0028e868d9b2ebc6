package dev.gatehouse.auth.startup;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.gatehouse.auth.metadata.EffectiveAuthMetadata;
import dev.gatehouse.auth.spi.AuthCapability;

/**
 * What startup validation found: the capabilities the application requires (and which
 * boundaries or properties require them), the providers of every capability, and every
 * boundary with its metadata. Immutable and thread-safe; meant for tooling such as an
 * Actuator endpoint.
 *
 * <p>
 * In a running application every required capability has exactly one provider, since
 * validation fails startup otherwise.
 */
public final class AuthCapabilityReport {

	private final Map<AuthCapability, List<String>> requiredCapabilities;

	private final Map<AuthCapability, Providers> providers;

	private final List<Boundary> boundaries;

	/**
	 * Creates a report.
	 * @param requiredCapabilities each required capability with its sorted
	 * {@code requiredBy} entries
	 * @param providers the providers of each capability; capabilities without an entry
	 * have none
	 * @param boundaries every boundary found, sorted by name
	 */
	public AuthCapabilityReport(Map<AuthCapability, List<String>> requiredCapabilities,
			Map<AuthCapability, Providers> providers, List<Boundary> boundaries) {
		Objects.requireNonNull(requiredCapabilities, "requiredCapabilities must not be null");
		Objects.requireNonNull(providers, "providers must not be null");
		EnumMap<AuthCapability, List<String>> required = new EnumMap<>(AuthCapability.class);
		requiredCapabilities.forEach((capability, requiredBy) -> required.put(capability, List.copyOf(requiredBy)));
		EnumMap<AuthCapability, Providers> allProviders = new EnumMap<>(AuthCapability.class);
		for (AuthCapability capability : AuthCapability.values()) {
			allProviders.put(capability, providers.getOrDefault(capability, Providers.NONE));
		}
		this.requiredCapabilities = Collections.unmodifiableMap(required);
		this.providers = Collections.unmodifiableMap(allProviders);
		this.boundaries = List.copyOf(boundaries);
	}

	/**
	 * Returns the required capabilities, in {@link AuthCapability} declaration order,
	 * each with the sorted {@code Class#method} boundaries (or property names) that
	 * require it.
	 * @return the required capabilities; unmodifiable
	 */
	public Map<AuthCapability, List<String>> requiredCapabilities() {
		return this.requiredCapabilities;
	}

	/**
	 * Whether anything in the application requires the capability.
	 * @param capability the capability
	 * @return {@code true} if at least one boundary or property requires it
	 */
	public boolean isRequired(AuthCapability capability) {
		return this.requiredCapabilities.containsKey(capability);
	}

	/**
	 * Returns the providers of every capability, required or not.
	 * @return one entry per capability; unmodifiable
	 */
	public Map<AuthCapability, Providers> providers() {
		return this.providers;
	}

	/**
	 * Returns the providers of one capability.
	 * @param capability the capability
	 * @return the providers; {@link Providers#NONE} when no bean provides it
	 */
	public Providers providers(AuthCapability capability) {
		return Objects.requireNonNullElse(this.providers.get(capability), Providers.NONE);
	}

	/**
	 * Returns every public or protected boundary found, sorted by name.
	 * @return the boundaries; unmodifiable
	 */
	public List<Boundary> boundaries() {
		return this.boundaries;
	}

	@Override
	public String toString() {
		return "AuthCapabilityReport[requiredCapabilities=" + this.requiredCapabilities + ", providers="
				+ this.providers + ", boundaries=" + this.boundaries.size() + "]";
	}

	/**
	 * The beans that provide one capability.
	 *
	 * @param beanNames the names of the beans implementing the capability's port, sorted
	 * @param providerIds the ids of the
	 * {@link dev.gatehouse.auth.spi.AuthProviderContribution} beans that claim the
	 * capability, sorted
	 */
	public record Providers(List<String> beanNames, List<String> providerIds) {

		/** No provider at all. */
		public static final Providers NONE = new Providers(List.of(), List.of());

		public Providers {
			beanNames = List.copyOf(beanNames);
			providerIds = List.copyOf(providerIds);
		}

		/**
		 * Returns how many beans provide the capability.
		 * @return the number of provider beans
		 */
		public int count() {
			return this.beanNames.size();
		}

	}

	/**
	 * One public or protected method of an application bean.
	 *
	 * @param name the boundary as {@code SimpleClassName#method}
	 * @param metadata the effective metadata
	 */
	public record Boundary(String name, EffectiveAuthMetadata metadata) {

		public Boundary {
			Objects.requireNonNull(name, "name must not be null");
			Objects.requireNonNull(metadata, "metadata must not be null");
		}

	}

}
