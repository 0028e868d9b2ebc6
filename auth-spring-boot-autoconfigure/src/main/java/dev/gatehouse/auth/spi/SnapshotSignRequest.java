package dev.gatehouse.auth.spi;

import java.util.Objects;

import dev.gatehouse.auth.context.AuthContext;
import org.jspecify.annotations.Nullable;

/**
 * Asks a {@link SnapshotSigner} to sign the caller's context for another service.
 *
 * @param context the caller
 * @param tenant the tenant of the outgoing call, or {@code null} to use the context's
 * @param audience who the snapshot is for, written into its {@code selected_claims} as
 * {@code aud} (the target service's id on HTTP, {@code kafka:<topic>} or
 * {@code channel:<bean name>} on a message), or {@code null} to sign without an audience,
 * which only verifiers with {@code require-audience=false} accept
 */
public record SnapshotSignRequest(AuthContext context, @Nullable String tenant, @Nullable String audience) {

	/** The {@code selected_claims} name that carries the audience. */
	public static final String AUDIENCE_CLAIM = "aud";

	public SnapshotSignRequest {
		Objects.requireNonNull(context, "context must not be null");
		RequestArguments.optionalText(tenant, "tenant");
		RequestArguments.optionalText(audience, "audience");
	}

	/**
	 * Asks for a snapshot without an audience.
	 * @param context the caller
	 * @param tenant the tenant of the outgoing call, or {@code null} to use the context's
	 */
	public SnapshotSignRequest(AuthContext context, @Nullable String tenant) {
		this(context, tenant, null);
	}

}
