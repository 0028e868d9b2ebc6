package dev.gatehouse.auth.springsecurity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.gatehouse.auth.authentication.JwtClaimMapper;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.context.CredentialCarrierLocation;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.AuthenticationFailedException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.ClassUtils;

/**
 * Gatehouse's mapping of Spring Security's authentications to an {@link AuthContext}.
 *
 * <ul>
 * <li>{@code JwtAuthenticationToken} and {@code BearerTokenAuthentication} (resource
 * server, JWT or opaque token): subject from the principal name, issuer from {@code iss},
 * display name from {@code name}, tenant, roles and copied claims from the token's claims
 * (or introspected attributes) by the {@link JwtClaimMapper} rules of
 * {@code gatehouse.jwt.*}, and the bearer token as the context's credential carrier, so
 * that a {@code token-exchange} outbound registration can act on the caller's
 * behalf.</li>
 * <li>{@code OAuth2AuthenticationToken} (OAuth2 or OIDC login): for OIDC, subject
 * {@code sub} and issuer {@code iss} of the ID token, and its claims (with the user info)
 * by the same rules; for plain OAuth2 the principal name and the user's attributes, with
 * no issuer. There is no credential carrier: the access token lives in the application's
 * {@code OAuth2AuthorizedClientService}.</li>
 * <li>Any other authentication (form, basic, remember-me, custom): the name, and no
 * issuer, claims or credential (a password is never carried on).</li>
 * </ul>
 * For all of them the authorities are sorted into the context: those starting with the
 * scope prefix ({@code SCOPE_}) become scopes and those starting with the role prefix
 * ({@code ROLE_}) roles, both without the prefix; Spring Security 7's factor authorities
 * ({@code FACTOR_PASSWORD}, {@code FACTOR_BEARER}, ...) say how the caller authenticated,
 * not what they may do, and are never mapped; any other authority (such as
 * {@code OIDC_USER}) is not mapped either, since Gatehouse has no third kind of grant (an
 * empty role prefix makes every one of them a role). Thread-safe.
 */
public final class DefaultSecurityAuthenticationMapper implements SecurityAuthenticationMapper {

	/** Spring Security's prefix of factor authorities, which are never mapped. */
	public static final String FACTOR_PREFIX = "FACTOR_";

