package dev.gatehouse.auth.propagation;

import java.util.Objects;
import java.util.function.Supplier;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.outbound.OutboundCredentialUnavailableException;
import dev.gatehouse.auth.outbound.OutboundToken;
import dev.gatehouse.auth.outbound.OutboundTokenProvider;
import dev.gatehouse.auth.outbound.OutboundTokenRequest;
import dev.gatehouse.auth.spi.AuthContextSnapshot;
import dev.gatehouse.auth.spi.SnapshotSignRequest;
import dev.gatehouse.auth.spi.SnapshotSigner;

import org.springframework.util.function.SingletonSupplier;

/**
 * Sends the signed snapshot of the caller's {@link AuthContext} as the outbound
 * credential, so the service called learns who the caller is without receiving the
 * caller's own token. Each request is signed for the context bound at that moment (the
 * signer itself reuses the envelope of the same context), so a snapshot never carries
 * another call's correlation id. Every envelope is signed for the registration's
 * {@code audience} (written as {@code aud}), so only the service it was meant for accepts
 * it and a captured copy cannot be replayed against another service that trusts the key.
 */
public final class SnapshotOutboundTokenProvider implements OutboundTokenProvider {

	private final Supplier<SnapshotSigner> signer;

	private final String headerName;

	private final String audience;

	/**
	 * Creates the provider.
	 * @param signer supplies the snapshot signer, asked on first use and then kept
	 * @param headerName the header the envelope travels in
	 * @param audience the called service's id, written into every envelope as
	 * {@code aud}; not blank
	 */
	public SnapshotOutboundTokenProvider(Supplier<SnapshotSigner> signer, String headerName, String audience) {
		// Asked once and then kept: a bean lookup per request would cost more than the
		// signature.
		this.signer = SingletonSupplier.of(Objects.requireNonNull(signer, "signer must not be null"));
		this.headerName = Objects.requireNonNull(headerName, "headerName must not be null");
		if (headerName.isBlank()) {
			throw new IllegalArgumentException("headerName must not be blank");
		}
		this.audience = Objects.requireNonNull(audience, "audience must not be null");
		if (audience.isBlank()) {
			throw new IllegalArgumentException("audience must not be blank");
		}
	}

	@Override
	public OutboundToken token(OutboundTokenRequest request) {
		AuthContext caller = request.onBehalfOf();
		if (caller == null) {
			throw new OutboundCredentialUnavailableException("Outbound registration '" + request.registration()
					+ "' sends the caller's snapshot, but no AuthContext is bound to this thread.", null);
		}
		AuthContextSnapshot snapshot = this.signer.get().sign(new SnapshotSignRequest(caller, null, this.audience));
		return new OutboundToken(snapshot.envelope(), snapshot.expiresAt(), "", this.headerName);
	}

	@Override
	public String toString() {
		return "SnapshotOutboundTokenProvider[headerName=" + this.headerName + ", audience=" + this.audience + "]";
	}

}
