package dev.gatehouse.auth.outbound;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import dev.gatehouse.auth.autoconfigure.outbound.GatehouseOutboundAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.snapshot.GatehouseSnapshotAutoConfiguration;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;
import dev.gatehouse.auth.outbound.CaptureServer.Answer;
import dev.gatehouse.auth.outbound.CaptureServer.Hit;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Issue 18 item 3, black-box: outbound credentials and snapshots stay with the host they
 * are for. A downstream on one loopback port redirects to a capture server standing in
 * for a third party on another; Boot's own builders are used as an application would.
 */
class OutboundRedirectTests {

	private static final String R = "gatehouse.outbound.registrations.";

	private static final String TOKEN = "static-billing-token-5d2e";

	private static final String API_KEY = "api-key-7c1b";

	private static final String SNAPSHOT_HEADER = "X-Auth-Context-Snapshot";

	private static final String SNAPSHOT_SECRET = Base64.getEncoder()
		.encodeToString("0123456789abcdef0123456789abcdef-redirect".getBytes(StandardCharsets.US_ASCII));

	private static final List<String> CREDENTIAL_HEADERS = List.of("authorization", "proxy-authorization", "cookie",
			"x-auth-context-snapshot", "x-api-key");

	private ApplicationContextRunner runner(CaptureServer downstream) {
		String allowed = "127.0.0.1:" + downstream.port();
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
					ImperativeHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class,
					RestTemplateAutoConfiguration.class, GatehouseSnapshotAutoConfiguration.class,
					GatehouseOutboundAutoConfiguration.class))
			.withPropertyValues("spring.application.name=orders", "gatehouse.snapshot.signing.key-id=k1",
					"gatehouse.snapshot.signing.secret=" + SNAPSHOT_SECRET,
					"gatehouse.snapshot.verification.keys.k1.secret=" + SNAPSHOT_SECRET, R + "billing.type=static",
					R + "billing.token=" + TOKEN, R + "billing.allowed-hosts=" + allowed, R + "search.type=static",
					R + "search.token=" + API_KEY, R + "search.header-name=X-Api-Key", R + "search.scheme=",
					R + "search.allowed-hosts=" + allowed, R + "audit.type=snapshot",
					R + "audit.allowed-hosts=" + allowed, R + "audit.audience=audit");
	}

	/** Another origin than the downstream's: another host name and another port. */
	private static String elsewhere(CaptureServer capture, String path) {
		return "http://localhost:" + capture.port() + path;
	}

	@Test
	void aCrossHostRedirectCarriesNoCredentialFromBootsRestClientBuilder() throws Exception {
		try (CaptureServer capture = CaptureServer.ok();
				CaptureServer downstream = CaptureServer
					.answering((hit) -> Answer.redirect(302, elsewhere(capture, "/collect")))) {
			runner(downstream).run((context) -> {
				OutboundCredentials credentials = context.getBean(OutboundCredentials.class);
				for (String registration : List.of("billing", "search", "audit")) {
					RestClient client = context.getBean(RestClient.Builder.class)
						.requestInterceptor(credentials.interceptor(registration))
						.build();
					try (AuthContextScope scope = AuthContextHolder.open(AuthContext.builder("alice").build())) {
						assertThat(client.get()
							.uri(downstream.url() + "/orders")
							.header("Cookie", "session=s-1")
							.header("Proxy-Authorization", "Basic cHJveHk6cHc=")
							.retrieve()
							.toBodilessEntity()
							.getStatusCode()
							.value()).isEqualTo(200);
					}
				}
				// A snapshot added by any interceptor travels no further either.
				RestClient plain = context.getBean(RestClient.Builder.class).build();
				plain.get()
					.uri(downstream.url() + "/orders")
					.header(SNAPSHOT_HEADER, "eyJzbmFwc2hvdCI6MX0")
					.retrieve()
					.toBodilessEntity();
			});
			assertThat(downstream.hits()).hasSize(4);
			assertThat(downstream.hits().get(0).header("authorization")).isEqualTo("Bearer " + TOKEN);
			assertThat(downstream.hits().get(1).header("x-api-key")).isEqualTo(API_KEY);
			assertThat(downstream.hits().get(2).header(SNAPSHOT_HEADER)).isNotBlank();
			assertThat(downstream.hits().get(3).header(SNAPSHOT_HEADER)).isEqualTo("eyJzbmFwc2hvdCI6MX0");
			assertThat(capture.hits()).hasSize(4).allSatisfy(OutboundRedirectTests::carriesNoCredential);
		}
	}

	@Test
	void aCrossHostRedirectCarriesNoCredentialFromBootsRestTemplateBuilder() throws Exception {
		try (CaptureServer capture = CaptureServer.ok();
				CaptureServer downstream = CaptureServer
					.answering((hit) -> Answer.redirect(307, "http://127.0.0.1:" + capture.port() + "/collect"))) {
			runner(downstream).run((context) -> {
				OutboundCredentials credentials = context.getBean(OutboundCredentials.class);
				RestTemplate template = context.getBean(RestTemplateBuilder.class)
					.additionalInterceptors(credentials.interceptor("billing"))
					.build();
				assertThat(template.postForEntity(downstream.url() + "/orders", "order-1", String.class)
					.getStatusCode()
					.value()).isEqualTo(200);
			});
			assertThat(downstream.hits()).singleElement()
				.satisfies((hit) -> assertThat(hit.header("authorization")).isEqualTo("Bearer " + TOKEN));
			// 127.0.0.1 on another port is another origin: a 307 keeps method and body,
			// never the credential.
			assertThat(capture.hits()).singleElement().satisfies((hit) -> {
				carriesNoCredential(hit);
				assertThat(hit.method()).isEqualTo("POST");
				assertThat(hit.body()).isEqualTo("order-1");
			});
		}
	}

	@Test
	void aSameOriginRedirectKeepsTheCredentialAndA303BecomesAGet() throws Exception {
		try (CaptureServer downstream = CaptureServer.answering((hit) -> switch (hit.path()) {
			case "/orders" -> Answer.redirect(302, "/orders/moved");
			case "/orders/moved" -> Answer.redirect(303, "/orders/done");
			default -> new Answer(200, null);
		})) {
			runner(downstream).run((context) -> {
				RestClient client = context.getBean(RestClient.Builder.class)
					.requestInterceptor(context.getBean(OutboundCredentials.class).interceptor("billing"))
					.build();
				client.post().uri(downstream.url() + "/orders").body("order-2").retrieve().toBodilessEntity();
			});
			assertThat(downstream.hits()).extracting(Hit::path)
				.containsExactly("/orders", "/orders/moved", "/orders/done");
			assertThat(downstream.hits()).extracting(Hit::method).containsExactly("POST", "GET", "GET");
			assertThat(downstream.hits()).extracting((hit) -> hit.header("authorization"))
				.containsOnly("Bearer " + TOKEN);
			assertThat(downstream.hits().get(2).body()).isEmpty();
		}
	}

	@Test
	void refusesToSendACredentialToAHostThatIsNotAllowed() throws Exception {
		try (CaptureServer capture = CaptureServer.ok(); CaptureServer downstream = CaptureServer.ok()) {
			runner(downstream).run((context) -> {
				OutboundCredentials credentials = context.getBean(OutboundCredentials.class);
				for (String registration : List.of("billing", "search", "audit")) {
					RestClient client = context.getBean(RestClient.Builder.class)
						.baseUrl(downstream.url())
						.requestInterceptor(credentials.interceptor(registration))
						.build();
					try (AuthContextScope scope = AuthContextHolder.open(AuthContext.builder("alice").build())) {
						for (String url : List.of(capture.url() + "/collect", elsewhere(capture, "/collect"))) {
							// An absolute URL on a client whose base URL is the
							// downstream.
							assertThatExceptionOfType(OutboundCredentialUnavailableException.class)
								.isThrownBy(() -> client.get().uri(url).retrieve().toBodilessEntity())
								.withMessageContaining(registration)
								.withMessageContaining("allowed-hosts")
								.withMessageNotContaining(TOKEN);
						}
					}
				}
			});
			assertThat(capture.hits()).isEmpty();
			assertThat(downstream.hits()).isEmpty();
		}
	}

	@Test
	void stopsAfterMaxRedirects() throws Exception {
		try (CaptureServer downstream = CaptureServer.answering((hit) -> Answer.redirect(302, "/again"))) {
			runner(downstream).withPropertyValues("gatehouse.outbound.max-redirects=3").run((context) -> {
				RestClient client = context.getBean(RestClient.Builder.class).build();
				assertThatExceptionOfType(ResourceAccessException.class)
					.isThrownBy(() -> client.get().uri(downstream.url() + "/orders").retrieve().toBodilessEntity())
					.withMessageContaining("Stopped after 3 redirects");
			});
			assertThat(downstream.hits()).hasSize(4);
		}
	}

	@Test
	void followsNoRedirectWhenBootIsToldNotTo() throws Exception {
		try (CaptureServer capture = CaptureServer.ok();
				CaptureServer downstream = CaptureServer
					.answering((hit) -> Answer.redirect(302, elsewhere(capture, "/collect")))) {
			runner(downstream).withPropertyValues("spring.http.clients.redirects=dont-follow").run((context) -> {
				RestClient client = context.getBean(RestClient.Builder.class)
					.requestInterceptor(context.getBean(OutboundCredentials.class).interceptor("billing"))
					.build();
				assertThat(client.get().uri(downstream.url()).retrieve().toBodilessEntity().getStatusCode())
					.isEqualTo(HttpStatus.FOUND);
			});
			assertThat(capture.hits()).isEmpty();
		}
	}

	@Test
	void guardsARestClientTheApplicationBuildsItselfWithThePolicysFactory() throws Exception {
		try (CaptureServer capture = CaptureServer.ok();
				CaptureServer downstream = CaptureServer
					.answering((hit) -> Answer.redirect(301, elsewhere(capture, "/collect")))) {
			runner(downstream).run((context) -> {
				RestClient client = RestClient.builder()
					.requestFactory(context.getBean(RedirectPolicy.class).requestFactory())
					.requestInterceptor(context.getBean(OutboundCredentials.class).interceptor("billing"))
					.build();
				client.get().uri(downstream.url()).retrieve().toBodilessEntity();
			});
			assertThat(downstream.hits()).singleElement()
				.satisfies((hit) -> assertThat(hit.header("authorization")).isEqualTo("Bearer " + TOKEN));
			assertThat(capture.hits()).singleElement().satisfies(OutboundRedirectTests::carriesNoCredential);
		}
	}

	private static void carriesNoCredential(Hit hit) {
		assertThat(hit.headers()).doesNotContainKeys(CREDENTIAL_HEADERS.toArray(String[]::new));
	}

}
