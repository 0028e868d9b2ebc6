package dev.gatehouse.auth.snapshot;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;
import dev.gatehouse.auth.context.AuthSubject;
import dev.gatehouse.auth.spi.SnapshotSignRequest;
import dev.gatehouse.auth.spi.SnapshotSigner;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class SnapshotPropagationInterceptorTests {

	private static final String HEADER = "X-Auth-Context-Snapshot";

	private final List<SnapshotSignRequest> signed = new ArrayList<>();

	private final SnapshotSigner signer = (request) -> {
		this.signed.add(request);
		return snapshot("envelope-for-" + request.context().subject().id());
	};

	private final SnapshotPropagationInterceptor interceptor = new SnapshotPropagationInterceptor(() -> this.signer,
			HEADER);

	@Test
	void addsTheSnapshotOfTheBoundContext() throws IOException {
		HttpRequest request = request();
		try (AuthContextScope scope = AuthContextHolder.open(AuthContext.builder("ada").build())) {
			HttpHeaders sent = send(request);
			assertThat(sent.get(HEADER)).containsExactly("envelope-for-ada");
		}
		assertThat(this.signed).singleElement().satisfies((signRequest) -> {
			assertThat(signRequest.context().subject().id()).isEqualTo("ada");
			assertThat(signRequest.tenant()).isNull();
		});
	}

	@Test
	void sendsTheRequestUnchangedWhenNoContextIsBound() throws IOException {
		HttpRequest request = request();
		request.getHeaders().set(HttpHeaders.AUTHORIZATION, "Bearer inbound-token");
		HttpHeaders sent = send(request);
		assertThat(sent.containsHeader(HEADER)).isFalse();
		assertThat(sent.getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer inbound-token");
		assertThat(this.signed).isEmpty();
	}

	@Test
	void replacesASnapshotHeaderAlreadyOnTheRequest() throws IOException {
		HttpRequest request = request();
		request.getHeaders().add(HEADER, "forged");
		try (AuthContextScope scope = AuthContextHolder.open(AuthContext.builder("grace").build())) {
			assertThat(send(request).get(HEADER)).containsExactly("envelope-for-grace");
		}
	}

	@Test
	void failsTheRequestWhenTheSignerFails() {
		SnapshotPropagationInterceptor failing = new SnapshotPropagationInterceptor(() -> (request) -> {
			throw new IllegalStateException("signer down");
		}, HEADER);
		AtomicReference<HttpRequest> executed = new AtomicReference<>();
		try (AuthContextScope scope = AuthContextHolder.open(AuthContext.builder("ada").build())) {
			assertThatIllegalStateException()
				.isThrownBy(() -> failing.intercept(request(), new byte[0], (request, body) -> {
					executed.set(request);
					return new MockClientHttpResponse(new byte[0], HttpStatus.OK);
				}))
				.withMessage("signer down");
		}
		assertThat(executed.get()).as("request must not be sent without the identity").isNull();
	}

	@Test
	void rejectsMissingArguments() {
		assertThatNullPointerException().isThrownBy(() -> new SnapshotPropagationInterceptor(null, HEADER));
		assertThatNullPointerException().isThrownBy(() -> new SnapshotPropagationInterceptor(() -> this.signer, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SnapshotPropagationInterceptor(() -> this.signer, " "));
		assertThat(this.interceptor.headerName()).isEqualTo(HEADER);
	}

	private HttpHeaders send(HttpRequest request) throws IOException {
		AtomicReference<HttpHeaders> sent = new AtomicReference<>();
		this.interceptor.intercept(request, new byte[0], (executed, body) -> {
			sent.set(HttpHeaders.copyOf(executed.getHeaders()));
			return new MockClientHttpResponse(new byte[0], HttpStatus.OK);
		});
		return sent.get();
	}

	private static HttpRequest request() {
		return new MockClientHttpRequest(HttpMethod.GET, URI.create("http://127.0.0.1/orders"));
	}

	private static AuthContextSnapshot snapshot(String envelope) {
		Instant now = Instant.parse("2026-11-29T12:00:00Z");
		return new AuthContextSnapshot(1, AuthSubject.of("ada"), null, null, List.of(), List.of(), List.of(), now,
				now.plusSeconds(300), null, List.of(), new SnapshotSignature("k1", "HS256", "sig"), "{}", envelope);
	}

}
