package dev.gatehouse.auth.authentication;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.AuthenticationFailedException;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;

/**
 * Turns the claims of a verified JWT into an {@link AuthContext}, by the
 * {@code gatehouse.jwt.roles-claim}, {@code tenant-claim} and {@code copied-claims}
 * rules; the Spring Security bridge applies the same rules to the claims of tokens and
 * logins that Spring Security verified. A claim Gatehouse is configured to interpret
 * (subject, roles, scopes, tenant) that has an unexpected shape rejects the token rather
 * than being guessed at; a missing roles, scopes or tenant claim simply grants nothing.
 * Thread-safe.
 */
public final class JwtClaimMapper {

	private static final AuthorizationDecision NO_SUBJECT = AuthorizationDecision
		.challenge(AuthorizationReasonCode.INVALID_CREDENTIAL, "The bearer token names no subject.");

	/** Marks a copied claim whose value is not a JSON scalar, so it is left out. */
	private static final Object NOT_A_SCALAR = new Object();

	private final String rolesClaim;

	private final String tenantClaim;

	private final List<String> copiedClaims;

	/**
	 * Creates the mapper.
	 * @param rolesClaim the claim, or dotted path such as {@code realm_access.roles},
	 * that holds the roles
	 * @param tenantClaim the claim or dotted path that holds the tenant
	 * @param copiedClaims the claims or paths copied into the context as they are
	 * @throws IllegalArgumentException when a claim name is blank
	 */
	public JwtClaimMapper(String rolesClaim, String tenantClaim, Collection<String> copiedClaims) {
		this.rolesClaim = requireClaimName(rolesClaim, "rolesClaim must not be blank");
		this.tenantClaim = requireClaimName(tenantClaim, "tenantClaim must not be blank");
		Objects.requireNonNull(copiedClaims, "copiedClaims must not be null");
		copiedClaims.forEach((name) -> requireClaimName(name, "copiedClaims must not contain blank claim names"));
		this.copiedClaims = List.copyOf(new LinkedHashSet<>(copiedClaims));
	}

