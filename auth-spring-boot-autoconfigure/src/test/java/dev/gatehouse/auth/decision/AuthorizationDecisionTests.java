package dev.gatehouse.auth.decision;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link AuthorizationDecision}: decisions as data, with ALLOW and AUTHORIZED always
 * going together.
 */
class AuthorizationDecisionTests {

	@Test
	void allowIsASharedAllowedInstance() {
		AuthorizationDecision allow = AuthorizationDecision.allow();

		assertThat(AuthorizationDecision.allow()).isSameAs(allow);
		assertThat(allow.isAllowed()).isTrue();
		assertThat(allow.state()).isEqualTo(AuthorizationDecisionState.ALLOW);
		assertThat(allow.reasonCode()).isEqualTo(AuthorizationReasonCode.AUTHORIZED);
		assertThat(allow.reason()).isNotBlank();
	}

	@Test
	void challengeCarriesCodeAndReason() {
		AuthorizationDecision decision = AuthorizationDecision.challenge(AuthorizationReasonCode.EXPIRED_CREDENTIAL,
				"The token has expired.");

		assertThat(decision.state()).isEqualTo(AuthorizationDecisionState.CHALLENGE);
		assertThat(decision.reasonCode()).isEqualTo(AuthorizationReasonCode.EXPIRED_CREDENTIAL);
		assertThat(decision.reason()).isEqualTo("The token has expired.");
		assertThat(decision.isAllowed()).isFalse();
	}

	@Test
	void denyCarriesCodeAndReason() {
		AuthorizationDecision decision = AuthorizationDecision.deny(AuthorizationReasonCode.INSUFFICIENT_ROLE,
				"Role admin is required.");

		assertThat(decision.state()).isEqualTo(AuthorizationDecisionState.DENY);
		assertThat(decision.reasonCode()).isEqualTo(AuthorizationReasonCode.INSUFFICIENT_ROLE);
		assertThat(decision.reason()).isEqualTo("Role admin is required.");
		assertThat(decision.isAllowed()).isFalse();
	}

	@Test
	void errorCarriesCodeAndReason() {
		AuthorizationDecision decision = AuthorizationDecision.error(AuthorizationReasonCode.INTERNAL_ERROR,
				"Something went wrong.");

		assertThat(decision.state()).isEqualTo(AuthorizationDecisionState.ERROR);
		assertThat(decision.reasonCode()).isEqualTo(AuthorizationReasonCode.INTERNAL_ERROR);
		assertThat(decision.reason()).isEqualTo("Something went wrong.");
		assertThat(decision.isAllowed()).isFalse();
	}

	@Test
	void snapshotConstantsAreChallengesWithTheirCodes() {
		assertDecision(AuthorizationDecision.MISSING_SNAPSHOT, AuthorizationDecisionState.CHALLENGE,
				AuthorizationReasonCode.SNAPSHOT_MISSING);
		assertDecision(AuthorizationDecision.INVALID_SNAPSHOT, AuthorizationDecisionState.CHALLENGE,
				AuthorizationReasonCode.SNAPSHOT_INVALID);
		assertDecision(AuthorizationDecision.EXPIRED_SNAPSHOT, AuthorizationDecisionState.CHALLENGE,
				AuthorizationReasonCode.SNAPSHOT_EXPIRED);
	}

	@Test
	void providerUnavailableConstantIsAnError() {
		assertDecision(AuthorizationDecision.VERIFICATION_PROVIDER_UNAVAILABLE, AuthorizationDecisionState.ERROR,
				AuthorizationReasonCode.VERIFICATION_PROVIDER_UNAVAILABLE);
	}

	@ParameterizedTest
	@EnumSource(value = AuthorizationReasonCode.class, names = "AUTHORIZED", mode = EnumSource.Mode.EXCLUDE)
	void rejectsAllowWithAnyOtherReasonCode(AuthorizationReasonCode code) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AuthorizationDecision(AuthorizationDecisionState.ALLOW, code, "Looks allowed."))
			.withMessageContaining("ALLOW")
			.withMessageContaining(code.name());
	}

	@ParameterizedTest
	@EnumSource(value = AuthorizationDecisionState.class, names = "ALLOW", mode = EnumSource.Mode.EXCLUDE)
	void rejectsAuthorizedWithAnyOtherState(AuthorizationDecisionState state) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AuthorizationDecision(state, AuthorizationReasonCode.AUTHORIZED, "Looks refused."))
			.withMessageContaining("AUTHORIZED");
	}

	@Test
	void factoriesRejectAuthorizedCode() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AuthorizationDecision.challenge(AuthorizationReasonCode.AUTHORIZED, "x"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AuthorizationDecision.deny(AuthorizationReasonCode.AUTHORIZED, "x"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AuthorizationDecision.error(AuthorizationReasonCode.AUTHORIZED, "x"));
	}

	@Test
	void allowWithAuthorizedCanBeConstructedAndEqualsTheSharedInstance() {
		AuthorizationDecision allow = new AuthorizationDecision(AuthorizationDecisionState.ALLOW,
				AuthorizationReasonCode.AUTHORIZED, AuthorizationDecision.allow().reason());

		assertThat(allow).isEqualTo(AuthorizationDecision.allow());
		assertThat(allow.isAllowed()).isTrue();
	}

	@Test
	void rejectsNullFields() {
		assertThatNullPointerException()
			.isThrownBy(() -> new AuthorizationDecision(null, AuthorizationReasonCode.INTERNAL_ERROR, "x"))
			.withMessageContaining("state");
		assertThatNullPointerException()
			.isThrownBy(() -> new AuthorizationDecision(AuthorizationDecisionState.DENY, null, "x"))
			.withMessageContaining("reasonCode");
		assertThatNullPointerException()
			.isThrownBy(() -> AuthorizationDecision.deny(AuthorizationReasonCode.INSUFFICIENT_ROLE, null))
			.withMessageContaining("reason");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "  " })
	void rejectsBlankReason(String reason) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AuthorizationDecision.deny(AuthorizationReasonCode.INSUFFICIENT_ROLE, reason))
			.withMessageContaining("reason");
	}

	@Test
	void equalDecisionsAreEqual() {
		assertThat(AuthorizationDecision.deny(AuthorizationReasonCode.INSUFFICIENT_SCOPE, "Scope missing."))
			.isEqualTo(AuthorizationDecision.deny(AuthorizationReasonCode.INSUFFICIENT_SCOPE, "Scope missing."))
			.isNotEqualTo(
					AuthorizationDecision.challenge(AuthorizationReasonCode.INSUFFICIENT_SCOPE, "Scope missing."));
	}

	private static void assertDecision(AuthorizationDecision decision, AuthorizationDecisionState state,
			AuthorizationReasonCode code) {
		assertThat(decision.state()).isEqualTo(state);
		assertThat(decision.reasonCode()).isEqualTo(code);
		assertThat(decision.reason()).isNotBlank();
		assertThat(decision.isAllowed()).isFalse();
	}

}
