package dev.gatehouse.auth.spi;

import dev.gatehouse.auth.decision.AuthException;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import org.jspecify.annotations.Nullable;

/**
 * A credential could not be verified because something the authenticator depends on
 * failed (an identity provider's JWK set or discovery document is unreachable or
 * unusable), so neither accepting nor rejecting the credential would be honest
 * (ERROR/VERIFICATION_PROVIDER_UNAVAILABLE). Unlike
 * {@link AuthenticationFailedException}, the caller is not at fault and retrying later
 * may succeed.
 */
public class AuthenticationProviderUnavailableException extends AuthException {

	private static final AuthorizationDecision DECISION = AuthorizationDecision.error(
			AuthorizationReasonCode.VERIFICATION_PROVIDER_UNAVAILABLE,
			"The credential cannot be verified right now because an authentication provider is unavailable.");

	/**
	 * Creates the exception.
	 * @param message a safe message naming what failed; never the credential
	 * @param cause the underlying failure, or {@code null}
	 */
	public AuthenticationProviderUnavailableException(String message, @Nullable Throwable cause) {
		super(message, DECISION, cause);
	}

}
