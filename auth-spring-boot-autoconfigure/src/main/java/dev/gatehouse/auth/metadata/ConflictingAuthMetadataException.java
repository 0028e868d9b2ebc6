package dev.gatehouse.auth.metadata;

import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationException;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;

/**
 * A boundary is declared both {@code @PublicAccess} and protected; Gatehouse refuses to
 * guess which was meant. Raised while resolving metadata: startup validation reports it,
 * and with validation switched off every call to the method fails with it, so the method
 * body never runs.
 */
public class ConflictingAuthMetadataException extends AuthorizationException {

	private static final AuthorizationDecision DECISION = AuthorizationDecision
		.error(AuthorizationReasonCode.INTERNAL_ERROR, "The endpoint's access rules are misconfigured.");

	/**
	 * Creates the exception.
	 * @param message a message that names the method and the conflicting annotations
	 */
	public ConflictingAuthMetadataException(String message) {
		super(message, DECISION, null);
	}

}
