package dev.gatehouse.auth.authentication;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.AuthInvocation;
import dev.gatehouse.auth.spi.AuthenticationFailedException;
import dev.gatehouse.auth.spi.Authenticator;

/**
 * The one {@link Authenticator} made of Gatehouse's built-in credential handlers: it
 * dispatches each credential to the handler for its kind, and rejects kinds no handler is
 * configured for (CHALLENGE/INVALID_CREDENTIAL). Thread-safe.
 */
public final class CompositeAuthenticator implements Authenticator {

	private static final AuthorizationDecision UNSUPPORTED = AuthorizationDecision
		.challenge(AuthorizationReasonCode.INVALID_CREDENTIAL, "This type of credential is not accepted.");

	private final Map<CredentialCarrierKind, CredentialAuthenticator> handlers;

	/**
	 * Creates the composite.
	 * @param handlers the handlers; at most one per credential kind
	 * @throws IllegalArgumentException when two handlers claim the same kind
	 */
	public CompositeAuthenticator(Collection<? extends CredentialAuthenticator> handlers) {
		Map<CredentialCarrierKind, CredentialAuthenticator> byKind = new EnumMap<>(CredentialCarrierKind.class);
		for (CredentialAuthenticator handler : handlers) {
			CredentialAuthenticator previous = byKind.putIfAbsent(handler.kind(), handler);
			if (previous != null) {
				throw new IllegalArgumentException("Two credential handlers for " + handler.kind() + ": "
						+ previous.getClass().getName() + " and " + handler.getClass().getName());
			}
		}
		this.handlers = byKind;
	}

	@Override
	public AuthContext authenticate(CredentialCarrier credential, AuthInvocation invocation) {
		CredentialAuthenticator handler = this.handlers.get(credential.kind());
		if (handler == null) {
			throw new AuthenticationFailedException(UNSUPPORTED);
		}
		return handler.authenticate(credential, invocation);
	}

	/**
	 * Whether the handler for the kind reads the {@link AuthInvocation}, so adapters can
	 * skip describing the call in detail when it does not.
	 * @param kind the credential kind
	 * @return {@code false} only when a handler for the kind exists and ignores the
	 * invocation
	 */
	@Override
	public boolean readsInvocation(CredentialCarrierKind kind) {
		CredentialAuthenticator handler = this.handlers.get(kind);
		return handler == null || handler.readsInvocation();
	}

	/**
	 * Whether a handler is configured for the kind, so adapters can skip extracting
	 * credentials nobody reads.
	 * @param kind the credential kind
	 * @return {@code true} if credentials of this kind are verified
	 */
	@Override
	public boolean supports(CredentialCarrierKind kind) {
		return this.handlers.containsKey(kind);
	}

}
