package dev.gatehouse.auth.spi;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.CredentialCarrier;

/**
 * Port for {@link AuthCapability#AUTHENTICATION}: turns a presented credential into an {@link AuthContext}.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Authenticator {

	/**
	 * Verifies the credential and describes the caller.
	 * @param credential the credential as presented
	 * @param invocation the call being authenticated
	 * @return the caller's context; never {@code null}
	 * @throws dev.gatehouse.auth.error.AuthenticationFailedException when the credential is rejected (carrying
	 * a CHALLENGE decision)
	 * @throws dev.gatehouse.auth.error.CredentialCarrierException when the credential cannot be read
	 */
	AuthContext authenticate(CredentialCarrier credential, AuthInvocation invocation);

}
