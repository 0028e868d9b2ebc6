package dev.gatehouse.auth.propagation;

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
import dev.gatehouse.auth.spi.AuthContextSnapshot;
import dev.gatehouse.auth.spi.SnapshotSignRequest;
import dev.gatehouse.auth.spi.SnapshotSignature;
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

	private static final List<SnapshotPropagationTarget> TARGETS = List
		.of(SnapshotPropagationTarget.of("http://127.0.0.1/orders", "orders"));

	private final SnapshotPropagationInterceptor interceptor = new SnapshotPropagationInterceptor(() -> this.signer,
			HEADER, TARGETS);

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
			assertThat(signRequest.audience()).isEqualTo("orders");
		});
	}

	@Test
	void leavesRequestsToOtherUrlsAlone() throws IOException {
		try (AuthContextScope scope = AuthContextHolder.open(AuthContext.builder("ada").build())) {
			for (String url : List.of("http://127.0.0.1/ordersx", "http://127.0.0.1:8080/orders",
					"https://127.0.0.1/orders", "http://localhost/orders", "http://127.0.0.1/",
					"http://127.0.0.1/orders/../admin", "http://127.0.0.1/orders/%2e%2e/admin",
					"http://127.0.0.1/orders/..;/admin", "http://127.0.0.1/orders%2F..%2Fadmin")) {
				HttpHeaders sent = send(new MockClientHttpRequest(HttpMethod.GET, URI.create(url)));
				assertThat(sent.containsHeader(HEADER)).as(url).isFalse();
			}
			HttpHeaders below = send(
					new MockClientHttpRequest(HttpMethod.GET, URI.create("HTTP://127.0.0.1:80/orders/7")));
			assertThat(below.get(HEADER)).containsExactly("envelope-for-ada");
		}
		assertThat(this.signed).hasSize(1);
	}

	@Test
	void withoutTargetsNothingIsSigned() throws IOException {
		SnapshotPropagationInterceptor off = new SnapshotPropagationInterceptor(() -> this.signer, HEADER, List.of());
		try (AuthContextScope scope = AuthContextHolder.open(AuthContext.builder("ada").build())) {
			AtomicReference<HttpHeaders> sent = new AtomicReference<>();
			off.intercept(request(), new byte[0], (executed, body) -> {
				sent.set(HttpHeaders.copyOf(executed.getHeaders()));
				return new MockClientHttpResponse(new byte[0], HttpStatus.OK);
			});
			assertThat(sent.get().containsHeader(HEADER)).isFalse();
		}
		assertThat(this.signed).isEmpty();
		assertThat(off.targets()).isEmpty();
		assertThat(this.interceptor.targets()).isEqualTo(TARGETS);
	}

	@Test
	void parsesTargetsStrictly() {
		SnapshotPropagationTarget target = SnapshotPropagationTarget.of(" HTTPS://Billing.Internal/api/ ", "billing");
		assertThat(target)
			.isEqualTo(new SnapshotPropagationTarget("https", "billing.internal", 443, "/api", "billing"));
		assertThat(target.toString()).isEqualTo("https://billing.internal:443/api (audience billing)");
		assertThat(SnapshotPropagationTarget.of("http://billing:8080", "billing").path()).isEmpty();
		assertThat(SnapshotPropagationTarget.of("http://billing:8080", "billing")
			.matches(URI.create("http://billing:8080/anything"))).isTrue();
		for (String url : List.of("billing:8080", "/api", "ftp://billing/", "http://user:pw@billing/",
				"http://billing/?q=1", "http://billing/#f", "http://bad_host/", "http://billing/a/../b",
				"http://billing/a%2Fb", "http://billing/a;b", "http://bil ling/")) {
			assertThatIllegalArgumentException().as(url).isThrownBy(() -> SnapshotPropagationTarget.of(url, "billing"));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> SnapshotPropagationTarget.of("http://billing/", " "));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SnapshotPropagationTarget("http", "billing", 80, "", " "));
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
		}, HEADER, TARGETS);
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
		assertThatNullPointerException().isThrownBy(() -> new SnapshotPropagationInterceptor(null, HEADER, TARGETS));
		assertThatNullPointerException()
			.isThrownBy(() -> new SnapshotPropagationInterceptor(() -> this.signer, null, TARGETS));
		assertThatNullPointerException()
			.isThrownBy(() -> new SnapshotPropagationInterceptor(() -> this.signer, HEADER, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SnapshotPropagationInterceptor(() -> this.signer, " ", TARGETS));
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
