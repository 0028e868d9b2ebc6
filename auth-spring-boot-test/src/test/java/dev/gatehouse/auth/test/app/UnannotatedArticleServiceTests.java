package dev.gatehouse.auth.test.app;

import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static dev.gatehouse.auth.test.AuthDecisionAssert.assertThatDecision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Without {@code @WithAuthContext} a test runs with no context, and the protected service
 * refuses the call as it would an unauthenticated caller.
 */
@SpringBootTest
class UnannotatedArticleServiceTests {

	@Autowired
	private ArticleService articles;

	@Test
	void refusesProtectedServiceCallWithoutAnnotation() {
		assertThat(AuthContextHolder.current()).isEmpty();
		assertThatDecision(catchThrowable(() -> this.articles.publish("7")))
			.isChallenged(AuthorizationReasonCode.MISSING_CREDENTIAL);
	}

}
