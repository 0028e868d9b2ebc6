package dev.gatehouse.auth.enforcement;

import dev.gatehouse.auth.decision.AuthException;
import org.jspecify.annotations.Nullable;

/**
 * Finds the rejection of the credential the current call presented, so that a protected
 * call without a context is refused with what happened to its credential (for example
 * CHALLENGE/INVALID_CREDENTIAL for a forged API key) rather than MISSING_CREDENTIAL, in
 * the exception, the observation and the decision event alike. The servlet boundary
 * provides one that reads the current request.
 */
@FunctionalInterface
public interface RejectedCredentialLookup {

	/** Knows no rejections: a call without a context presented no credential. */
	RejectedCredentialLookup NONE = () -> null;

	/**
	 * Returns the rejection of the current call's credential; asked only when a protected
	 * call finds no context.
	 * @return the rejection, or {@code null} when the call presented no credential (or
	 * nothing is known about it)
	 */
	@Nullable AuthException rejectedCredential();

}
