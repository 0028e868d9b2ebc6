package dev.gatehouse.auth.authentication;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.spi.AuthInvocation;

/**
 * A built-in handler for one kind of credential. Handlers are not providers of the
 * AUTHENTICATION capability themselves: the {@link CompositeAuthenticator} combines them,
 * so that several credential types still count as one provider. Implementations must be
 * thread-safe.
 */
public interface CredentialAuthenticator {

	/**
	 * Returns the kind of credential this handler verifies.
	 * @return the credential kind
	 */
	CredentialCarrierKind kind();

	/**
	 * Verifies a credential of this handler's kind.
	 * @param credential the credential as presented
	 * @param invocation the call being authenticated
	 * @return the caller's context
	 * @throws dev.gatehouse.auth.decision.AuthException when the credential is rejected
	 * or cannot be verified
	 */
	AuthContext authenticate(CredentialCarrier credential, AuthInvocation invocation);

	/**
	 * Whether this handler reads the {@link AuthInvocation} it is given. Adapters
	 * describe the call fully only for handlers that do: for HTTP that is a second
	 * handler-mapping lookup per request to find the path pattern, work that a handler
	 * which ignores the invocation would pay for and never see.
	 * @return {@code true} (the safe default) unless the handler ignores the invocation
	 */
	default boolean readsInvocation() {
		return true;
	}

}
