package dev.gatehouse.auth.web;

import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A controller that returns the caller's {@code AuthContext} as JSON, through MockMvc
 * with Boot's own Jackson setup: the API key the caller sent is not echoed back.
 */
@SpringBootTest(classes = AuthenticatorHintsServerTests.KeyOnlyApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class AuthContextJsonMockMvcTests {

	@Autowired
	private WebApplicationContext context;

	@Autowired
	@Qualifier("gatehouseAuthContextFilter")
	private FilterRegistrationBean<? extends Filter> filter;

	@Test
	void doesNotEchoTheApiKeyWhenReturningTheContext() throws Exception {
		MockMvcTester mvc = MockMvcTester.from(this.context,
				(builder) -> builder.addFilters(this.filter.getFilter()).build());

		MvcTestResult result = mvc.get()
			.uri("/context")
			.header("X-API-Key", AuthenticatorHintsServerTests.KEY)
			.exchange();

		assertThat(result).hasStatus(HttpStatus.OK);
		assertThat(result).bodyJson().extractingPath("$.subject.id").isEqualTo("service-a");
		assertThat(result).bodyJson().extractingPath("$.credentialCarrier.kind").isEqualTo("API_KEY");
		assertThat(result.getResponse().getContentAsString()).doesNotContain(AuthenticatorHintsServerTests.KEY)
			.doesNotContain("material");
	}

}