	private static final boolean RESOURCE_SERVER_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication",
			DefaultSecurityAuthenticationMapper.class.getClassLoader());

	private static final boolean OAUTH2_CLIENT_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken",
			DefaultSecurityAuthenticationMapper.class.getClassLoader());

	private static final boolean JOSE_PRESENT = ClassUtils.isPresent("org.springframework.security.oauth2.jwt.Jwt",
			DefaultSecurityAuthenticationMapper.class.getClassLoader());

	private static final AuthorizationDecision NO_NAME = AuthorizationDecision
		.challenge(AuthorizationReasonCode.INVALID_CREDENTIAL, "The authenticated principal has no name.");

	private final String rolePrefix;

	private final String scopePrefix;

	private final JwtClaimMapper claims;

	/**
	 * Creates the mapper.
	 * @param rolePrefix the prefix of authorities that are roles ({@code ROLE_}); may be
	 * empty
	 * @param scopePrefix the prefix of authorities that are scopes ({@code SCOPE_})
	 * @param claims the rules for the roles, tenant and copied claims of tokens and
	 * logins
	 * @throws IllegalArgumentException when the scope prefix is blank, or the two
	 * prefixes are equal or one starts with the other (an authority would then be both)
	 */
	public DefaultSecurityAuthenticationMapper(String rolePrefix, String scopePrefix, JwtClaimMapper claims) {
		Objects.requireNonNull(rolePrefix, "rolePrefix must not be null");
		Objects.requireNonNull(scopePrefix, "scopePrefix must not be null");
		if (scopePrefix.isBlank()) {
			throw new IllegalArgumentException("the scope prefix must not be blank");
		}
		if (!rolePrefix.isEmpty() && (rolePrefix.startsWith(scopePrefix) || scopePrefix.startsWith(rolePrefix))) {
			throw new IllegalArgumentException("the role and scope prefixes must not overlap");
		}
		this.rolePrefix = rolePrefix;
		this.scopePrefix = scopePrefix;
		this.claims = Objects.requireNonNull(claims, "claims must not be null");
	}

	@Override
	public AuthContext map(Authentication authentication) {
		Objects.requireNonNull(authentication, "authentication must not be null");
		if (RESOURCE_SERVER_PRESENT) {
			AuthContext context = ResourceServerTokens.map(this, authentication);
			if (context != null) {
				return context;
			}
		}
		if (OAUTH2_CLIENT_PRESENT) {
			AuthContext context = OAuth2Logins.map(this, authentication);
			if (context != null) {
				return context;
			}
		}
		Grants grants = grants(authentication.getAuthorities(), List.of());
		return grants.into(AuthContext.builder(name(authentication.getName()))).build();
	}

	private AuthContext fromClaims(@Nullable String subject, @Nullable String issuer, Map<String, Object> claims,
			Collection<? extends GrantedAuthority> authorities, @Nullable CredentialCarrier credential) {
		AuthContext.Builder context = AuthContext.builder(name(subject))
			.displayName(nonBlankString(claims.get("name")))
			.issuer(issuer)
			.tenant(this.claims.tenant(claims))
			.credentialCarrier(credential);
		grants(authorities, this.claims.roles(claims)).into(context);
		this.claims.copyClaims(claims, context);
		return context.build();
	}

	private Grants grants(Collection<? extends GrantedAuthority> authorities, List<String> claimedRoles) {
		List<String> roles = new ArrayList<>(claimedRoles.size() + authorities.size());
		roles.addAll(claimedRoles);
		List<String> scopes = new ArrayList<>(authorities.size());
		for (GrantedAuthority granted : authorities) {
			String authority = granted.getAuthority();
			if (authority == null || granted instanceof FactorGrantedAuthority || authority.startsWith(FACTOR_PREFIX)) {
				continue;
			}
			if (authority.startsWith(this.scopePrefix)) {
				addOnce(scopes, authority.substring(this.scopePrefix.length()));
			}
			else if (authority.startsWith(this.rolePrefix)) {
				addOnce(roles, authority.substring(this.rolePrefix.length()));
			}
		}
		return new Grants(roles, scopes);
	}

	private static void addOnce(List<String> values, String value) {
		// A handful of values each: a linear look-up is cheaper than a set.
		if (!value.isBlank() && !values.contains(value)) {
			values.add(value);
		}
	}

	private static String name(@Nullable String name) {
		if (name == null || name.isBlank()) {
			throw new AuthenticationFailedException(NO_NAME);
		}
		return name;
	}

	private static @Nullable String nonBlankString(@Nullable Object value) {
		return (value instanceof String string && !string.isBlank()) ? string : null;
	}

	// iss is a string in a JWT, a URL once introspected or read from an OIDC ID token.
	private static @Nullable String issuer(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		String issuer = value.toString();
		return issuer.isBlank() ? null : issuer;
	}

	private static CredentialCarrier bearer(String token) {
		return new CredentialCarrier(CredentialCarrierKind.BEARER_TOKEN, CredentialCarrierLocation.AUTHORIZATION_HEADER,
				token, HttpHeaders.AUTHORIZATION, "Bearer");
	}

	private record Grants(List<String> roles, List<String> scopes) {

		AuthContext.Builder into(AuthContext.Builder context) {
			return context.roles(this.roles).scopes(this.scopes);
		}

	}

	/**
	 * The resource server's authentications; a class of its own so that
	 * spring-security-oauth2-resource-server is loaded only when present.
	 */
	private static final class ResourceServerTokens {

		static @Nullable AuthContext map(DefaultSecurityAuthenticationMapper mapper, Authentication authentication) {
			if (JOSE_PRESENT) {
				AuthContext context = JwtTokens.map(mapper, authentication);
				if (context != null) {
					return context;
				}
			}
			if (authentication instanceof BearerTokenAuthentication token) {
				Map<String, Object> attributes = token.getTokenAttributes();
				return mapper.fromClaims(token.getName(), issuer(attributes.get("iss")), attributes,
						token.getAuthorities(), bearer(token.getToken().getTokenValue()));
			}
			return null;
		}

	}

	/**
	 * The resource server's JWT authentication; a class of its own so that
	 * spring-security-oauth2-jose is loaded only when present (opaque tokens do without
	 * it).
	 */
	private static final class JwtTokens {

		static @Nullable AuthContext map(DefaultSecurityAuthenticationMapper mapper, Authentication authentication) {
			if (!(authentication instanceof JwtAuthenticationToken token)) {
				return null;
			}
			Jwt jwt = token.getToken();
			Map<String, Object> claims = jwt.getClaims();
			return mapper.fromClaims(token.getName(), issuer(claims.get("iss")), claims, token.getAuthorities(),
					bearer(jwt.getTokenValue()));
		}

	}

	/**
	 * OAuth2 and OIDC logins; a class of its own so that spring-security-oauth2-client is
	 * loaded only when present.
	 */
	private static final class OAuth2Logins {

		static @Nullable AuthContext map(DefaultSecurityAuthenticationMapper mapper, Authentication authentication) {
			if (!(authentication instanceof OAuth2AuthenticationToken token)) {
				return null;
			}
			OAuth2User user = token.getPrincipal();
			if (user instanceof OidcUser oidc) {
				return mapper.fromClaims(oidc.getSubject(), issuer(oidc.getIssuer()), oidc.getClaims(),
						token.getAuthorities(), null);
			}
			return mapper.fromClaims(token.getName(), null, user.getAttributes(), token.getAuthorities(), null);
		}

	}

}
