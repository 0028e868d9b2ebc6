package dev.gatehouse.auth.springsecurity;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.auth.annotation.Protected;
import dev.gatehouse.auth.authentication.JwtBearerAuthenticator;
import dev.gatehouse.auth.annotation.PublicAccess;
import dev.gatehouse.auth.annotation.RequireScope;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static dev.gatehouse.auth.springsecurity.SpringSecurityTestServers.AUDITOR;
import static dev.gatehouse.auth.springsecurity.SpringSecurityTestServers.READER;
import static dev.gatehouse.auth.springsecurity.SpringSecurityTestServers.WRITER;
import static dev.gatehouse.auth.springsecurity.SpringSecurityTestServers.baseUrl;
import static dev.gatehouse.auth.springsecurity.SpringSecurityTestServers.body;
import static dev.gatehouse.auth.springsecurity.SpringSecurityTestServers.get;
import static dev.gatehouse.auth.springsecurity.SpringSecurityTestServers.start;
import static dev.gatehouse.auth.springsecurity.SpringSecurityTestServers.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gatehouse behind Spring Security's resource server, against a real Spring Authorization
 * Server: both run on Tomcat on random loopback ports in this JVM, the resource server
 * configured by Boot's {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} alone
 * and no {@code gatehouse.jwt.*}, so that Spring Security verifies each token and
 * Gatehouse authorizes on top of it.
 */
