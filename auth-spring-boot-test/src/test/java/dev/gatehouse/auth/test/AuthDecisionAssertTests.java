package dev.gatehouse.auth.test;

import dev.gatehouse.auth.context.AuthContextNotFoundException;
import dev.gatehouse.auth.decision.AuthRequirementDeniedException;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import org.junit.jupiter.api.Test;

import static dev.gatehouse.auth.test.AuthDecisionAssert.assertThatDecision;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link AuthDecisionAssert}: passes on the matching decision, fails with a message that
 * names both decisions otherwise, and finds the refusal inside wrapping exceptions.
 */
class AuthDecisionAssertTests {

	private static final AuthorizationDecision ROLE_DENIED = AuthorizationDecision
		.deny(AuthorizationReasonCode.INSUFFICIENT_ROLE, "Missing role.");

	@Test
	void passesOnMatchingDenial() {
		assertThatDecision(new AuthRequirementDeniedException(ROLE_DENIED))
			.isDenied(AuthorizationReasonCode.INSUFFICIENT_ROLE)
			.hasReason("Missing role.");
	}

	@Test
	void failsOnOtherReasonCodeNamingBothDecisions() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatDecision(new AuthRequirementDeniedException(ROLE_DENIED))
				.isDenied(AuthorizationReasonCode.INSUFFICIENT_SCOPE))
			.withMessageContaining("DENY/INSUFFICIENT_SCOPE")
			.withMessageContaining("DENY/INSUFFICIENT_ROLE");
	}

	@Test
	void failsOnOtherState() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatDecision(new AuthContextNotFoundException())
				.isDenied(AuthorizationReasonCode.MISSING_CREDENTIAL));
	}

	@Test
	void findsTheRefusalInsideAWrappingException() {
		assertThatDecision(new IllegalStateException("wrapped", new AuthContextNotFoundException()))
			.isChallenged(AuthorizationReasonCode.MISSING_CREDENTIAL);
	}

	@Test
	void failsWhenNothingWasRefused() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatDecision(new IllegalStateException("boom")))
			.withMessageContaining("AuthException");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThatDecision((Throwable) null));
	}

	@Test
	void assertsDecisionsDirectly() {
		assertThatDecision(AuthorizationDecision.allow()).isAllowed();
		assertThatDecision(AuthorizationDecision.error(AuthorizationReasonCode.VERIFICATION_PROVIDER_UNAVAILABLE,
				"Provider down."))
			.isError(AuthorizationReasonCode.VERIFICATION_PROVIDER_UNAVAILABLE);
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThatDecision(ROLE_DENIED).hasReason("Other."));
	}

}
