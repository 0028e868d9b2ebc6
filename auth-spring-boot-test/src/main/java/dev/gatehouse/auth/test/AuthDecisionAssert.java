package dev.gatehouse.auth.test;

import dev.gatehouse.auth.decision.AuthException;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import org.assertj.core.api.AbstractObjectAssert;
import org.jspecify.annotations.Nullable;

/**
 * AssertJ assertions on the {@link AuthorizationDecision} behind a Gatehouse refusal:
 * {@code assertThatDecision(thrown).isDenied(INSUFFICIENT_ROLE)}.
 */
public final class AuthDecisionAssert extends AbstractObjectAssert<AuthDecisionAssert, AuthorizationDecision> {

	private AuthDecisionAssert(AuthorizationDecision actual) {
		super(actual, AuthDecisionAssert.class);
	}

	/**
	 * Starts assertions on the decision of the {@link AuthException} that is the given
	 * throwable or one of its causes (MockMvc and executors wrap it).
	 * @param thrown what the call threw
	 * @return the assertions
	 * @throws AssertionError when neither the throwable nor a cause is an
	 * {@link AuthException}
	 */
	public static AuthDecisionAssert assertThatDecision(@Nullable Throwable thrown) {
		for (Throwable candidate = thrown; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof AuthException authException) {
				return new AuthDecisionAssert(authException.decision());
			}
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		throw new AssertionError(
				"Expected a Gatehouse AuthException (or a throwable caused by one) but was: " + thrown);
	}

	/**
	 * Starts assertions on a decision.
	 * @param decision the decision
	 * @return the assertions
	 */
	public static AuthDecisionAssert assertThatDecision(AuthorizationDecision decision) {
		return new AuthDecisionAssert(decision);
	}

	/**
	 * Verifies that the decision is DENY with the given reason code.
	 * @param reasonCode the expected reason code
	 * @return this assertion
	 */
	public AuthDecisionAssert isDenied(AuthorizationReasonCode reasonCode) {
		return hasStateAndReason(AuthorizationDecisionState.DENY, reasonCode);
	}

	/**
	 * Verifies that the decision is CHALLENGE (the caller must authenticate) with the
	 * given reason code.
	 * @param reasonCode the expected reason code
	 * @return this assertion
	 */
	public AuthDecisionAssert isChallenged(AuthorizationReasonCode reasonCode) {
		return hasStateAndReason(AuthorizationDecisionState.CHALLENGE, reasonCode);
	}

	/**
	 * Verifies that the decision is ERROR (a provider failed) with the given reason code.
	 * @param reasonCode the expected reason code
	 * @return this assertion
	 */
	public AuthDecisionAssert isError(AuthorizationReasonCode reasonCode) {
		return hasStateAndReason(AuthorizationDecisionState.ERROR, reasonCode);
	}

	/**
	 * Verifies that the decision is ALLOW.
	 * @return this assertion
	 */
	public AuthDecisionAssert isAllowed() {
		return hasStateAndReason(AuthorizationDecisionState.ALLOW, AuthorizationReasonCode.AUTHORIZED);
	}

	/**
	 * Verifies the decision's safe, human-readable reason.
	 * @param reason the expected reason
	 * @return this assertion
	 */
	public AuthDecisionAssert hasReason(String reason) {
		isNotNull();
		if (!this.actual.reason().equals(reason)) {
			failWithMessage("Expected decision reason <%s> but was <%s>", reason, this.actual.reason());
		}
		return this;
	}

	private AuthDecisionAssert hasStateAndReason(AuthorizationDecisionState state, AuthorizationReasonCode reasonCode) {
		isNotNull();
		if (this.actual.state() != state || this.actual.reasonCode() != reasonCode) {
			failWithMessage("Expected decision <%s/%s> but was <%s/%s> (%s)", state, reasonCode, this.actual.state(),
					this.actual.reasonCode(), this.actual.reason());
		}
		return this;
	}

}