@Tag("spring-security")
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringSecurityResourceServerTests {

	private ConfigurableApplicationContext authorizationServer;

	private String issuer;

	@BeforeAll
	void startAuthorizationServer() {
		this.authorizationServer = SpringSecurityTestServers.startAuthorizationServer();
		this.issuer = baseUrl(this.authorizationServer);
	}

	@AfterAll
	void stopAuthorizationServer() {
		this.authorizationServer.close();
	}

	private String bearer(String client, String scope) throws Exception {
		return "Bearer " + token(this.authorizationServer, client, scope);
	}

	/**
	 * The application's own chain lets every request through to Gatehouse, which then
	 * decides: the setup the guide recommends when Gatehouse authorizes.
	 */
	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class PermissiveChain {

		private ConfigurableApplicationContext application;

		private String url;

		@BeforeAll
		void startApplication() {
			this.application = start(PermissiveApplication.class,
					"spring.security.oauth2.resourceserver.jwt.issuer-uri="
							+ SpringSecurityResourceServerTests.this.issuer);
			this.url = baseUrl(this.application);
		}

		@AfterAll
		void stopApplication() {
			this.application.close();
		}

		@Test
		void namesTheClientAndIssuerOfAVerifiedToken() throws Exception {
			HttpResponse<String> response = get(this.url + "/whoami", bearer(READER, "reports.read"));
			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode caller = body(response);
			assertThat(caller.path("subject").asText()).isEqualTo(READER);
			assertThat(caller.path("issuer").asText()).isEqualTo(SpringSecurityResourceServerTests.this.issuer);
			assertThat(caller.path("scopes").toString()).isEqualTo("[\"reports.read\"]");
			assertThat(caller.path("credential").asText()).isEqualTo("BEARER_TOKEN");
			// Spring Security verified the token; Gatehouse only mapped it.
			assertThat(this.application.getBeansOfType(SpringSecurityAuthenticationBridge.class)).hasSize(1);
			assertThat(this.application.getBeansOfType(JwtBearerAuthenticator.class)).isEmpty();
		}

		@Test
		void allowsAndRefusesByTheTokensScopes() throws Exception {
			assertThat(get(this.url + "/reports", bearer(READER, "reports.read")).statusCode()).isEqualTo(200);
			assertThat(get(this.url + "/reports/edit", bearer(WRITER, "reports.read reports.write")).statusCode())
				.isEqualTo(200);
			HttpResponse<String> refused = get(this.url + "/reports/edit", bearer(READER, "reports.read"));
			assertThat(refused.statusCode()).isEqualTo(403);
			assertThat(refused.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(body(refused).path("reasonCode").asText()).isEqualTo("INSUFFICIENT_SCOPE");
			assertThat(refused.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying((value) -> assertThat(value).contains("insufficient_scope"));
		}

		@Test
		void challengesARequestWithoutTokenWithAProblem() throws Exception {
			HttpResponse<String> response = get(this.url + "/whoami", null);
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(body(response).path("reasonCode").asText()).isEqualTo("MISSING_CREDENTIAL");
			assertThat(response.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying((value) -> assertThat(value).startsWith("Bearer"));
			assertThat(get(this.url + "/public", null).statusCode()).isEqualTo(200);
		}

		@Test
		void refusesATamperedTokenWithoutEchoingIt(CapturedOutput output) throws Exception {
			String token = token(SpringSecurityResourceServerTests.this.authorizationServer, READER, "reports.read");
			String signature = token.substring(token.lastIndexOf('.') + 1);
			char last = signature.charAt(signature.length() / 2);
			String tampered = token.substring(0, token.lastIndexOf('.') + 1)
					+ signature.substring(0, signature.length() / 2) + ((last == 'A') ? 'B' : 'A')
					+ signature.substring(signature.length() / 2 + 1);

			HttpResponse<String> response = get(this.url + "/whoami", "Bearer " + tampered);

			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.body()).doesNotContain(tampered).doesNotContain(signature);
			assertThat(response.headers().map().toString()).doesNotContain(tampered).doesNotContain(signature);
			assertThat(output).doesNotContain(tampered);
		}

		@Test
		void neverLetsOneCallerSeeAnothersIdentity() throws Exception {
			List<String> callers = List.of(READER, WRITER, AUDITOR);
			Map<String, String> tokens = Map.of(READER, bearer(READER, "reports.read"), WRITER,
					bearer(WRITER, "reports.read reports.write"), AUDITOR, bearer(AUDITOR, "reports.read"));
			int connections = 16;
			int requests = 20_000;
			ExecutorService clientThreads = Executors.newFixedThreadPool(connections);
			HttpClient client = HttpClient.newBuilder()
				.executor(clientThreads)
				.connectTimeout(Duration.ofSeconds(5))
				.build();
			AtomicInteger mismatches = new AtomicInteger();
			AtomicInteger answered = new AtomicInteger();
			ExecutorService workers = Executors.newFixedThreadPool(connections);
			try {
				List<Future<?>> futures = new ArrayList<>();
				for (int worker = 0; worker < connections; worker++) {
					futures.add(workers.submit(() -> {
						for (int i = 0; i < requests / connections; i++) {
							String caller = callers.get(ThreadLocalRandom.current().nextInt(callers.size()));
							HttpResponse<String> response = client
								.send(HttpRequest.newBuilder(URI.create(this.url + "/whoami/subject"))
									.header("Authorization", tokens.get(caller))
									.build(), HttpResponse.BodyHandlers.ofString());
							answered.incrementAndGet();
							if (response.statusCode() != 200 || !response.body().equals(caller)) {
								mismatches.incrementAndGet();
							}
						}
						return null;
					}));
				}
				for (Future<?> future : futures) {
					future.get();
				}
			}
			finally {
				workers.shutdownNow();
				clientThreads.shutdownNow();
			}
			assertThat(answered).hasValue(requests);
			assertThat(mismatches).hasValue(0);
		}

	}

	/**
	 * Boot's own resource-server chain, which authenticates every request itself: Spring
	 * Security answers requests without a token, and Gatehouse sees only verified
	 * callers.
	 */
	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class BootsDefaultChain {

		private ConfigurableApplicationContext application;

		@BeforeAll
		void startApplication() {
			this.application = start(DefaultChainApplication.class,
					"spring.security.oauth2.resourceserver.jwt.issuer-uri="
							+ SpringSecurityResourceServerTests.this.issuer);
		}

		@AfterAll
		void stopApplication() {
			this.application.close();
		}

		@Test
		void startsAndAuthorizesTheTokensThatSpringSecurityAccepted() throws Exception {
			String url = baseUrl(this.application);
			HttpResponse<String> response = get(url + "/whoami", bearer(WRITER, "reports.read reports.write"));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(body(response).path("subject").asText()).isEqualTo(WRITER);
			assertThat(get(url + "/reports/edit", bearer(READER, "reports.read")).statusCode()).isEqualTo(403);
			assertThat(get(url + "/whoami", null).statusCode()).isEqualTo(401);
		}

	}

	@RestController
	static class ReportsController {

		@GetMapping("/whoami")
		@Protected
		Map<String, Object> whoami() {
			AuthContext caller = AuthContextHolder.require();
			return Map.of("subject", caller.subject().id(), "issuer", String.valueOf(caller.issuer()), "scopes",
					caller.scopes(), "roles", caller.roles(), "credential",
					(caller.credentialCarrier() != null) ? caller.credentialCarrier().kind().name() : "none");
		}

		@GetMapping("/whoami/subject")
		@Protected
		String subject() {
			return AuthContextHolder.require().subject().id();
		}

		@GetMapping("/reports")
		@RequireScope("reports.read")
		String reports() {
			return "reports";
		}

		@GetMapping("/reports/edit")
		@RequireScope("reports.write")
		String edit() {
			return "editing";
		}

		@GetMapping("/public")
		@PublicAccess
		String open() {
			return "open";
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(ReportsController.class)
	static class PermissiveApplication {

		@Bean
		SecurityFilterChain apiSecurityFilterChain(HttpSecurity http) {
			return http.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
				.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()))
				.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.csrf((csrf) -> csrf.disable())
				.build();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(ReportsController.class)
	static class DefaultChainApplication {

	}

}
