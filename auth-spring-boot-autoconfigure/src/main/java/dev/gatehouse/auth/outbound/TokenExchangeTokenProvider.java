package dev.gatehouse.auth.outbound;

import java.util.Objects;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;

import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.TokenExchangeGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Exchanges the caller's bearer token for a token to call another service on the caller's
 * behalf (RFC 8693 token exchange), through Spring Security's token response client. A
 * caller without a bearer credential gets no token. Uncached: wrap it in a
 * {@link CachingOutboundTokenProvider} keyed by caller.
 */
public final class TokenExchangeTokenProvider implements OutboundTokenProvider {

	private final ClientRegistration clientRegistration;

	private final OAuth2AccessTokenResponseClient<TokenExchangeGrantRequest> client;

	/**
	 * Creates the provider.
	 * @param clientRegistration the client (grant type token exchange), its secret and
	 * the token URI
	 * @param client sends the token request
	 */
	public TokenExchangeTokenProvider(ClientRegistration clientRegistration,
			OAuth2AccessTokenResponseClient<TokenExchangeGrantRequest> client) {
		this.clientRegistration = Objects.requireNonNull(clientRegistration, "clientRegistration must not be null");
		this.client = Objects.requireNonNull(client, "client must not be null");
	}

	@Override
	public OutboundToken token(OutboundTokenRequest request) {
		AuthContext caller = request.onBehalfOf();
		CredentialCarrier credential = (caller != null) ? caller.credentialCarrier() : null;
		if (credential == null || credential.kind() != CredentialCarrierKind.BEARER_TOKEN) {
			throw new OutboundCredentialUnavailableException("Outbound registration '" + request.registration()
					+ "' exchanges the caller's bearer token, but the bound caller presented none.", null);
		}
		OAuth2AccessToken subjectToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
				credential.material(), null, null);
		try {
			return OAuth2TokenResponses.token(this.client
				.getTokenResponse(new TokenExchangeGrantRequest(this.clientRegistration, subjectToken, null)));
		}
		catch (RuntimeException ex) {
			throw OAuth2TokenResponses.unavailable(request.registration(), ex);
		}
	}

	@Override
	public String toString() {
		return "TokenExchangeTokenProvider[registration=" + this.clientRegistration.getRegistrationId() + "]";
	}

}
