package dev.gatehouse.auth.test.app;

import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.test.WithAuthContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import static dev.gatehouse.auth.test.AuthDecisionAssert.assertThatDecision;
import static dev.gatehouse.auth.test.GatehouseRequestPostProcessors.authContext;
import static dev.gatehouse.auth.test.AuthContexts.withRoles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code @WithAuthContext} in a {@code @SpringBootTest}: the annotated context reaches a
 * protected service, the method's annotation wins over the class's, a meta-annotation
 * works, and nothing is left bound after the test.
 */
@SpringBootTest
@AutoConfigureMockMvc
@WithAuthContext(subject = "rita", roles = "reader")
class ArticleServiceTests {

	@Autowired
	private ArticleService articles;

	@Autowired
	private MockMvcTester mvc;

	@AfterEach
	void contextIsStillBoundInAfterEach() {
		assertThat(AuthContextHolder.current()).isPresent();
	}

	@Test
	@WithAuthContext(subject = "erin", roles = "editor")
	void letsMethodAnnotatedEditorCallProtectedService() {
		assertThat(this.articles.publish("7")).isEqualTo("published 7 by erin");
	}

	@Test
	void refusesClassAnnotatedReaderAtProtectedService() {
		assertThatDecision(catchThrowable(() -> this.articles.publish("7")))
			.isDenied(AuthorizationReasonCode.INSUFFICIENT_ROLE);
	}

	@Test
	@AsEditor
	void acceptsWithAuthContextAsMetaAnnotation() {
		assertThat(this.articles.publish("7")).isEqualTo("published 7 by meta-editor");
	}

	@Test
	void postProcessorReachesRoleProtectedHandlerInFullApplication() {
		assertThat(this.mvc.get().uri("/articles/7/publish").with(authContext(withRoles("editor")))).hasStatusOk();
		assertThat(this.mvc.get().uri("/articles/7/publish")).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void requestWithoutPostProcessorDoesNotInheritTheTestsContext() {
		assertThat(this.mvc.get().uri("/articles/7/publish")).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Nested
	class WithoutMethodAnnotation {

		@Test
		void inheritsEnclosingClassContext() {
			assertThat(AuthContextHolder.require().subject().id()).isEqualTo("rita");
		}

	}

}
