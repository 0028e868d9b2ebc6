package dev.gatehouse.auth.context;

import dev.gatehouse.auth.decision.AuthException;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;

/**
 * No {@link dev.gatehouse.auth.context.AuthContext} is bound where one is required: the
 * caller presented no credential, or the code runs on a thread the context was not
 * propagated to (CHALLENGE/MISSING_CREDENTIAL), or the caller's credential was rejected
 * (then with the rejection's decision).
 */
public class AuthContextNotFoundException extends AuthException {

	private static final AuthorizationDecision DECISION = AuthorizationDecision
		.challenge(AuthorizationReasonCode.MISSING_CREDENTIAL, "Authentication is required.");

	/** Creates the exception with the standard message. */
	public AuthContextNotFoundException() {
		this("No AuthContext is bound to the current thread: the call carried no credential, or the context "
				+ "was not propagated to this thread.");
	}

	/**
	 * Creates the exception.
	 * @param message a safe message
	 */
	public AuthContextNotFoundException(String message) {
		super(message, DECISION, null);
	}

	/**
	 * Creates the exception for a call whose credential was rejected, so that no context
	 * is bound: it carries the rejection's decision (INVALID_CREDENTIAL, say) instead of
	 * MISSING_CREDENTIAL, and the rejection as its cause.
	 * @param rejection the rejection of the call's credential
	 */
	public AuthContextNotFoundException(AuthException rejection) {
		super("No AuthContext is bound to the current thread: the call's credential was rejected ("
				+ rejection.decision().reasonCode() + ").", rejection.decision(), rejection);
	}

}
