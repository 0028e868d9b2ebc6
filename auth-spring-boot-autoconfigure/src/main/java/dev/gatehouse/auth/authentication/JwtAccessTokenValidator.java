package dev.gatehouse.auth.authentication;

import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Accepts only OAuth 2.0 access tokens as bearer credentials: an OpenID Connect ID token
 * says who logged in to a client and must not be usable to call an API in that user's
 * name. A token is refused when its JOSE header {@code typ} is neither {@code JWT} nor
 * RFC 9068's {@code at+jwt} (or is not the required type, when one is set), when its
 * payload carries a Keycloak-style {@code typ} claim other than {@code Bearer} (such as
 * {@code ID} or {@code Refresh}), or when it carries an ID-token claim ({@code nonce},
 * {@code at_hash}, {@code c_hash}) without an access-token marker (header
 * {@code typ: at+jwt} or payload {@code typ: Bearer}). Types compare case-insensitively
 * and with or without the {@code application/} prefix, as RFC 7515 requires. Thread-safe,
 * and allocation-free per token.
 */
public final class JwtAccessTokenValidator implements OAuth2TokenValidator<Jwt> {

	// The authenticator tells these failures apart by identity, to log why a token was
	// refused.
	static final OAuth2Error TYPE_ERROR = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
			"The JOSE header typ is neither JWT nor at+jwt", null);

	static final OAuth2Error REQUIRED_TYPE_ERROR = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
			"The JOSE header typ is not the required type", null);

	static final OAuth2Error PAYLOAD_TYPE_ERROR = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
			"The typ claim is not Bearer: the token is not an access token", null);

	static final OAuth2Error ID_TOKEN_CLAIMS_ERROR = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
			"The token carries ID-token claims (nonce, at_hash or c_hash) and no access-token type", null);

	private static final OAuth2TokenValidatorResult TYPE_FAILURE = OAuth2TokenValidatorResult.failure(TYPE_ERROR);

	private static final OAuth2TokenValidatorResult REQUIRED_TYPE_FAILURE = OAuth2TokenValidatorResult
		.failure(REQUIRED_TYPE_ERROR);

	private static final OAuth2TokenValidatorResult PAYLOAD_TYPE_FAILURE = OAuth2TokenValidatorResult
		.failure(PAYLOAD_TYPE_ERROR);

	private static final OAuth2TokenValidatorResult ID_TOKEN_CLAIMS_FAILURE = OAuth2TokenValidatorResult
		.failure(ID_TOKEN_CLAIMS_ERROR);

	private static final String MEDIA_TYPE_PREFIX = "application/";

	private static final String ACCESS_TOKEN_TYPE = "at+jwt";

	private static final String JWT_TYPE = "JWT";

	private final @Nullable String requiredType;

	/**
	 * Creates a validator that accepts a header {@code typ} of {@code JWT},
	 * {@code at+jwt} or none.
	 */
	public JwtAccessTokenValidator() {
		this.requiredType = null;
	}

	/**
	 * Creates a validator that demands the given header {@code typ}, for identity
	 * providers that mark their access tokens (RFC 9068's {@code at+jwt}).
	 * @param requiredType the type, with or without the {@code application/} prefix
	 * @throws IllegalArgumentException if the type is blank
	 */
	public JwtAccessTokenValidator(String requiredType) {
		Objects.requireNonNull(requiredType, "requiredType must not be null");
		String type = requiredType.strip();
		if (type.regionMatches(true, 0, MEDIA_TYPE_PREFIX, 0, MEDIA_TYPE_PREFIX.length())
				&& type.indexOf('/', MEDIA_TYPE_PREFIX.length()) < 0) {
			type = type.substring(MEDIA_TYPE_PREFIX.length());
		}
		if (type.isEmpty()) {
			throw new IllegalArgumentException("requiredType must not be blank");
		}
		this.requiredType = type.toLowerCase(Locale.ROOT);
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt jwt) {
		Object headerType = jwt.getHeaders().get("typ");
		String type = (headerType instanceof String string) ? string : null;
		if (headerType != null && type == null) {
			return TYPE_FAILURE;
		}
		boolean accessTokenHeader = type != null && isType(type, ACCESS_TOKEN_TYPE);
		if (this.requiredType != null) {
			if (type == null || !isType(type, this.requiredType)) {
				return REQUIRED_TYPE_FAILURE;
			}
		}
		else if (type != null && !accessTokenHeader && !isType(type, JWT_TYPE)) {
			return TYPE_FAILURE;
		}
		Object payloadType = jwt.getClaims().get("typ");
		if (payloadType != null) {
			// Keycloak's marker: "Bearer" for access tokens, "ID", "Refresh", "Logout"
			// for the others.
			return (payloadType instanceof String string && string.equalsIgnoreCase("Bearer"))
					? OAuth2TokenValidatorResult.success() : PAYLOAD_TYPE_FAILURE;
		}
		if (!accessTokenHeader && (jwt.hasClaim("nonce") || jwt.hasClaim("at_hash") || jwt.hasClaim("c_hash"))) {
			return ID_TOKEN_CLAIMS_FAILURE;
		}
		return OAuth2TokenValidatorResult.success();
	}

	// RFC 7515 4.1.9: compared case-insensitively, "application/" implied when absent.
	private static boolean isType(String actual, String expected) {
		if (actual.equalsIgnoreCase(expected)) {
			return true;
		}
		int prefix = MEDIA_TYPE_PREFIX.length();
		return actual.length() == prefix + expected.length()
				&& actual.regionMatches(true, 0, MEDIA_TYPE_PREFIX, 0, prefix)
				&& actual.regionMatches(true, prefix, expected, 0, expected.length());
	}

}
