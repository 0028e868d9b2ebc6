package dev.gatehouse.auth.outbound;

import java.util.Objects;

import dev.gatehouse.auth.context.AuthContext;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link OutboundTokenProvider} is asked for: a token of a registration, possibly
 * on behalf of a caller, possibly bypassing a cached token the downstream rejected.
 *
 * @param registration the name of the registration under
 * {@code gatehouse.outbound.registrations}
 * @param onBehalfOf the caller to act for, or {@code null} for this service's own token
 * @param forceRefresh whether a cached token must not be returned (the downstream
 * rejected it)
 */
public record OutboundTokenRequest(String registration, @Nullable AuthContext onBehalfOf, boolean forceRefresh) {

	public OutboundTokenRequest {
		Objects.requireNonNull(registration, "registration must not be null");
		if (registration.isBlank()) {
			throw new IllegalArgumentException("registration must not be blank");
		}
	}

}
