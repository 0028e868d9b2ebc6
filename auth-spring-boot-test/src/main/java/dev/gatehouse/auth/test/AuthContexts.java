package dev.gatehouse.auth.test;

import java.util.Objects;

import dev.gatehouse.auth.context.AuthContext;

/**
 * Short ways to build the {@link AuthContext} a test needs.
 *
 * <p>
 * The contexts carry no credential, just like the ones {@link WithAuthContext} binds; use
 * {@link #builder()} or {@link AuthContext#toBuilder()} for anything more.
 */
public final class AuthContexts {

	/** Subject id used when a test does not name one. */
	public static final String DEFAULT_SUBJECT = "test-user";

	private AuthContexts() {
	}

	/**
	 * Starts building a context for {@link #DEFAULT_SUBJECT}.
	 * @return a new builder
	 */
	public static AuthContext.Builder builder() {
		return AuthContext.builder(DEFAULT_SUBJECT);
	}

	/**
	 * Returns a context for the given subject with no roles or scopes.
	 * @param subject the subject id
	 * @return the context
	 */
	public static AuthContext subject(String subject) {
		return AuthContext.builder(subject).build();
	}

	/**
	 * Returns a context for {@link #DEFAULT_SUBJECT} with the given roles.
	 * @param roles the roles
	 * @return the context
	 */
	public static AuthContext withRoles(String... roles) {
		return builder().roles(roles).build();
	}

	/**
	 * Returns a context for {@link #DEFAULT_SUBJECT} with the given scopes.
	 * @param scopes the scopes
	 * @return the context
	 */
	public static AuthContext withScopes(String... scopes) {
		return builder().scopes(scopes).build();
	}

	/**
	 * Builds the context an annotation describes.
	 * @param annotation the annotation
	 * @return the context
	 * @throws IllegalArgumentException when a claim is not written {@code name=value}
	 */
	public static AuthContext from(WithAuthContext annotation) {
		Objects.requireNonNull(annotation, "annotation must not be null");
		AuthContext.Builder builder = AuthContext.builder(annotation.subject())
			.roles(annotation.roles())
			.scopes(annotation.scopes())
			.tenant(annotation.tenant().isEmpty() ? null : annotation.tenant())
			.issuer(annotation.issuer().isEmpty() ? null : annotation.issuer());
		for (String claim : annotation.claims()) {
			int separator = claim.indexOf('=');
			if (separator <= 0) {
				throw new IllegalArgumentException("@WithAuthContext claim '" + claim + "' must be written name=value");
			}
			builder.claim(claim.substring(0, separator), claim.substring(separator + 1));
		}
		return builder.build();
	}

}
