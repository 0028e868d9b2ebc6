package dev.gatehouse.auth.propagation;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.spi.AuthContextSnapshot;
import dev.gatehouse.auth.spi.SnapshotSignRequest;
import dev.gatehouse.auth.spi.SnapshotSigner;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.function.SingletonSupplier;

/**
 * Adds the signed snapshot of the bound {@link AuthContext} to outgoing HTTP requests, so
 * the service called learns who the caller is without ever receiving the caller's own
 * credential.
 *
 * <p>
 * Only requests whose URL matches one of the configured {@link SnapshotPropagationTarget
 * targets} carry a snapshot, signed for that target's audience; every other request (a
 * partner's webhook, a payment provider) goes out unchanged, and so does a request while
 * no context is bound. The first matching target wins. The envelope replaces any value
 * already in the snapshot header; nothing else of the request is touched, so an inbound
 * {@code Authorization} header is never forwarded by this interceptor. A signer that
 * fails fails the request rather than sending it without the identity it should carry.
 * Redirects are the request factory's: this interceptor sees only the first request.
 * Thread-safe.
 */
public final class SnapshotPropagationInterceptor implements ClientHttpRequestInterceptor {

	private final Supplier<SnapshotSigner> signer;

	private final String headerName;

	private final SnapshotPropagationTarget[] targets;

	/**
	 * Creates the interceptor.
	 * @param signer supplies the signer; asked per request that has a context to carry,
	 * so a signer bean is not created before it is needed
	 * @param headerName the header that carries the snapshot
	 * @param targets the services that may receive the snapshot; none switches HTTP
	 * propagation off
	 */
	public SnapshotPropagationInterceptor(Supplier<SnapshotSigner> signer, String headerName,
			List<SnapshotPropagationTarget> targets) {
		this.targets = Objects.requireNonNull(targets, "targets must not be null")
			.toArray(SnapshotPropagationTarget[]::new);
		// Asked once and then kept: a bean lookup per request would cost more than the
		// signature.
		this.signer = SingletonSupplier.of(Objects.requireNonNull(signer, "signer must not be null"));
		Objects.requireNonNull(headerName, "headerName must not be null");
		if (headerName.isBlank()) {
			throw new IllegalArgumentException("headerName must not be blank");
		}
		this.headerName = headerName;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		if (this.targets.length != 0) {
			Optional<AuthContext> context = AuthContextHolder.current();
			SnapshotPropagationTarget target = context.isPresent() ? target(request.getURI()) : null;
			if (target != null) {
				AuthContextSnapshot snapshot = this.signer.get()
					.sign(new SnapshotSignRequest(context.get(), null, target.audience()));
				request.getHeaders().set(this.headerName, snapshot.envelope());
			}
		}
		return execution.execute(request, body);
	}

	private @Nullable SnapshotPropagationTarget target(URI uri) {
		for (SnapshotPropagationTarget target : this.targets) {
			if (target.matches(uri)) {
				return target;
			}
		}
		return null;
	}

	/**
	 * Returns the services that may receive the snapshot.
	 * @return the targets, in the order they are tried
	 */
	public List<SnapshotPropagationTarget> targets() {
		return List.of(this.targets);
	}

	/**
	 * Returns the name of the header the snapshot is written to.
	 * @return the header name
	 */
	public String headerName() {
		return this.headerName;
	}

}
