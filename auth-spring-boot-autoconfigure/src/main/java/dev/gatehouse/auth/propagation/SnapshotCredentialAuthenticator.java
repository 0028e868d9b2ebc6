package dev.gatehouse.auth.propagation;

import java.util.Objects;
import java.util.function.Supplier;

import dev.gatehouse.auth.authentication.CompositeAuthenticator;
import dev.gatehouse.auth.authentication.CredentialAuthenticator;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.snapshot.SnapshotVerifierUnavailableException;
import dev.gatehouse.auth.spi.AuthInvocation;
import dev.gatehouse.auth.spi.SnapshotVerifier;
import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;

/**
 * The built-in handler for {@link CredentialCarrierKind#AUTH_CONTEXT_SNAPSHOT}
 * credentials: a signed context snapshot sent by another service is verified by the one
 * {@link SnapshotVerifier} bean, and the context it carries (subject, roles, tenant,
 * correlation id, delegation chain) becomes the caller's, with the snapshot as its
 * credential carrier. Being one more handler of the {@link CompositeAuthenticator}, it
 * lets a service that only other services call count its snapshot verification as its
 * authentication provider. The verifier applies the HTTP audience rules: the boundary's
 * invocation names no expected audience, so the snapshot's {@code aud} must be one of
 * this service's own. Thread-safe.
 *
 * <p>
 * Fails closed: with no verifier available the credential is refused with
 * {@link SnapshotVerifierUnavailableException} (ERROR/VERIFICATION_PROVIDER_UNAVAILABLE,
 * 503 over HTTP), and a verifier that returns {@code null} is treated the same way.
 */
public final class SnapshotCredentialAuthenticator implements CredentialAuthenticator {

	private final SingletonSupplier<SnapshotVerifier> verifier;

	private final boolean readsInvocation;

	/**
	 * Creates the handler.
	 * @param verifier supplies the verifier, or {@code null} when there is not exactly
	 * one; asked until it supplies one, which is then kept
	 * @param readsInvocation whether the verifier reads the {@link AuthInvocation} it is
	 * given ({@code false} for Gatehouse's own verifiers, which decide from the envelope
	 * alone)
	 */
	public SnapshotCredentialAuthenticator(Supplier<@Nullable SnapshotVerifier> verifier, boolean readsInvocation) {
		// Kept once found: a bean lookup per request would cost more than the
		// verification.
		Objects.requireNonNull(verifier, "verifier must not be null");
		this.verifier = SingletonSupplier.ofNullable(() -> verifier.get());
		this.readsInvocation = readsInvocation;
	}

	@Override
	public CredentialCarrierKind kind() {
		return CredentialCarrierKind.AUTH_CONTEXT_SNAPSHOT;
	}

	@Override
	public AuthContext authenticate(CredentialCarrier credential, AuthInvocation invocation) {
		if (credential.kind() != CredentialCarrierKind.AUTH_CONTEXT_SNAPSHOT) {
			throw new IllegalArgumentException(
					"SnapshotCredentialAuthenticator verifies AUTH_CONTEXT_SNAPSHOT credentials, not "
							+ credential.kind());
		}
		SnapshotVerifier verifier = this.verifier.get();
		if (verifier == null) {
			throw new SnapshotVerifierUnavailableException(
					"No single SnapshotVerifier bean is available to verify the context snapshot", null);
		}
		AuthContext context = verifier.verify(credential.material(), invocation);
		if (context == null) {
			throw new SnapshotVerifierUnavailableException(
					"SnapshotVerifier " + verifier.getClass().getName() + " returned null instead of a context", null);
		}
		// The verified context keeps the snapshot as its credential, so code downstream
		// can tell how the caller
		// was authenticated (and an outbound exchange never mistakes it for a bearer
		// token).
		return context.withCredentialCarrier(credential);
	}

	@Override
	public boolean readsInvocation() {
		return this.readsInvocation;
	}

}
