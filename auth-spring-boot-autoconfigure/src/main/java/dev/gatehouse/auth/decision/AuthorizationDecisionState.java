package dev.gatehouse.auth.decision;

/**
 * The outcome of an authentication or authorization step.
 *
 * <p>
 * Transport adapters map each state to a response: {@link #CHALLENGE} to 401,
 * {@link #DENY} to 403 and {@link #ERROR} to 500 or 503.
 */
public enum AuthorizationDecisionState {

	/** The call may proceed. */
	ALLOW,

	/**
	 * The caller must (re)authenticate: no credential, or one that is invalid or expired.
	 */
	CHALLENGE,

	/** The caller is known but lacks what the boundary requires. */
	DENY,

	/**
	 * No decision could be reached; the call is refused because Gatehouse fails closed.
	 */
	ERROR

}