	private static String requireClaimName(@Nullable String name, String message) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException(message);
		}
		return name;
	}

	AuthContext toContext(Jwt jwt, CredentialCarrier credential) {
		Map<String, Object> claims = jwt.getClaims();
		String subject = jwt.getSubject();
		if (subject == null || subject.isBlank()) {
			throw new AuthenticationFailedException(NO_SUBJECT);
		}
		AuthContext.Builder context = AuthContext.builder(subject)
			.displayName(nonBlankString(claims.get("name")))
			.issuer(nonBlankString(jwt.getClaimAsString(JwtClaimNames.ISS)))
			.tenant(tenant(claims))
			.roles(roles(claims))
			.scopes(scopes(claims))
			.credentialCarrier(credential);
		copyClaims(claims, context);
		return context.build();
	}

	/**
	 * Returns the roles the roles claim grants.
	 * @param claims the verified claims
	 * @return the roles, in claim order without duplicates; empty when the claim is
	 * absent
	 * @throws AuthenticationFailedException when the claim is neither a string nor an
	 * array of strings
	 */
	public List<String> roles(Map<String, Object> claims) {
		return strings(this.rolesClaim, resolve(claims, this.rolesClaim), false);
	}

	/**
	 * Returns the tenant the tenant claim names.
	 * @param claims the verified claims
	 * @return the tenant, or {@code null} when the claim is absent or blank
	 * @throws AuthenticationFailedException when the claim is neither a string nor an
	 * integer
	 */
	public @Nullable String tenant(Map<String, Object> claims) {
		return tenant(resolve(claims, this.tenantClaim));
	}

	/**
	 * Copies the configured claims that are JSON scalars into the context; others, and
	 * absent ones, are left out.
	 * @param claims the verified claims
	 * @param context the context being built
	 */
	public void copyClaims(Map<String, Object> claims, AuthContext.Builder context) {
		for (String name : this.copiedClaims) {
			// A JSON null is treated like an absent claim.
			Object scalar = scalar(resolve(claims, name));
			if (scalar != null && scalar != NOT_A_SCALAR) {
				context.claim(name, scalar);
			}
		}
	}

	/**
	 * Resolves a claim name or a dotted path into nested objects
	 * ({@code realm_access.roles}). A top-level claim whose name itself contains dots
	 * (namespaced claims such as {@code https://example.com/roles}) wins.
	 */
	static @Nullable Object resolve(Map<String, Object> claims, String path) {
		if (claims.containsKey(path) || path.indexOf('.') < 0) {
			return claims.get(path);
		}
		Object current = claims;
		for (String segment : path.split("\\.", -1)) {
			if (!(current instanceof Map<?, ?> object)) {
				return null;
			}
			current = object.get(segment);
		}
		return current;
	}

	// "scope" (RFC 8693/9068, space-separated) wins over "scp" (Azure AD, Okta), as in
	// Spring Security.
	private List<String> scopes(Map<String, Object> claims) {
		Object scope = claims.get("scope");
		if (scope != null) {
			return strings("scope", scope, true);
		}
		return strings("scp", claims.get("scp"), true);
	}

	private static List<String> strings(String claim, @Nullable Object value, boolean spaceSeparated) {
		if (value == null) {
			return List.of();
		}
		Set<String> result = new LinkedHashSet<>();
		if (value instanceof String string) {
			addString(result, string, spaceSeparated);
		}
		else if (value instanceof Collection<?> values) {
			for (Object element : values) {
				if (!(element instanceof String string)) {
					throw malformed(claim, "a string or an array of strings");
				}
				addString(result, string, false);
			}
		}
		else {
			throw malformed(claim, "a string or an array of strings");
		}
		return List.copyOf(result);
	}

	private static void addString(Set<String> result, String value, boolean spaceSeparated) {
		if (spaceSeparated) {
			// RFC 6749 separates scopes with single spaces; tabs, line breaks and other
			// Unicode spaces are treated
			// as separators too, so that no blank or space-bearing scope is ever granted.
			int start = -1;
			for (int i = 0; i <= value.length(); i++) {
				boolean separator = i == value.length() || isSeparator(value.charAt(i));
				if (separator && start >= 0) {
					result.add(value.substring(start, i));
					start = -1;
				}
				else if (!separator && start < 0) {
					start = i;
				}
			}
		}
		else if (!value.isBlank()) {
			result.add(value);
		}
	}

	private static boolean isSeparator(char c) {
		return Character.isWhitespace(c) || Character.isSpaceChar(c);
	}

	private @Nullable String tenant(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof String string) {
			return string.isBlank() ? null : string;
		}
		if (value instanceof Long) {
			return value.toString();
		}
		throw malformed(this.tenantClaim, "a string or an integer");
	}

	private static @Nullable String nonBlankString(@Nullable Object value) {
		return (value instanceof String string && !string.isBlank()) ? string : null;
	}

	/**
	 * Converts a claim value to what {@link dev.gatehouse.auth.context.AuthClaim}
	 * accepts. The JSON parser yields strings, booleans, {@link Long}s and
	 * {@link Double}s as they are; Spring turns the registered time claims into instants,
	 * copied as epoch seconds. Objects and arrays are not scalars and are skipped rather
	 * than flattened into a string nobody can rely on.
	 */
	static @Nullable Object scalar(@Nullable Object value) {
		if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long) {
			return value;
		}
		if (value instanceof Double number) {
			return Double.isFinite(number) ? number : NOT_A_SCALAR;
		}
		if (value instanceof Instant instant) {
			return instant.getEpochSecond();
		}
		return NOT_A_SCALAR;
	}

	private static AuthenticationFailedException malformed(String claim, String expected) {
		return new AuthenticationFailedException(
				AuthorizationDecision.challenge(AuthorizationReasonCode.INVALID_CREDENTIAL,
						"The bearer token's '" + claim + "' claim must be " + expected + "."));
	}

}
