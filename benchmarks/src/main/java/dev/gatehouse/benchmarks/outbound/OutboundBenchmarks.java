package dev.gatehouse.benchmarks.outbound;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.gatehouse.auth.outbound.AllowedHosts;
import dev.gatehouse.auth.outbound.CachingOutboundTokenProvider;
import dev.gatehouse.auth.outbound.OutboundCredentials;
import dev.gatehouse.auth.outbound.OutboundRegistration;
import dev.gatehouse.auth.outbound.OutboundToken;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.web.client.RestClient;

/**
 * One {@code RestClient} GET with a cached client-credentials token, no network (a
 * request factory that answers 200 in memory): through a no-op interceptor (the
 * baseline), Gatehouse's {@code OutboundCredentials.interceptor("billing")}, and Spring
 * Security's {@code OAuth2ClientHttpRequestInterceptor} with an
 * {@code AuthorizedClientServiceOAuth2AuthorizedClientManager} that holds the token. Each
 * interceptor's overhead is its time minus the baseline's.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@State(Scope.Benchmark)
public class OutboundBenchmarks {

	private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvcmRlcnMifQ.c2lnbmF0dXJl";

	// What writing the header alone costs on this request: the floor for any interceptor.
	private static final String CONSTANT_HEADER = "Bearer " + TOKEN;

	private static final URI URL = URI.create("http://billing.internal/invoices/42");

	final InMemoryRequestFactory requests = new InMemoryRequestFactory();

	RestClient noInterceptor;

	RestClient constantHeaderInitializer;

	RestClient noOp;

	RestClient constantHeader;

	RestClient gatehouse;

	RestClient springSecurity;

	/** Builds the three clients and fetches each token once, so every call is cached. */
	@Setup
	public void setUp() {
		this.noInterceptor = RestClient.builder().requestFactory(this.requests).build();
		this.constantHeaderInitializer = RestClient.builder()
			.requestFactory(this.requests)
			.requestInitializer((request) -> request.getHeaders().set(HttpHeaders.AUTHORIZATION, CONSTANT_HEADER))
			.build();
		this.noOp = client((request, body, execution) -> execution.execute(request, body));
		this.constantHeader = client((request, body, execution) -> {
			request.getHeaders().set(HttpHeaders.AUTHORIZATION, CONSTANT_HEADER);
			return execution.execute(request, body);
		});
		this.gatehouse = client(newGatehouseInterceptor());
		this.springSecurity = client(newSpringSecurityInterceptor());
		for (RestClient client : List.of(this.noOp, this.gatehouse, this.springSecurity)) {
			if (call(client) != HttpStatus.OK.value()) {
				throw new IllegalStateException("the in-memory request failed");
			}
		}
	}

	private static ClientHttpRequestInterceptor newGatehouseInterceptor() {
		OutboundToken token = OutboundToken.bearer("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvcmRlcnMifQ.c2lnbmF0dXJl",
				Instant.now().plus(Duration.ofHours(1)));
		CachingOutboundTokenProvider provider = new CachingOutboundTokenProvider("billing", (request) -> token, false,
				Duration.ofSeconds(60), Duration.ofSeconds(5), Clock.systemUTC());
		return new OutboundCredentials(List.of(new OutboundRegistration("billing", "client-credentials", false,
				provider, AllowedHosts.of(List.of("billing.internal")))))
			.interceptor("billing");
	}

	private static ClientHttpRequestInterceptor newSpringSecurityInterceptor() {
		ClientRegistration registration = ClientRegistration.withRegistrationId("billing")
			.clientId("orders")
			.clientSecret("secret")
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri("http://idp.internal/oauth2/token")
			.build();
		InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
		ClientCredentialsOAuth2AuthorizedClientProvider provider = new ClientCredentialsOAuth2AuthorizedClientProvider();
		// Answers the one token request in memory; every later call finds the token
		// cached.
		provider.setAccessTokenResponseClient((grantRequest) -> OAuth2AccessTokenResponse
			.withToken("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvcmRlcnMifQ.c2lnbmF0dXJl")
			.tokenType(OAuth2AccessToken.TokenType.BEARER)
			.expiresIn(3600)
			.build());
		AuthorizedClientServiceOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
				registrations, new InMemoryOAuth2AuthorizedClientService(registrations));
		manager.setAuthorizedClientProvider(provider);
		OAuth2ClientHttpRequestInterceptor interceptor = new OAuth2ClientHttpRequestInterceptor(manager);
		interceptor.setClientRegistrationIdResolver((request) -> "billing");
		return interceptor;
	}

	private RestClient client(ClientHttpRequestInterceptor interceptor) {
		return RestClient.builder().requestFactory(this.requests).requestInterceptor(interceptor).build();
	}

	static int call(RestClient client) {
		return client.get().uri(URL).retrieve().toBodilessEntity().getStatusCode().value();
	}

	/**
	 * The request without any interceptor: what the interceptor chain itself costs is the
	 * difference to {@link #noOpInterceptor()}.
	 */
	@Benchmark
	public int noInterceptor() {
		return call(this.noInterceptor);
	}

	/**
	 * A constant header set by a request initializer on a client without interceptors:
	 * the least that putting one header on a {@code RestClient} request costs.
	 */
	@Benchmark
	public int constantHeaderInitializer() {
		return call(this.constantHeaderInitializer);
	}

	/** The request through a no-op interceptor: the baseline. */
	@Benchmark
	public int noOpInterceptor() {
		return call(this.noOp);
	}

	/** The request through an interceptor that only sets a constant header. */
	@Benchmark
	public int constantHeaderInterceptor() {
		return call(this.constantHeader);
	}

	/** The request through Gatehouse's interceptor with a cached token. */
	@Benchmark
	public int gatehouseInterceptor() {
		return call(this.gatehouse);
	}

	/** The request through Spring Security's interceptor with a cached token. */
	@Benchmark
	public int springSecurityInterceptor() {
		return call(this.springSecurity);
	}

	/**
	 * Answers every request with an empty 200 in memory, remembering the last
	 * {@code Authorization} header so the tests can check what each client sends.
	 */
	static final class InMemoryRequestFactory implements ClientHttpRequestFactory {

		volatile @Nullable List<String> lastAuthorization;

		@Override
		public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) {
			MockClientHttpRequest request = new MockClientHttpRequest(httpMethod, uri) {

				@Override
				protected ClientHttpResponse executeInternal() throws IOException {
					InMemoryRequestFactory.this.lastAuthorization = getHeaders().get(HttpHeaders.AUTHORIZATION);
					return super.executeInternal();
				}

			};
			request.setResponse(new MockClientHttpResponse(new byte[0], HttpStatus.OK));
			return request;
		}

	}

}
