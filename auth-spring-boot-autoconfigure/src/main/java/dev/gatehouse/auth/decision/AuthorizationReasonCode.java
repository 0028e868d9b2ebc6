package dev.gatehouse.auth.decision;

/**
 * Machine-readable reason behind an {@link AuthorizationDecision}; stable across
 * releases, so clients may branch on it.
 */
public enum AuthorizationReasonCode {

	/** Every requirement was met. */
	AUTHORIZED,

	/** The call carried no credential (or no context was bound). */
	MISSING_CREDENTIAL,

	/** The credential was malformed, unknown or failed verification. */
	INVALID_CREDENTIAL,

	/** The credential was valid once but has expired. */
	EXPIRED_CREDENTIAL,

	/** A required role is missing. */
	INSUFFICIENT_ROLE,

	/** A required scope is missing. */
	INSUFFICIENT_SCOPE,

	/** A required permission is missing. */
	INSUFFICIENT_PERMISSION,

	/** The relation store denied a required relation. */
	RELATION_DENIED,

	/** A policy evaluated to deny. */
	POLICY_DENIED,

	/** A signed context snapshot was required but absent. */
	SNAPSHOT_MISSING,

	/** A signed context snapshot failed decoding or verification. */
	SNAPSHOT_INVALID,

	/** A signed context snapshot has expired. */
	SNAPSHOT_EXPIRED,

	/** A provider needed to decide is missing or unreachable. */
	VERIFICATION_PROVIDER_UNAVAILABLE,

	/**
	 * A remote decision engine (a policy decision point) or relation store could not
	 * answer in time or answered something that is not a decision; never mapped to DENY.
	 */
	DECISION_PROVIDER_UNAVAILABLE,

	/**
	 * An unexpected failure while deciding; details are in the server log, never in the
	 * response.
	 */
	INTERNAL_ERROR

}
