package dev.gatehouse.auth.outbound;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.util.StreamUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The redirect policy's edge cases, over a stub factory that records what is sent.
 */
class RedirectSafeClientHttpRequestFactoryTests {

	private final List<MockClientHttpRequest> sent = new ArrayList<>();

	private ClientHttpRequestFactory factory(Function<URI, ClientHttpResponse> answers) {
		ClientHttpRequestFactory stub = (uri, method) -> {
			MockClientHttpRequest request = new MockClientHttpRequest(method, uri);
			request.setResponse(answers.apply(uri));
			this.sent.add(request);
			return request;
		};
		return new RedirectPolicy(List.of("X-Custom-Secret", " ", "x-auth-context-snapshot"), 5).wrap(stub);
	}

	private static MockClientHttpResponse redirect(int status, String location) {
		MockClientHttpResponse response = new MockClientHttpResponse(new byte[0], status);
		if (location != null) {
			response.getHeaders().set("Location", location);
		}
		return response;
	}

	private ClientHttpResponse execute(ClientHttpRequestFactory factory, String uri, HttpMethod method)
			throws IOException {
		ClientHttpRequest request = factory.createRequest(URI.create(uri), method);
		assertThat(request.getURI()).isEqualTo(URI.create(uri));
		assertThat(request.getMethod()).isEqualTo(method);
		request.getHeaders().set("Authorization", "Bearer t");
		request.getHeaders().set("X-Custom-Secret", "s");
		request.getHeaders().set("X-Recorded", "r");
		request.getHeaders().set("X-Plain", "p");
		request.getAttributes().put(RedirectPolicy.CREDENTIAL_HEADERS_ATTRIBUTE, Set.of("x-recorded"));
		StreamUtils.copy(new byte[] { 1, 2, 3 }, request.getBody());
		return request.execute();
	}

	@Test
	void doesNotFollowFromHttpsToHttp() throws IOException {
		ClientHttpResponse response = execute(factory((uri) -> redirect(302, "http://a.test/")), "https://a.test/x",
				HttpMethod.GET);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FOUND);
		assertThat(this.sent).hasSize(1);
	}

	@Test
	void returnsARedirectWithoutAUsableLocationAsItCame() throws IOException {
		for (String location : new String[] { null, " ", "mailto:x@a.test", "http://", "http://a b/" }) {
			this.sent.clear();
			ClientHttpResponse response = execute(factory((uri) -> redirect(301, location)), "http://a.test/x",
					HttpMethod.GET);
			assertThat(response.getStatusCode().value()).as(String.valueOf(location)).isEqualTo(301);
			assertThat(this.sent).hasSize(1);
		}
	}

	@Test
	void dropsConfiguredAndRecordedCredentialHeadersAcrossOriginsAndKeepsOthers() throws IOException {
		ClientHttpResponse response = execute(factory((uri) -> uri.getHost().equals("a.test")
				? redirect(308, "https://b.test/y") : new MockClientHttpResponse(new byte[0], 200)), "https://a.test/x",
				HttpMethod.PUT);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(this.sent).hasSize(2);
		MockClientHttpRequest second = this.sent.get(1);
		assertThat(second.getMethod()).isEqualTo(HttpMethod.PUT);
		assertThat(second.getBodyAsBytes()).containsExactly(1, 2, 3);
		assertThat(second.getHeaders().headerNames()).doesNotContain("Authorization", "X-Custom-Secret", "X-Recorded")
			.contains("X-Plain");
		assertThat(this.sent.get(0).getHeaders().getFirst("X-Custom-Secret")).isEqualTo("s");
	}

	@Test
	void keepsHeadOnA303AndFollowsRelativeLocations() throws IOException {
		execute(factory((uri) -> uri.getPath().equals("/x") ? redirect(303, "y")
				: new MockClientHttpResponse(new byte[0], 200)), "http://a.test/x", HttpMethod.HEAD);
		assertThat(this.sent).hasSize(2);
		assertThat(this.sent.get(1).getMethod()).isEqualTo(HttpMethod.HEAD);
		assertThat(this.sent.get(1).getURI()).isEqualTo(URI.create("http://a.test/y"));
		assertThat(this.sent.get(1).getHeaders().getFirst("Authorization")).isEqualTo("Bearer t");
		assertThat(this.sent.get(1).getBodyAsBytes()).isEmpty();
	}

	@Test
	void comparesOriginsByScheme() {
		assertThat(RedirectSafeClientHttpRequestFactory.sameOrigin(URI.create("http://a.test/"),
				URI.create("http://A.TEST:80/x")))
			.isTrue();
		assertThat(RedirectSafeClientHttpRequestFactory.sameOrigin(URI.create("http://a.test/"),
				URI.create("https://a.test/")))
			.isFalse();
		assertThat(RedirectSafeClientHttpRequestFactory.sameOrigin(URI.create("https://a.test/"),
				URI.create("https://a.test:8443/")))
			.isFalse();
	}

	@Test
	void describesItselfWithoutHeaders() {
		RedirectPolicy policy = new RedirectPolicy(List.of("X-Api-Key"), 2);
		assertThat(policy.maxRedirects()).isEqualTo(2);
		assertThat(policy.isSensitive("x-api-key")).isTrue();
		assertThat(policy.isSensitive("proxy-authorization")).isTrue();
		assertThat(policy.sensitiveHeaders()).hasSize(4);
		assertThat(policy).hasToString(
				"RedirectPolicy[sensitiveHeaders=[authorization, cookie, proxy-authorization, x-api-key], maxRedirects=2]");
		assertThat(policy.requestFactory().toString()).contains("JdkClientHttpRequestFactory");
		assertThatIllegalArgumentException().isThrownBy(() -> new RedirectPolicy(List.of(), -1));
	}

}
