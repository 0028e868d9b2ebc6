package dev.gatehouse.auth.test.app;

import dev.gatehouse.auth.test.AuthContexts;
import dev.gatehouse.auth.test.GatehouseRequestPostProcessors;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static dev.gatehouse.auth.test.GatehouseRequestPostProcessors.anonymous;
import static dev.gatehouse.auth.test.GatehouseRequestPostProcessors.authContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A {@code @WebMvcTest} slice of a controller with an {@code @RequireRole} handler:
 * Gatehouse's filter, enforcement and problem responses are part of the slice, so the
 * slice refuses what production refuses, and the request post-processors decide the
 * caller.
 */
@WebMvcTest(ArticleController.class)
class ArticleControllerSliceTests {

	private static final String EDITOR_KEY = "editorial-editor-key-7f3a";

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private MockMvc mockMvc;

	@Test
	void challengesAnonymousRequestToRoleProtectedHandlerWithProblemResponse() {
		assertThat(this.mvc.get().uri("/articles/7/publish")).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.reasonCode")
			.isEqualTo("MISSING_CREDENTIAL");
	}

	@Test
	void letsPostProcessorContextWithRoleReachHandler() {
		assertThat(this.mvc.get()
			.uri("/articles/7/publish")
			.with(authContext(AuthContexts.builder().roles("editor").build()))).hasStatusOk()
			.hasBodyTextEqualTo("published 7 by " + AuthContexts.DEFAULT_SUBJECT);
	}

	@Test
	void deniesPostProcessorContextWithoutRole() {
		assertThat(this.mvc.get().uri("/articles/7/publish").with(authContext(AuthContexts.withRoles("reader"))))
			.hasStatus(HttpStatus.FORBIDDEN)
			.bodyJson()
			.extractingPath("$.reasonCode")
			.isEqualTo("INSUFFICIENT_ROLE");
	}

	@Test
	void worksWithClassicMockMvc() throws Exception {
		this.mockMvc.perform(get("/articles/7/publish").with(authContext(AuthContexts.withRoles("editor"))))
			.andExpect(status().isOk())
			.andExpect(content().string("published 7 by " + AuthContexts.DEFAULT_SUBJECT));
		this.mockMvc.perform(get("/articles/7/publish")).andExpect(status().isUnauthorized());
	}

	@Test
	void authenticatesApiKeyFromTheTestsPropertiesInTheSlice() {
		assertThat(this.mvc.get().uri("/articles/7/publish").header("X-API-Key", EDITOR_KEY)).hasStatusOk()
			.hasBodyTextEqualTo("published 7 by erin");
	}

	@Test
	void anonymousPostProcessorIgnoresTheRequestsCredential() {
		assertThat(this.mvc.get().uri("/articles/7/publish").header("X-API-Key", EDITOR_KEY).with(anonymous()))
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void ignoresClientHeaderImitatingTheHook() {
		assertThat(this.mvc.get()
			.uri("/articles/7/publish")
			.header(GatehouseRequestPostProcessors.CONTEXT_ATTRIBUTE, "editor")).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void ignoresClientParameterImitatingTheHook() {
		assertThat(this.mvc.get()
			.uri("/articles/7/publish")
			.param(GatehouseRequestPostProcessors.CONTEXT_ATTRIBUTE, "editor")).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void ignoresRequestAttributeOfTheSameNameSetByOtherCode() {
		assertThat(this.mvc.get().uri("/articles/7/publish").with((request) -> {
			request.setAttribute(GatehouseRequestPostProcessors.CONTEXT_ATTRIBUTE, AuthContexts.withRoles("editor"));
			return request;
		})).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void leavesPublicHandlerOpenToAnonymousRequest() {
		assertThat(this.mvc.get().uri("/articles/7")).hasStatusOk().hasBodyTextEqualTo("article 7");
	}

}
