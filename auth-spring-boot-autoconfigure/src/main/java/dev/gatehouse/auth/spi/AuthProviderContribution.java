package dev.gatehouse.auth.spi;

import java.util.Objects;
import java.util.Set;

/**
 * Optional descriptor bean a provider registers so that diagnostics and tooling can name
 * it, for example
 * {@code new AuthProviderContribution("keycloak", Set.of(AUTHENTICATION, ROLE_CHECK))}.
 *
 * @param providerId a short, stable provider name
 * @param capabilities the capabilities the provider claims
 */
public record AuthProviderContribution(String providerId, Set<AuthCapability> capabilities) {

	public AuthProviderContribution {
		RequestArguments.requireText(providerId, "providerId");
		capabilities = Set.copyOf(Objects.requireNonNull(capabilities, "capabilities must not be null"));
		if (capabilities.isEmpty()) {
			throw new IllegalArgumentException("a provider contribution claims at least one capability");
		}
	}

}
