package dev.gatehouse.auth.decision;

/**
 * No single provider bean exists for a capability a protected boundary needs (for example
 * no {@code RoleChecker}), so the call is refused
 * (ERROR/VERIFICATION_PROVIDER_UNAVAILABLE).
 */
public class AuthRequirementProviderUnavailableException extends AuthorizationException {

	/**
	 * Creates the exception.
	 * @param message a message naming the missing port, for example "No single
	 * RoleChecker bean is available"
	 */
	public AuthRequirementProviderUnavailableException(String message) {
		super(message, AuthorizationDecision.VERIFICATION_PROVIDER_UNAVAILABLE, null);
	}

}
