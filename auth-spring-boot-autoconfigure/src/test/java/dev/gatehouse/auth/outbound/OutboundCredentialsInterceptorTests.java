package dev.gatehouse.auth.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link OutboundCredentials#interceptor(String)} on a real {@link RestClient} and
 * {@link RestTemplate} against a downstream service on a loopback port.
 */
class OutboundCredentialsInterceptorTests {

	private static final AllowedHosts LOOPBACK = AllowedHosts.of(List.of("127.0.0.1:*"));

	private final AtomicInteger issued = new AtomicInteger();

	private OutboundCredentials credentials() {
		OutboundTokenProvider issuing = (request) -> OutboundToken.bearer("jwt-" + this.issued.incrementAndGet(),
				Instant.now().plusSeconds(300));
		CachingOutboundTokenProvider cached = new CachingOutboundTokenProvider("billing", issuing, false,
				Duration.ofSeconds(60), Duration.ofSeconds(5), Clock.systemUTC());
		return new OutboundCredentials(List.of(new OutboundRegistration("billing", "bean", false, cached, LOOPBACK),
				new OutboundRegistration("prefixed", "static", false,
						new StaticOutboundTokenProvider(OutboundToken.bearer("Bearer already-prefixed", null)),
						LOOPBACK),
				new OutboundRegistration("api-key", "static", false,
						new StaticOutboundTokenProvider(new OutboundToken("k-123", null, "", "X-Api-Key")), LOOPBACK)));
	}

	private static RestClient client(OutboundCredentials credentials, String registration) {
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.requestInterceptor(credentials.interceptor(registration))
			.build();
	}

	@Test
	void writesExactlyOneBearerHeaderFromTheCachedToken() throws Exception {
		OutboundCredentials credentials = credentials();
		try (Downstream downstream = Downstream.answering((hit) -> 200)) {
			RestClient client = client(credentials, "billing");
			for (int i = 0; i < 3; i++) {
				client.get()
					.uri(downstream.url())
					.header("Authorization", "Bearer inbound-user-token")
					.retrieve()
					.toBodilessEntity();
			}
			assertThat(downstream.hits()).extracting(Downstream.Hit::authorization)
				.containsOnly(List.of("Bearer jwt-1"));
		}
		assertThat(this.issued).hasValue(1);
	}

	@Test
	void neverPrefixesTheSchemeTwice() throws Exception {
		try (Downstream downstream = Downstream.answering((hit) -> 200)) {
			client(credentials(), "prefixed").get().uri(downstream.url()).retrieve().toBodilessEntity();
			assertThat(downstream.hits().get(0).authorization()).containsExactly("Bearer already-prefixed");
		}
	}

	@Test
	void writesABareApiKeyHeader() throws Exception {
		try (Downstream downstream = Downstream.answering((hit) -> 200)) {
			client(credentials(), "api-key").get().uri(downstream.url()).retrieve().toBodilessEntity();
			assertThat(downstream.hits().get(0).apiKey()).isEqualTo("k-123");
			assertThat(downstream.hits().get(0).authorization()).isEmpty();
		}
	}

	@Test
	void retriesOnceWithANewTokenAfterA401AndResendsTheBody() throws Exception {
		OutboundCredentials credentials = credentials();
		try (Downstream downstream = Downstream.answering((hit) -> (hit == 1) ? 401 : 200)) {
			ResponseEntity<Void> response = client(credentials, "billing").post()
				.uri(downstream.url())
				.body("{\"amount\":42}")
				.retrieve()
				.toBodilessEntity();
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(downstream.hits()).hasSize(2);
			assertThat(downstream.hits().get(0).authorization()).containsExactly("Bearer jwt-1");
			assertThat(downstream.hits().get(1).authorization()).containsExactly("Bearer jwt-2");
			assertThat(downstream.hits()).extracting(Downstream.Hit::body).containsOnly("{\"amount\":42}");
		}
		assertThat(this.issued).hasValue(2);
	}

	@Test
	void retriesA401OnlyOnce() throws Exception {
		try (Downstream downstream = Downstream.answering((hit) -> 401)) {
			assertThatExceptionOfType(HttpClientErrorException.Unauthorized.class).isThrownBy(
					() -> client(credentials(), "billing").get().uri(downstream.url()).retrieve().toBodilessEntity());
			assertThat(downstream.hits()).hasSize(2);
		}
	}

	@Test
	void doesNotResendAStaticKeyAfterA401() throws Exception {
		try (Downstream downstream = Downstream.answering((hit) -> 401)) {
			assertThatExceptionOfType(HttpClientErrorException.Unauthorized.class).isThrownBy(
					() -> client(credentials(), "api-key").get().uri(downstream.url()).retrieve().toBodilessEntity());
			assertThat(downstream.hits()).hasSize(1);
		}
	}

