package dev.gatehouse.auth.metadata;

import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationException;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;

/**
 * An auth annotation carries a value Gatehouse cannot enforce, such as a blank role or
 * scope. Raised while resolving metadata: startup validation reports it, and with
 * validation switched off every call to the method fails with it, instead of enforcing
 * something other than what was written.
 *
 * <p>
 * Not listed in the contract's hierarchy: it is the typed error for bad annotation input,
 * a sibling of {@link ConflictingAuthMetadataException}.
 */
public class InvalidAuthMetadataException extends AuthorizationException {

	private static final AuthorizationDecision DECISION = AuthorizationDecision
		.error(AuthorizationReasonCode.INTERNAL_ERROR, "The endpoint's access rules are misconfigured.");

	/**
	 * Creates the exception.
	 * @param message a message that names the method and the bad attribute
	 */
	public InvalidAuthMetadataException(String message) {
		super(message, DECISION, null);
	}

}
