package dev.gatehouse.auth.decision;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decision states and reason codes are part of the public contract (SPEC §3): clients
 * branch on them, so none may be missing, renamed or added silently.
 */
class AuthorizationReasonCodeTests {

	@Test
	void reasonCodesAreExactlyThoseOfTheContract() {
		assertThat(AuthorizationReasonCode.values()).extracting(Enum::name)
			.containsExactly("AUTHORIZED", "MISSING_CREDENTIAL", "INVALID_CREDENTIAL", "EXPIRED_CREDENTIAL",
					"INSUFFICIENT_ROLE", "INSUFFICIENT_SCOPE", "INSUFFICIENT_PERMISSION", "RELATION_DENIED",
					"POLICY_DENIED", "SNAPSHOT_MISSING", "SNAPSHOT_INVALID", "SNAPSHOT_EXPIRED",
					"VERIFICATION_PROVIDER_UNAVAILABLE", "DECISION_PROVIDER_UNAVAILABLE", "INTERNAL_ERROR");
	}

	@Test
	void statesAreExactlyThoseOfTheContract() {
		assertThat(AuthorizationDecisionState.values()).extracting(Enum::name)
			.containsExactly("ALLOW", "CHALLENGE", "DENY", "ERROR");
	}

}
