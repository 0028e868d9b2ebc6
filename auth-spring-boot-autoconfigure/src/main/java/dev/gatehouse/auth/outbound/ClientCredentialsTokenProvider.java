package dev.gatehouse.auth.outbound;

import java.util.Objects;

import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * Obtains this service's own access token with the OAuth 2.0 client credentials grant,
 * through Spring Security's token response client (which writes the request and parses
 * the response). Uncached: wrap it in a {@link CachingOutboundTokenProvider}.
 */
public final class ClientCredentialsTokenProvider implements OutboundTokenProvider {

	private final ClientRegistration clientRegistration;

	private final OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> client;

	/**
	 * Creates the provider.
	 * @param clientRegistration the client, its secret and the token URI
	 * @param client sends the token request
	 */
	public ClientCredentialsTokenProvider(ClientRegistration clientRegistration,
			OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> client) {
		this.clientRegistration = Objects.requireNonNull(clientRegistration, "clientRegistration must not be null");
		this.client = Objects.requireNonNull(client, "client must not be null");
	}

	@Override
	public OutboundToken token(OutboundTokenRequest request) {
		try {
			return OAuth2TokenResponses
				.token(this.client.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(this.clientRegistration)));
		}
		catch (RuntimeException ex) {
			throw OAuth2TokenResponses.unavailable(request.registration(), ex);
		}
	}

	@Override
	public String toString() {
		return "ClientCredentialsTokenProvider[registration=" + this.clientRegistration.getRegistrationId() + "]";
	}

}
