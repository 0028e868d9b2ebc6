package dev.gatehouse.auth.spi;

import dev.gatehouse.auth.decision.AuthorizationDecision;

/**
 * Port for {@link AuthCapability#PASSWORD_VERIFY}: checks a password against a stored
 * hash. Never required by annotations.
 */
@FunctionalInterface
public interface PasswordVerifier {

	/**
	 * Verifies a password.
	 * @param password the raw password
	 * @param hash the stored hash
	 * @return ALLOW on a match, CHALLENGE/INVALID_CREDENTIAL on a mismatch or an unknown
	 * hash format
	 */
	AuthorizationDecision verify(CharSequence password, String hash);

}