	@Test
	void failsWhenTheTokenCannotBeRenewedAfterA401() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		OutboundCredentials credentials = new OutboundCredentials(
				List.of(new OutboundRegistration("billing", "bean", false, (request) -> {
					if (calls.incrementAndGet() > 1) {
						throw new OutboundCredentialUnavailableException("identity provider down", null);
					}
					return OutboundToken.bearer("first", null);
				}, LOOPBACK)));
		try (Downstream downstream = Downstream.answering((hit) -> 401)) {
			assertThatExceptionOfType(OutboundCredentialUnavailableException.class).isThrownBy(
					() -> client(credentials, "billing").get().uri(downstream.url()).retrieve().toBodilessEntity());
			assertThat(downstream.hits()).hasSize(1);
		}
	}

	@Test
	void returnsA403AsIsWithoutRetrying() throws Exception {
		OutboundCredentials credentials = credentials();
		try (Downstream downstream = Downstream.answering((hit) -> 403)) {
			RestTemplate template = new RestTemplate(new JdkClientHttpRequestFactory());
			template.getInterceptors().add(credentials.interceptor("billing"));
			assertThatExceptionOfType(HttpClientErrorException.Forbidden.class)
				.isThrownBy(() -> template.getForEntity(downstream.url(), String.class));
			assertThat(downstream.hits()).hasSize(1);
		}
		assertThat(this.issued).hasValue(1);
	}

	@Test
	void sendsNothingWhenTheTokenIsUnavailable() throws Exception {
		OutboundCredentials credentials = new OutboundCredentials(
				List.of(new OutboundRegistration("billing", "bean", false, (request) -> {
					throw new OutboundCredentialUnavailableException("identity provider down", null);
				}, LOOPBACK)));
		try (Downstream downstream = Downstream.answering((hit) -> 200)) {
			assertThatExceptionOfType(OutboundCredentialUnavailableException.class).isThrownBy(
					() -> client(credentials, "billing").get().uri(downstream.url()).retrieve().toBodilessEntity());
			assertThat(downstream.hits()).isEmpty();
		}
	}

	@Test
	void refusesATokenWithALineBreakOrAnEmptyValue() throws Exception {
		OutboundCredentials credentials = new OutboundCredentials(List.of(
				new OutboundRegistration("broken", "bean", false,
						(request) -> OutboundToken.bearer("abc\nX-Evil: 1", null), LOOPBACK),
				new OutboundRegistration("empty", "bean", false, (request) -> OutboundToken.bearer("Bearer  ", null),
						LOOPBACK)));
		try (Downstream downstream = Downstream.answering((hit) -> 200)) {
			for (String registration : List.of("broken", "empty")) {
				assertThatExceptionOfType(OutboundCredentialUnavailableException.class)
					.isThrownBy(() -> client(credentials, registration).get()
						.uri(downstream.url())
						.retrieve()
						.toBodilessEntity())
					.withMessageNotContaining("abc");
			}
			assertThat(downstream.hits()).isEmpty();
		}
	}

	@Test
	void reportsAndRefreshesRegistrations() {
		OutboundCredentials credentials = credentials();
		assertThat(credentials.token("billing").value()).isEqualTo("jwt-1");
		assertThat(credentials.status()).extracting(OutboundRegistrationStatus::name, OutboundRegistrationStatus::state)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("billing", OutboundRegistrationState.UP),
					org.assertj.core.groups.Tuple.tuple("prefixed", OutboundRegistrationState.UP),
					org.assertj.core.groups.Tuple.tuple("api-key", OutboundRegistrationState.UP));
		assertThat(credentials.status().get(0).expiresAt()).isNotNull();
		assertThat(credentials.refresh("billing")).isEqualTo(Map.of("billing", true));
		assertThat(this.issued).hasValue(2);
		assertThat(credentials.refreshAll()).containsExactly(Map.entry("billing", true), Map.entry("prefixed", true),
				Map.entry("api-key", true));
		assertThat(credentials.contains("billing")).isTrue();
		assertThat(credentials.toString()).contains("billing").doesNotContain("jwt-").doesNotContain("k-123");
		assertThat(credentials.interceptor("api-key").toString()).doesNotContain("k-123");
	}

	@Test
	void rejectsAnUnknownOrDuplicateRegistration() {
		OutboundCredentials credentials = credentials();
		assertThatIllegalArgumentException().isThrownBy(() -> credentials.interceptor("ledger"))
			.withMessageContaining("gatehouse.outbound.registrations.ledger");
		assertThatIllegalArgumentException().isThrownBy(() -> credentials.refresh("ledger"));
		OutboundRegistration one = new OutboundRegistration("a", "static", false,
				new StaticOutboundTokenProvider(OutboundToken.bearer("x", null)), LOOPBACK);
		assertThatIllegalArgumentException().isThrownBy(() -> new OutboundCredentials(List.of(one, one)));
	}

}
