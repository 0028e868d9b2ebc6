package dev.gatehouse.auth.spi;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;

/**
 * Port for {@link AuthCapability#AUTHENTICATION}: turns a presented credential into an
 * {@link AuthContext}. Implementations must be thread-safe.
 *
 * <p>
 * Boundaries consult {@link #supports(CredentialCarrierKind)} and
 * {@link #readsInvocation(CredentialCarrierKind)} before doing any work for a credential;
 * an implementation that verifies only some kinds, or ignores the invocation, overrides
 * them so that requests do not pay for reading credentials nobody verifies or describing
 * calls nobody looks at.
 */
@FunctionalInterface
public interface Authenticator {

	/**
	 * Verifies the credential and describes the caller.
	 * @param credential the credential as presented
	 * @param invocation the call being authenticated
	 * @return the caller's context; never {@code null}
	 * @throws dev.gatehouse.auth.spi.AuthenticationFailedException when the credential is
	 * rejected (carrying a CHALLENGE decision)
	 * @throws dev.gatehouse.auth.spi.CredentialCarrierException when the credential
	 * cannot be read
	 */
	AuthContext authenticate(CredentialCarrier credential, AuthInvocation invocation);

	/**
	 * Whether this authenticator verifies credentials of the kind. Boundaries do not even
	 * read credentials of other kinds: a request carrying only such a credential runs
	 * without a context.
	 * @param kind the credential kind
	 * @return {@code true} (the default) if credentials of this kind are passed to
	 * {@link #authenticate(CredentialCarrier, AuthInvocation)}
	 */
	default boolean supports(CredentialCarrierKind kind) {
		return true;
	}

	/**
	 * Whether {@link #authenticate(CredentialCarrier, AuthInvocation)} reads the
	 * {@link AuthInvocation} for credentials of the kind. When it does not, boundaries
	 * skip building the detailed description (for HTTP, a second handler-mapping lookup
	 * to find the path pattern) and may pass a shared placeholder that names no call.
	 * @param kind the credential kind
	 * @return {@code true} (the safe default) unless the invocation is ignored for this
	 * kind
	 */
	default boolean readsInvocation(CredentialCarrierKind kind) {
		return true;
	}

}
