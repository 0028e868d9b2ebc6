package dev.gatehouse.auth.outbound;

import java.util.Objects;

/**
 * One configured outbound registration: its name, its type, the provider that produces
 * its tokens (for cached types a {@link CachingOutboundTokenProvider}) and the hosts its
 * credential may be sent to.
 *
 * @param name the registration name
 * @param type the registration type as configured ({@code static},
 * {@code client-credentials}, {@code token-exchange}, {@code snapshot}, {@code bean})
 * @param onBehalfOf whether tokens are obtained for the bound caller, who is then passed
 * to the provider
 * @param provider produces the tokens
 * @param allowedHosts the hosts a request must be addressed to for the credential to be
 * written; a request to any other host fails
 */
public record OutboundRegistration(String name, String type, boolean onBehalfOf, OutboundTokenProvider provider,
		AllowedHosts allowedHosts) {

	public OutboundRegistration {
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(type, "type must not be null");
		Objects.requireNonNull(provider, "provider must not be null");
		Objects.requireNonNull(allowedHosts, "allowedHosts must not be null");
		if (name.isBlank()) {
			throw new IllegalArgumentException("name must not be blank");
		}
	}

}
