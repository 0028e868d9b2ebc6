package dev.gatehouse.auth.decision;

import java.util.Objects;

/**
 * The result of one authentication or authorization step: a state, a reason code and a
 * human reason that is safe to show to the caller (it never contains secrets).
 *
 * <p>
 * {@code ALLOW} always pairs with {@code AUTHORIZED} and vice versa, so a decision can
 * never look allowed by one field and refused by another.
 *
 * @param state the outcome
 * @param reasonCode the machine-readable reason
 * @param reason a short, safe, human-readable reason
 */
public record AuthorizationDecision(AuthorizationDecisionState state, AuthorizationReasonCode reasonCode,
		String reason) {

	private static final AuthorizationDecision ALLOW = new AuthorizationDecision(AuthorizationDecisionState.ALLOW,
			AuthorizationReasonCode.AUTHORIZED, "Access granted.");

	/** A signed context snapshot was required but absent. */
	public static final AuthorizationDecision MISSING_SNAPSHOT = challenge(AuthorizationReasonCode.SNAPSHOT_MISSING,
			"An authentication context snapshot is required.");

	/** A signed context snapshot failed decoding or verification. */
	public static final AuthorizationDecision INVALID_SNAPSHOT = challenge(AuthorizationReasonCode.SNAPSHOT_INVALID,
			"The authentication context snapshot is invalid.");

	/** A signed context snapshot has expired. */
	public static final AuthorizationDecision EXPIRED_SNAPSHOT = challenge(AuthorizationReasonCode.SNAPSHOT_EXPIRED,
			"The authentication context snapshot has expired.");

	/** A provider needed to reach a decision is missing or unreachable. */
	public static final AuthorizationDecision VERIFICATION_PROVIDER_UNAVAILABLE = error(
			AuthorizationReasonCode.VERIFICATION_PROVIDER_UNAVAILABLE, "An authorization provider is unavailable.");

	public AuthorizationDecision {
		Objects.requireNonNull(state, "state must not be null");
		Objects.requireNonNull(reasonCode, "reasonCode must not be null");
		Objects.requireNonNull(reason, "reason must not be null");
		if (reason.isBlank()) {
			throw new IllegalArgumentException("reason must not be blank");
		}
		if ((state == AuthorizationDecisionState.ALLOW) != (reasonCode == AuthorizationReasonCode.AUTHORIZED)) {
			throw new IllegalArgumentException(
					"state ALLOW goes with reason code AUTHORIZED and only with it, not " + state + "/" + reasonCode);
		}
	}

	/**
	 * Returns the shared ALLOW decision.
	 * @return the ALLOW decision
	 */
	public static AuthorizationDecision allow() {
		return ALLOW;
	}

	/**
	 * Creates a CHALLENGE decision: the caller must (re)authenticate.
	 * @param reasonCode why
	 * @param reason a safe human reason
	 * @return the decision
	 */
	public static AuthorizationDecision challenge(AuthorizationReasonCode reasonCode, String reason) {
		return new AuthorizationDecision(AuthorizationDecisionState.CHALLENGE, reasonCode, reason);
	}

	/**
	 * Creates a DENY decision: the caller is known but lacks what is required.
	 * @param reasonCode why
	 * @param reason a safe human reason
	 * @return the decision
	 */
	public static AuthorizationDecision deny(AuthorizationReasonCode reasonCode, String reason) {
		return new AuthorizationDecision(AuthorizationDecisionState.DENY, reasonCode, reason);
	}

	/**
	 * Creates an ERROR decision: no decision could be reached, so the call is refused.
	 * @param reasonCode why
	 * @param reason a safe human reason
	 * @return the decision
	 */
	public static AuthorizationDecision error(AuthorizationReasonCode reasonCode, String reason) {
		return new AuthorizationDecision(AuthorizationDecisionState.ERROR, reasonCode, reason);
	}

	/**
	 * Whether this decision lets the call proceed.
	 * @return {@code true} only for ALLOW
	 */
	public boolean isAllowed() {
		return this.state == AuthorizationDecisionState.ALLOW;
	}

}
