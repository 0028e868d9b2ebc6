package dev.gatehouse.auth.cache;

import java.util.List;
import java.util.Objects;

import dev.gatehouse.auth.context.AuthClaim;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.metadata.AuthRequirementKind;
import org.jspecify.annotations.Nullable;

/**
 * What a cached decision is about: who asks (issuer, subject id, the context's tenant and
 * every context input the deciding checker reads — roles, scopes, claims, delegation
 * chain, as its {@link DecisionInputs} declare; never a token or any other credential)
 * and what is asked (kind, ref, resolved resource, action and required tenant). Two
 * callers with the same roles never share a key, nor do two credentials of one subject
 * that grant differently; the same caller with a refreshed token that carries the same
 * grants does.
 *
 * <p>
 * The inputs are the context's own immutable lists, held by reference: building a key
 * copies nothing (only a selection of some claims allocates), and the roles' and scopes'
 * hash codes are computed once per context.
 *
 * @param issuer the context's issuer, or {@code null}
 * @param subjectId the caller's subject id
 * @param tenant the context's tenant, or {@code null}
 * @param roles the caller's roles, or empty when the checker does not read them
 * @param scopes the caller's scopes, or empty when the checker does not read them
 * @param claims the caller's claims the checker reads
 * @param delegationChain the services the context passed through, or empty when the
 * checker does not read them
 * @param kind the kind of check
 * @param ref the permission, relation or policy resource asked for
 * @param resource the resolved resource, or {@code null}
 * @param action the resolved action, or {@code null}
 * @param requiredTenant the requirement's resolved tenant, or {@code null}
 * @param providerInputs whatever else the deciding provider was sent and may decide on
 * (for a remote engine: the boundary and the properties its customizers added), compared
 * with {@code equals}; {@code null} for none
 */
public record DecisionKey(@Nullable String issuer, String subjectId, @Nullable String tenant, List<String> roles,
		List<String> scopes, List<AuthClaim> claims, List<String> delegationChain, AuthRequirementKind kind, String ref,
		@Nullable String resource, @Nullable String action, @Nullable String requiredTenant,
		@Nullable Object providerInputs) {

	public DecisionKey {
		Objects.requireNonNull(subjectId, "subjectId must not be null");
		Objects.requireNonNull(roles, "roles must not be null");
		Objects.requireNonNull(scopes, "scopes must not be null");
		Objects.requireNonNull(claims, "claims must not be null");
		Objects.requireNonNull(delegationChain, "delegationChain must not be null");
		Objects.requireNonNull(kind, "kind must not be null");
		Objects.requireNonNull(ref, "ref must not be null");
	}

	/**
	 * Creates a key without further provider inputs.
	 * @param issuer the context's issuer, or {@code null}
	 * @param subjectId the caller's subject id
	 * @param tenant the context's tenant, or {@code null}
	 * @param roles the caller's roles the checker reads
	 * @param scopes the caller's scopes the checker reads
	 * @param claims the caller's claims the checker reads
	 * @param delegationChain the services the context passed through
	 * @param kind the kind of check
	 * @param ref what is asked for
	 * @param resource the resolved resource, or {@code null}
	 * @param action the resolved action, or {@code null}
	 * @param requiredTenant the requirement's resolved tenant, or {@code null}
	 */
	public DecisionKey(@Nullable String issuer, String subjectId, @Nullable String tenant, List<String> roles,
			List<String> scopes, List<AuthClaim> claims, List<String> delegationChain, AuthRequirementKind kind,
			String ref, @Nullable String resource, @Nullable String action, @Nullable String requiredTenant) {
		this(issuer, subjectId, tenant, roles, scopes, claims, delegationChain, kind, ref, resource, action,
				requiredTenant, null);
	}

	/**
	 * Creates the key of a check made for a context by a checker that reads everything
	 * the context carries ({@link DecisionInputs#everything()}).
	 * @param context the caller
	 * @param kind the kind of check
	 * @param ref what is asked for
	 * @param resource the resolved resource, or {@code null}
	 * @param action the resolved action, or {@code null}
	 * @param requiredTenant the requirement's tenant, or {@code null}
	 * @return the key
	 */
	public static DecisionKey of(AuthContext context, AuthRequirementKind kind, String ref, @Nullable String resource,
			@Nullable String action, @Nullable String requiredTenant) {
		return of(context, DecisionInputs.everything(), kind, ref, resource, action, requiredTenant);
	}

	/**
	 * Creates the key of a check made for a context by a checker with the given inputs.
	 * @param context the caller
	 * @param inputs what the deciding checker reads of the context
	 * @param kind the kind of check
	 * @param ref what is asked for
	 * @param resource the resolved resource, or {@code null}
	 * @param action the resolved action, or {@code null}
	 * @param requiredTenant the requirement's tenant, or {@code null}
	 * @return the key
	 */
	public static DecisionKey of(AuthContext context, DecisionInputs inputs, AuthRequirementKind kind, String ref,
			@Nullable String resource, @Nullable String action, @Nullable String requiredTenant) {
		return of(context, inputs, kind, ref, resource, action, requiredTenant, null);
	}

	/**
	 * Creates the key of a check made for a context by a provider with the given inputs
	 * that was also sent {@code providerInputs}.
	 * @param context the caller
	 * @param inputs what the deciding provider reads of the context
	 * @param kind the kind of check
	 * @param ref what is asked for
	 * @param resource the resolved resource, or {@code null}
	 * @param action the resolved action, or {@code null}
	 * @param requiredTenant the requirement's tenant, or {@code null}
	 * @param providerInputs what else the provider was sent (a value with
	 * {@code equals}), or {@code null}
	 * @return the key
	 */
	public static DecisionKey of(AuthContext context, DecisionInputs inputs, AuthRequirementKind kind, String ref,
			@Nullable String resource, @Nullable String action, @Nullable String requiredTenant,
			@Nullable Object providerInputs) {
		return new DecisionKey(context.issuer(), context.subject().id(), context.tenant(),
				inputs.roles() ? context.roles() : List.of(), inputs.scopes() ? context.scopes() : List.of(),
				inputs.selectClaims(context), inputs.delegationChain() ? context.delegationChain() : List.of(), kind,
				ref, resource, action, requiredTenant, providerInputs);
	}

	@Override
	public String toString() {
		// Claim values and provider inputs are the caller's attributes: the key names
		// what is asked, not them.
		return "DecisionKey[issuer=" + this.issuer + ", subjectId=" + this.subjectId + ", tenant=" + this.tenant
				+ ", kind=" + this.kind + ", ref=" + this.ref + ", resource=" + this.resource + ", action="
				+ this.action + ", requiredTenant=" + this.requiredTenant + "]";
	}

}
