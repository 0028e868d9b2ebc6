package dev.gatehouse.auth.springsecurity;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static dev.gatehouse.auth.springsecurity.SpringSecurityTestServers.baseUrl;
import static dev.gatehouse.auth.springsecurity.SpringSecurityTestServers.body;
import static dev.gatehouse.auth.springsecurity.SpringSecurityTestServers.get;
import static dev.gatehouse.auth.springsecurity.SpringSecurityTestServers.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * HTTP Basic with in-memory users, through Spring Security on Tomcat on a random loopback
 * port: Gatehouse's {@code @RequireRole} decides from the roles Spring Security granted,
 * without their {@code ROLE_} prefix and without Spring Security 7's
 * {@code FACTOR_PASSWORD} authority; and with the bridge switched off, and no other
 * authenticator, the application does not start.
 */
@Tag("spring-security")
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringSecurityBasicLoginTests {

	private static final String ADA_PASSWORD = "ada-password-71c4";

	private static final String BOB_PASSWORD = "bob-password-0d9e";

	private ConfigurableApplicationContext application;

	private String url;

	@BeforeAll
	void startApplication() {
		this.application = start(BasicApplication.class);
		this.url = baseUrl(this.application);
	}

	@AfterAll
	void stopApplication() {
		this.application.close();
	}

	@Test
	void allowsTheUserWithTheRoleAndShowsRolesWithoutPrefixesOrFactors() throws Exception {
		HttpResponse<String> response = get(this.url + "/audit", basic("ada", ADA_PASSWORD));
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode caller = body(response);
		assertThat(caller.path("subject").asText()).isEqualTo("ada");
		assertThat(caller.path("roles").valueStream().map(JsonNode::asText)).containsExactlyInAnyOrder("auditor",
				"USER");
		assertThat(caller.path("credential").asText()).isEqualTo("none");
	}

	@Test
	void refusesTheUserWithoutTheRole() throws Exception {
		HttpResponse<String> response = get(this.url + "/audit", basic("bob", BOB_PASSWORD));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(body(response).path("reasonCode").asText()).isEqualTo("INSUFFICIENT_ROLE");
	}

	@Test
	void leavesWrongPasswordsToSpringSecurityWithoutEchoingThem(CapturedOutput output) throws Exception {
		HttpResponse<String> response = get(this.url + "/audit", basic("ada", "wrong-password-55aa"));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).doesNotContain("wrong-password-55aa");
		assertThat(output).doesNotContain("wrong-password-55aa").doesNotContain(ADA_PASSWORD);
	}

	@Test
	void challengesAnonymousRequestsWithGatehousesProblem() throws Exception {
		HttpResponse<String> response = get(this.url + "/audit", null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(body(response).path("reasonCode").asText()).isEqualTo("MISSING_CREDENTIAL");
	}

	@Test
	void withTheBridgeOffAndNoOtherAuthenticatorTheApplicationDoesNotStart(CapturedOutput output) {
		// Spring Authorization Server's auto-configuration, on this test class path,
		// would
		// register a JwtDecoder, which (with the bridge off) switches Gatehouse's own JWT
		// authenticator on: this application has none.
		assertThatException().isThrownBy(() -> start(BasicApplication.class, "gatehouse.spring-security.enabled=false",
				"spring.autoconfigure.exclude=org.springframework.boot.security.oauth2.server.authorization."
						+ "autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration")
			.close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("AUTHENTICATION")
			.contains("0 providers")
			.contains("gatehouse.spring-security.enabled");
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	@RestController
	static class AuditController {

		@GetMapping("/audit")
		@RequireRole("auditor")
		Map<String, Object> audit() {
			AuthContext caller = AuthContextHolder.require();
			return Map.of("subject", caller.subject().id(), "roles", caller.roles(), "credential",
					(caller.credentialCarrier() != null) ? caller.credentialCarrier().kind().name() : "none");
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(AuditController.class)
	static class BasicApplication {

		@Bean
		SecurityFilterChain basicSecurityFilterChain(HttpSecurity http) {
			return http.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
				.httpBasic(Customizer.withDefaults())
				.csrf((csrf) -> csrf.disable())
				.build();
		}

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("ada").password("{noop}" + ADA_PASSWORD).roles("auditor", "USER").build(),
					User.withUsername("bob").password("{noop}" + BOB_PASSWORD).roles("USER").build());
		}

	}

}
