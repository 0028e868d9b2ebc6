package dev.gatehouse.auth.spi;

import java.util.Objects;

import dev.gatehouse.auth.context.AuthContext;
import org.jspecify.annotations.Nullable;

/**
 * Asks a {@link SnapshotSigner} to sign the caller's context for another service.
 *
 * @param context the caller
 * @param tenant the tenant of the outgoing call, or {@code null} to use the context's
 */
public record SnapshotSignRequest(AuthContext context, @Nullable String tenant) {

	public SnapshotSignRequest {
		Objects.requireNonNull(context, "context must not be null");
		RequestArguments.optionalText(tenant, "tenant");
	}

}
