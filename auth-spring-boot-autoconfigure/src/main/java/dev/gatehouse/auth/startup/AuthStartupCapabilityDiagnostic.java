package dev.gatehouse.auth.startup;

import java.util.List;
import java.util.Objects;

import dev.gatehouse.auth.spi.AuthCapability;

/**
 * One capability that is not provided by exactly one bean although protected boundaries need it.
 *
 * @param capability the capability
 * @param providerCount how many beans provide it
 * @param providerBeanNames the names of those beans, sorted
 * @param requiredBy the boundaries that need it, as sorted {@code Class#method} strings
 */
public record AuthStartupCapabilityDiagnostic(AuthCapability capability, int providerCount,
		List<String> providerBeanNames, List<String> requiredBy) {

	public AuthStartupCapabilityDiagnostic {
		Objects.requireNonNull(capability, "capability must not be null");
		providerBeanNames = List.copyOf(providerBeanNames);
		requiredBy = List.copyOf(requiredBy);
		if (providerCount < 0) {
			throw new IllegalArgumentException("providerCount must not be negative");
		}
	}

	/**
	 * Describes the problem on one line, for example
	 * {@code ROLE_CHECK: 0 providers; required by DocumentController#delete}.
	 * @return the description
	 */
	public String describe() {
		StringBuilder line = new StringBuilder(this.capability.name()).append(": ")
			.append(this.providerCount)
			.append(this.providerCount == 1 ? " provider" : " providers");
		if (!this.providerBeanNames.isEmpty()) {
			line.append(" (").append(String.join(", ", this.providerBeanNames)).append(')');
		}
		if (!this.requiredBy.isEmpty()) {
			line.append("; required by ").append(String.join(", ", this.requiredBy));
		}
		return line.toString();
	}

}
