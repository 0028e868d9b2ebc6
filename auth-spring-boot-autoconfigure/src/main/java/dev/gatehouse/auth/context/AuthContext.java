package dev.gatehouse.auth.context;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Everything Gatehouse knows about the authenticated caller of the current call: an
 * immutable value created by an inbound adapter (or a test) and read by enforcement and
 * application code.
 *
 * <p>
 * {@link #hasRole(String)} and {@link #hasScope(String)} run in constant time. The
 * credential carrier's secret material is never shown by {@link #toString()}.
 *
 * @param subject who the caller is
 * @param issuer who authenticated the subject (an identity provider URI, a service id),
 * or {@code null}
 * @param tenant the tenant the caller acts in, or {@code null}
 * @param roles the caller's roles, in the order the provider gave them
 * @param scopes the caller's granted scopes
 * @param claims further attributes of the caller
 * @param credentialCarrier the credential the caller presented, or {@code null} (for
 * example in tests)
 * @param metadata attributes of the call rather than of the caller (client IP, user
 * agent)
 * @param correlationId an id that ties together the calls of one logical request, or
 * {@code null}
 * @param delegationChain the services the context passed through, origin first
 */
public record AuthContext(AuthSubject subject, @Nullable String issuer, @Nullable String tenant, List<String> roles,
		List<String> scopes, List<AuthClaim> claims, @Nullable CredentialCarrier credentialCarrier,
		List<AuthClaim> metadata, @Nullable String correlationId, List<String> delegationChain) {

	public AuthContext {
		Objects.requireNonNull(subject, "subject must not be null");
		roles = MembershipList.of(Objects.requireNonNull(roles, "roles must not be null"), "roles");
		scopes = MembershipList.of(Objects.requireNonNull(scopes, "scopes must not be null"), "scopes");
		claims = List.copyOf(Objects.requireNonNull(claims, "claims must not be null"));
		metadata = List.copyOf(Objects.requireNonNull(metadata, "metadata must not be null"));
		delegationChain = List.copyOf(Objects.requireNonNull(delegationChain, "delegationChain must not be null"));
	}

	/**
	 * Starts building a context for the given subject.
	 * @param subjectId the stable subject identifier; never blank
	 * @return a new builder
	 */
	public static Builder builder(String subjectId) {
		return new Builder(subjectId);
	}

	/**
	 * Starts building a copy of this context, for example to add a role in a test.
	 * @return a builder pre-filled with this context's values
	 */
	public Builder toBuilder() {
		Builder builder = new Builder(this.subject.id()).displayName(this.subject.displayName())
			.issuer(this.issuer)
			.tenant(this.tenant)
			.credentialCarrier(this.credentialCarrier)
			.correlationId(this.correlationId);
		builder.roles.addAll(this.roles);
		builder.scopes.addAll(this.scopes);
		builder.claims.addAll(this.claims);
		builder.metadata.addAll(this.metadata);
		builder.delegationChain.addAll(this.delegationChain);
		return builder;
	}

	/**
	 * Returns this context with another correlation id. Cheaper than
	 * {@link #toBuilder()}: the copy shares this context's immutable lists (and the role
	 * and scope lookup sets already built for them), which matters because the servlet
	 * filter gives every request that starts a call chain a new id.
	 * @param correlationId the new correlation id, or {@code null}
	 * @return a context equal to this one except for its correlation id
	 */
	public AuthContext withCorrelationId(@Nullable String correlationId) {
		return new AuthContext(this.subject, this.issuer, this.tenant, this.roles, this.scopes, this.claims,
				this.credentialCarrier, this.metadata, correlationId, this.delegationChain);
	}

	/**
	 * Returns this context with another credential carrier, sharing its immutable lists
	 * as {@link #withCorrelationId(String)} does.
	 * @param credentialCarrier the credential the caller presented, or {@code null}
	 * @return a context equal to this one except for its credential carrier
	 */
	public AuthContext withCredentialCarrier(@Nullable CredentialCarrier credentialCarrier) {
		return new AuthContext(this.subject, this.issuer, this.tenant, this.roles, this.scopes, this.claims,
				credentialCarrier, this.metadata, this.correlationId, this.delegationChain);
	}

	/**
	 * Whether the caller has the given role (exact match, constant time).
	 * @param role the role
	 * @return {@code true} if the role was granted
	 */
	public boolean hasRole(String role) {
		return this.roles.contains(role);
	}

	/**
	 * Whether the caller was granted the given scope (exact match, constant time).
	 * @param scope the scope
	 * @return {@code true} if the scope was granted
	 */
	public boolean hasScope(String scope) {
		return this.scopes.contains(scope);
	}

	/**
	 * Returns the first claim with the given name.
	 * @param name the claim name
	 * @return the claim, or empty
	 */
	public Optional<AuthClaim> claim(String name) {
		for (AuthClaim claim : this.claims) {
			if (claim.name().equals(name)) {
				return Optional.of(claim);
			}
		}
		return Optional.empty();
	}

	/**
	 * Fluent builder for {@link AuthContext}; not thread-safe, {@link #build()} validates
	 * everything.
	 */
	public static final class Builder {

		private final String subjectId;

		private @Nullable String displayName;

		private @Nullable String issuer;

		private @Nullable String tenant;

		private final List<String> roles = new ArrayList<>();

		private final List<String> scopes = new ArrayList<>();

		private final List<AuthClaim> claims = new ArrayList<>();

		private @Nullable CredentialCarrier credentialCarrier;

		private final List<AuthClaim> metadata = new ArrayList<>();

		private @Nullable String correlationId;

		private final List<String> delegationChain = new ArrayList<>();

		private Builder(String subjectId) {
			this.subjectId = subjectId;
		}

		/**
		 * Sets the subject's display name.
		 * @param displayName the display name, or {@code null}
		 * @return this builder
		 */
		public Builder displayName(@Nullable String displayName) {
			this.displayName = displayName;
			return this;
		}

		/**
		 * Sets who authenticated the subject.
		 * @param issuer the issuer, or {@code null}
		 * @return this builder
		 */
		public Builder issuer(@Nullable String issuer) {
			this.issuer = issuer;
			return this;
		}

		/**
		 * Sets the tenant the caller acts in.
		 * @param tenant the tenant, or {@code null}
		 * @return this builder
		 */
		public Builder tenant(@Nullable String tenant) {
			this.tenant = tenant;
			return this;
		}

		/**
		 * Adds roles.
		 * @param roles the roles to add
		 * @return this builder
		 */
		public Builder roles(String... roles) {
			return roles(List.of(roles));
		}

		/**
		 * Adds roles.
		 * @param roles the roles to add
		 * @return this builder
		 */
		public Builder roles(Collection<String> roles) {
			this.roles.addAll(roles);
			return this;
		}

		/**
		 * Adds scopes.
		 * @param scopes the scopes to add
		 * @return this builder
		 */
		public Builder scopes(String... scopes) {
			return scopes(List.of(scopes));
		}

		/**
		 * Adds scopes.
		 * @param scopes the scopes to add
		 * @return this builder
		 */
		public Builder scopes(Collection<String> scopes) {
			this.scopes.addAll(scopes);
			return this;
		}

		/**
		 * Adds a claim.
		 * @param name the claim name
		 * @param value a JSON scalar value
		 * @return this builder
		 */
		public Builder claim(String name, @Nullable Object value) {
			this.claims.add(new AuthClaim(name, value));
			return this;
		}

		/**
		 * Adds claims.
		 * @param claims the claims to add
		 * @return this builder
		 */
		public Builder claims(Collection<AuthClaim> claims) {
			this.claims.addAll(claims);
			return this;
		}

		/**
		 * Sets the credential the caller presented.
		 * @param credentialCarrier the carrier, or {@code null}
		 * @return this builder
		 */
		public Builder credentialCarrier(@Nullable CredentialCarrier credentialCarrier) {
			this.credentialCarrier = credentialCarrier;
			return this;
		}

		/**
		 * Adds an attribute of the call.
		 * @param name the attribute name
		 * @param value a JSON scalar value
		 * @return this builder
		 */
		public Builder metadata(String name, @Nullable Object value) {
			this.metadata.add(new AuthClaim(name, value));
			return this;
		}

		/**
		 * Sets the correlation id.
		 * @param correlationId the id, or {@code null}
		 * @return this builder
		 */
		public Builder correlationId(@Nullable String correlationId) {
			this.correlationId = correlationId;
			return this;
		}

		/**
		 * Adds services to the delegation chain, origin first.
		 * @param services the service ids
		 * @return this builder
		 */
		public Builder delegationChain(Collection<String> services) {
			this.delegationChain.addAll(services);
			return this;
		}

		/**
		 * Builds the immutable context.
		 * @return the context
		 * @throws IllegalArgumentException if the subject id is blank or a value is
		 * invalid
		 * @throws NullPointerException if a required value is {@code null}
		 */
		public AuthContext build() {
			return new AuthContext(new AuthSubject(this.subjectId, this.displayName), this.issuer, this.tenant,
					this.roles, this.scopes, this.claims, this.credentialCarrier, this.metadata, this.correlationId,
					this.delegationChain);
		}

	}

}
