package dev.gatehouse.auth.outbound;

import dev.gatehouse.auth.decision.AuthException;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import org.jspecify.annotations.Nullable;

/**
 * No outbound token could be obtained for a registration (identity provider down, bad
 * client credentials, no caller credential to exchange, an unusable token), so the call
 * is not sent. An ERROR decision with {@code VERIFICATION_PROVIDER_UNAVAILABLE}; the
 * message never contains a secret or a token.
 */
public class OutboundCredentialUnavailableException extends AuthException {

	private static final AuthorizationDecision DECISION = AuthorizationDecision.error(
			AuthorizationReasonCode.VERIFICATION_PROVIDER_UNAVAILABLE,
			"An outbound credential is unavailable, so the downstream call was not sent.");

	/**
	 * Creates the exception.
	 * @param message a safe message naming the registration and what failed; never a
	 * secret or token
	 * @param cause the underlying failure, or {@code null}
	 */
	public OutboundCredentialUnavailableException(String message, @Nullable Throwable cause) {
		super(message, DECISION, cause);
	}

}
