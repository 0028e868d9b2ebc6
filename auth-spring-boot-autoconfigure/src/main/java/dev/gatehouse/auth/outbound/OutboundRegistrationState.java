package dev.gatehouse.auth.outbound;

/**
 * The health of an outbound registration as {@link OutboundCredentials#status()} reports
 * it.
 */
public enum OutboundRegistrationState {

	/** The last token request succeeded, or none has failed yet. */
	UP,

	/** The last token request failed, but a token that has not expired yet is held. */
	DEGRADED,

	/** The last token request failed and no unexpired token is held. */
	DOWN

}
