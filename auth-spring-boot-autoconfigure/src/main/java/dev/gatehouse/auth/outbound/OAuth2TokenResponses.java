package dev.gatehouse.auth.outbound;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;

/**
 * Turns Spring Security's token responses and failures into outbound tokens and safe
 * exceptions.
 */
final class OAuth2TokenResponses {

	private OAuth2TokenResponses() {
	}

	static OutboundToken token(OAuth2AccessTokenResponse response) {
		OAuth2AccessToken accessToken = response.getAccessToken();
		String type = accessToken.getTokenType().getValue();
		String scheme = OAuth2AccessToken.TokenType.BEARER.getValue().equalsIgnoreCase(type) ? OutboundToken.BEARER
				: type;
		return new OutboundToken(accessToken.getTokenValue(), accessToken.getExpiresAt(), scheme,
				OutboundToken.AUTHORIZATION);
	}

	static OutboundCredentialUnavailableException unavailable(String registration, RuntimeException ex) {
		// Only the OAuth 2.0 error code and the exception type: a description may quote
		// the request.
		String reason = (ex instanceof OAuth2AuthorizationException oauth2)
				? "error " + oauth2.getError().getErrorCode() + causeType(ex) : ex.getClass().getSimpleName();
		return new OutboundCredentialUnavailableException("Outbound registration '" + registration
				+ "' could not obtain a token from its token endpoint (" + reason + ").", ex);
	}

	private static String causeType(RuntimeException ex) {
		Throwable cause = ex.getCause();
		return (cause != null) ? ", " + cause.getClass().getSimpleName() : "";
	}

}
