package dev.gatehouse.auth.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.jayway.jsonpath.JsonPath;
import dev.gatehouse.auth.annotation.Protected;
import dev.gatehouse.auth.annotation.PublicAccess;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.AuthInvocation;
import dev.gatehouse.auth.spi.AuthenticationFailedException;
import dev.gatehouse.auth.spi.Authenticator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application's own {@link Authenticator} that verifies only API keys and says so
 * through {@link Authenticator#supports}: the servlet boundary never hands it a bearer
 * token, runs such a request without a context, and says at DEBUG why the credential was
 * ignored. Real Tomcat on loopback, JDK {@link HttpClient}.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = AuthenticatorHintsServerTests.KeyOnlyApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "logging.level.dev.gatehouse.auth.web=DEBUG" })
class AuthenticatorHintsServerTests {

	static final String KEY = "k-7f3e9a1c-hints-test";

	private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5In0.c2lnbmF0dXJlLWhpbnRz";

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private KeyOnlyAuthenticator authenticator;

	@BeforeEach
	void forgetCalls() {
		this.authenticator.calls.clear();
	}

	@Test
	void neverCallsAnApiKeyOnlyAuthenticatorWithABearerToken(CapturedOutput output) throws Exception {
		HttpResponse<String> publicResponse = get("/whoami", "Authorization", "Bearer " + TOKEN);
		HttpResponse<String> protectedResponse = get("/me", "Authorization", "Bearer " + TOKEN);

		assertThat(this.authenticator.calls).isEmpty();
		assertThat(publicResponse.statusCode()).isEqualTo(200);
		assertThat(publicResponse.body()).isEqualTo("<none>");
		// Ignored, not rejected: the protected handler sees no credential at all.
		assertThat(protectedResponse.statusCode()).isEqualTo(401);
		assertThat((String) JsonPath.read(protectedResponse.body(), "$.reasonCode")).isEqualTo("MISSING_CREDENTIAL");
		assertThat(output).contains("Ignored the BEARER_TOKEN credential in the Authorization header of GET /me")
			.contains("no authenticator is configured to verify BEARER_TOKEN credentials")
			.doesNotContain(TOKEN)
			.doesNotContain("c2lnbmF0dXJlLWhpbnRz");
	}

	@Test
	void callsItWithAnApiKeyAndSparesTheHandlerLookupItDoesNotRead() throws Exception {
		HttpResponse<String> response = get("/me", "X-API-Key", KEY);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("service-a");
		assertThat(this.authenticator.calls).hasSize(1);
		// readsInvocation(API_KEY) is false and nothing observes the request, so the
		// invocation is a placeholder: neither the handler's pattern nor the path.
		assertThat(this.authenticator.calls.get(0).boundary()).isEqualTo("HTTP");
		assertThat(this.authenticator.calls.get(0).operation()).doesNotContain("/me");
	}

	@Test
	void returnsTheContextAsJsonWithoutTheApiKey() throws Exception {
		HttpResponse<String> response = get("/context", "X-API-Key", KEY);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("service-a").contains("X-API-Key").doesNotContain(KEY);
	}

	private HttpResponse<String> get(String path, String header, String value) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header(header, value)
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Verifies one API key; declares that it neither verifies other kinds nor reads the
	 * invocation.
	 */
	static final class KeyOnlyAuthenticator implements Authenticator {

		final List<AuthInvocation> calls = new CopyOnWriteArrayList<>();

		@Override
		public AuthContext authenticate(CredentialCarrier credential, AuthInvocation invocation) {
			this.calls.add(invocation);
			if (credential.kind() != CredentialCarrierKind.API_KEY || !KEY.equals(credential.material())) {
				throw new AuthenticationFailedException(
						AuthorizationDecision.challenge(AuthorizationReasonCode.INVALID_CREDENTIAL, "Unknown key."));
			}
			return AuthContext.builder("service-a").credentialCarrier(credential).build();
		}

		@Override
		public boolean supports(CredentialCarrierKind kind) {
			return kind == CredentialCarrierKind.API_KEY;
		}

		@Override
		public boolean readsInvocation(CredentialCarrierKind kind) {
			return false;
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(KeyOnlyApplication.Controller.class)
	static class KeyOnlyApplication {

		@Bean
		KeyOnlyAuthenticator keyOnlyAuthenticator() {
			return new KeyOnlyAuthenticator();
		}

		@RestController
		static class Controller {

			@PublicAccess
			@GetMapping("/whoami")
			String whoami() {
				return AuthContextHolder.current().map((context) -> context.subject().id()).orElse("<none>");
			}

			@Protected
			@GetMapping("/me")
			String me() {
				return AuthContextHolder.require().subject().id();
			}

			@Protected
			@GetMapping("/context")
			AuthContext context() {
				return AuthContextHolder.require();
			}

		}

	}

}
