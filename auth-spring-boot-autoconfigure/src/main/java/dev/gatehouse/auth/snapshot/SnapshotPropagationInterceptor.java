package dev.gatehouse.auth.snapshot;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.spi.SnapshotSignRequest;
import dev.gatehouse.auth.spi.SnapshotSigner;

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
 * With no context bound, the request goes out unchanged. With one, the
 * {@link SnapshotSigner} signs it and the envelope is written to the snapshot header,
 * replacing any value already there; nothing else of the request is touched, so an
 * inbound {@code Authorization} header is never forwarded by this interceptor. A signer
 * that fails fails the request rather than sending it without the identity it should
 * carry. Thread-safe.
 */
public final class SnapshotPropagationInterceptor implements ClientHttpRequestInterceptor {

	private final Supplier<SnapshotSigner> signer;

	private final String headerName;

	/**
	 * Creates the interceptor.
	 * @param signer supplies the signer; asked per request that has a context to carry,
	 * so a signer bean is not created before it is needed
	 * @param headerName the header that carries the snapshot
	 */
	public SnapshotPropagationInterceptor(Supplier<SnapshotSigner> signer, String headerName) {
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
		Optional<AuthContext> context = AuthContextHolder.current();
		if (context.isPresent()) {
			AuthContextSnapshot snapshot = this.signer.get().sign(new SnapshotSignRequest(context.get(), null));
			request.getHeaders().set(this.headerName, snapshot.envelope());
		}
		return execution.execute(request, body);
	}

	/**
	 * Returns the name of the header the snapshot is written to.
	 * @return the header name
	 */
	public String headerName() {
		return this.headerName;
	}

}
