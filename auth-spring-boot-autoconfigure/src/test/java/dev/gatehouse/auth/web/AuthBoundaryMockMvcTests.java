package dev.gatehouse.auth.web;

import jakarta.servlet.Filter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The servlet boundary through MockMvc: the auto-configured filter and exception handler
 * in front of public and protected controllers.
 */
@SpringBootTest(classes = BoundaryTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class AuthBoundaryMockMvcTests {

	private static final String API_KEY = "X-API-Key";

	@Autowired
	private WebApplicationContext context;

	@Autowired
	@Qualifier("gatehouseAuthContextFilter")
	private FilterRegistrationBean<? extends Filter> filter;

	private MockMvcTester mvc;

	@BeforeEach
	void setUp() {
		this.mvc = MockMvcTester.from(this.context, (builder) -> builder.addFilters(this.filter.getFilter()).build());
	}

	@Test
	void challengesProtectedHandlerWithoutCredential() {
		MvcTestResult result = this.mvc.get().uri("/documents/42").exchange();
		assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"gatehouse\"");
		assertThat(result).bodyJson().extractingPath("$.reasonCode").isEqualTo("MISSING_CREDENTIAL");
		assertThat(result).bodyJson().extractingPath("$.state").isEqualTo("CHALLENGE");
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(401);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Unauthorized");
		assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("Authentication is required.");
	}

	@Test
	void challengesWrongApiKeyAsInvalidCredential() {
		MvcTestResult result = this.mvc.get().uri("/documents/42").header(API_KEY, "not-a-key").exchange();
		assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"gatehouse\", error=\"invalid_token\"");
		assertThat(result).bodyJson().extractingPath("$.reasonCode").isEqualTo("INVALID_CREDENTIAL");
	}

	@Test
	void challengesExpiredTokenAsExpiredCredential() {
		MvcTestResult result = this.mvc.get()
			.uri("/documents/42")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + BoundaryTestApplication.EXPIRED_TOKEN)
			.exchange();
		assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"gatehouse\", error=\"invalid_token\"");
		assertThat(result).bodyJson().extractingPath("$.reasonCode").isEqualTo("EXPIRED_CREDENTIAL");
	}

	@Test
	void letsValidApiKeyThroughWithSubjectVisibleToHandler() {
		assertThat(this.mvc.get().uri("/documents/42").header(API_KEY, BoundaryTestApplication.READER_KEY))
			.hasStatusOk()
			.hasBodyTextEqualTo("document 42 for ada");
	}

	@Test
	void letsValidBearerTokenThroughWithSubjectVisibleToHandler() {
		assertThat(this.mvc.get()
			.uri("/documents/42")
			.header(HttpHeaders.AUTHORIZATION, "bearer " + BoundaryTestApplication.VALID_TOKEN)).hasStatusOk()
			.hasBodyTextEqualTo("document 42 for linus");
	}

	@Test
	void describesTheCallToTheAuthenticatorByPathPatternAndHandler() {
		assertThat(this.mvc.get()
			.uri("/documents/7/invocation")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + BoundaryTestApplication.VALID_TOKEN)).hasStatusOk()
			.hasBodyTextEqualTo("GET /documents/{id}/invocation | BoundaryController#invocation");
	}

	@Test
	void deniesValidKeyWithoutRole() {
		MvcTestResult result = this.mvc.get()
			.uri("/admin")
			.header(API_KEY, BoundaryTestApplication.READER_KEY)
			.exchange();
		assertThat(result).hasStatus(HttpStatus.FORBIDDEN).doesNotContainHeader(HttpHeaders.WWW_AUTHENTICATE);
		assertThat(result).bodyJson().extractingPath("$.reasonCode").isEqualTo("INSUFFICIENT_ROLE");
		assertThat(result).bodyJson().extractingPath("$.state").isEqualTo("DENY");
	}

	@Test
	void allowsKeyWithRole() {
		assertThat(this.mvc.get().uri("/admin").header(API_KEY, BoundaryTestApplication.ADMIN_KEY)).hasStatusOk()
			.hasBodyTextEqualTo("admin for grace");
	}

	@Test
	void deniesMissingScopeWithInsufficientScopeChallenge() {
		MvcTestResult result = this.mvc.get()
			.uri("/reports")
			.header(API_KEY, BoundaryTestApplication.READER_KEY)
			.exchange();
		assertThat(result).hasStatus(HttpStatus.FORBIDDEN)
			.hasHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"gatehouse\", error=\"insufficient_scope\"");
		assertThat(result).bodyJson().extractingPath("$.reasonCode").isEqualTo("INSUFFICIENT_SCOPE");
	}

	@Test
	void answersPublicHandlerWithoutAnyCredential() {
		assertThat(this.mvc.get().uri("/public/whoami")).hasStatusOk().hasBodyTextEqualTo("<none>");
	}

	@Test
	void answersPublicHandlerWithValidCredential() {
		assertThat(this.mvc.get().uri("/public/whoami").header(API_KEY, BoundaryTestApplication.ADMIN_KEY))
			.hasStatusOk()
			.hasBodyTextEqualTo("grace");
	}

	@Test
	void ignoresInvalidCredentialsOnPublicHandler() {
		assertThat(this.mvc.get().uri("/public/whoami").header(API_KEY, "wrong")).hasStatusOk()
			.hasBodyTextEqualTo("<none>");
		assertThat(this.mvc.get().uri("/public/whoami").header(HttpHeaders.AUTHORIZATION, "Bearer  x y")).hasStatusOk()
			.hasBodyTextEqualTo("<none>");
		assertThat(this.mvc.get()
			.uri("/public/whoami")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + BoundaryTestApplication.UNVERIFIABLE_TOKEN)).hasStatusOk()
			.hasBodyTextEqualTo("<none>");
	}

	@Test
	void answersUnavailableCheckerWith503() {
		MvcTestResult result = this.mvc.get()
			.uri("/audit")
			.header(API_KEY, BoundaryTestApplication.ADMIN_KEY)
			.exchange();
		assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE).doesNotContainHeader(HttpHeaders.WWW_AUTHENTICATE);
		assertThat(result).bodyJson().extractingPath("$.reasonCode").isEqualTo("VERIFICATION_PROVIDER_UNAVAILABLE");
		assertThat(result).bodyJson().extractingPath("$.state").isEqualTo("ERROR");
	}

	@Test
	void answersUnreachableCredentialVerifierWith503OnProtectedHandler() {
		MvcTestResult result = this.mvc.get()
			.uri("/documents/42")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + BoundaryTestApplication.UNVERIFIABLE_TOKEN)
			.exchange();
		assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(result).bodyJson().extractingPath("$.reasonCode").isEqualTo("VERIFICATION_PROVIDER_UNAVAILABLE");
	}

	@Test
	void answersThrowingCheckerWith500WithoutExceptionDetails() {
		MvcTestResult result = this.mvc.get()
			.uri("/broken")
			.header(API_KEY, BoundaryTestApplication.ADMIN_KEY)
			.exchange();
		assertThat(result).hasStatus(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(result).bodyJson().extractingPath("$.reasonCode").isEqualTo("INTERNAL_ERROR");
		assertThat(result).bodyText()
			.doesNotContain(BoundaryTestApplication.CHECKER_SECRET)
			.doesNotContain("Exception")
			.doesNotContain("\tat ");
	}

	@Test
	void answersMalformedAuthorizationHeadersWith401InvalidCredential() {
		for (String header : BoundaryTestApplication.MALFORMED_AUTHORIZATION) {
			MvcTestResult result = this.mvc.get()
				.uri("/documents/42")
				.header(HttpHeaders.AUTHORIZATION, header)
				.exchange();
			assertThat(result).as(header).hasStatus(HttpStatus.UNAUTHORIZED);
			assertThat(result).bodyJson().extractingPath("$.reasonCode").isEqualTo("INVALID_CREDENTIAL");
		}
	}

	@Test
	void answersNonAsciiAuthorizationHeaderWith401() {
		MvcTestResult result = this.mvc.get()
			.uri("/documents/42")
			.header(HttpHeaders.AUTHORIZATION, "Bearer caf\u00e9")
			.exchange();
		assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(result).bodyJson().extractingPath("$.reasonCode").isEqualTo("INVALID_CREDENTIAL");
	}

	@Test
	void answersRepeatedAuthorizationHeadersWith401() {
		MvcTestResult result = this.mvc.get()
			.uri("/documents/42")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + BoundaryTestApplication.VALID_TOKEN,
					"Bearer " + BoundaryTestApplication.VALID_TOKEN)
			.exchange();
		assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(result).bodyJson().extractingPath("$.reasonCode").isEqualTo("INVALID_CREDENTIAL");
	}

	@Test
	void answersTwoCredentialsWith401() {
		MvcTestResult result = this.mvc.get()
			.uri("/documents/42")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + BoundaryTestApplication.VALID_TOKEN)
			.header(API_KEY, BoundaryTestApplication.ADMIN_KEY)
			.exchange();
		assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(result).bodyJson().extractingPath("$.reasonCode").isEqualTo("INVALID_CREDENTIAL");
	}

	@Test
	void treatsBasicCredentialsAsAbsentWhenNoBasicAuthenticatorIsConfigured() {
		// Only API keys and bearer tokens are verified: a Basic header is not read, so
		// the caller is anonymous.
		MvcTestResult result = this.mvc.get()
			.uri("/documents/42")
			.header(HttpHeaders.AUTHORIZATION, "Basic dXNlcjpwYXNz")
			.exchange();
		assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(result).bodyJson().extractingPath("$.reasonCode").isEqualTo("MISSING_CREDENTIAL");
	}

}
