package dev.gatehouse.auth.outbound;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What {@link OutboundCredentials#status()} reports for one registration; it never holds
 * a token or secret.
 *
 * @param name the registration name
 * @param type the registration type ({@code static}, {@code client-credentials},
 * {@code token-exchange}, {@code snapshot}, {@code bean})
 * @param state the state
 * @param expiresAt when this service's own cached token expires, or {@code null} (none
 * cached, never expires, or tokens held per caller)
 * @param cachedTokens how many tokens are cached (one per caller for on-behalf-of types)
 * @param lastError why the last token request failed, or {@code null} when it succeeded
 */
public record OutboundRegistrationStatus(String name, String type, OutboundRegistrationState state,
		@Nullable Instant expiresAt, int cachedTokens, @Nullable String lastError) {

	public OutboundRegistrationStatus {
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(type, "type must not be null");
		Objects.requireNonNull(state, "state must not be null");
	}

}
