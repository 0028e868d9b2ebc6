package dev.gatehouse.auth.cache;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import dev.gatehouse.auth.context.AuthClaim;
import dev.gatehouse.auth.context.AuthContext;

/**
 * Which parts of the caller's context a checker's decisions depend on, so that the
 * decision cache reuses a decision only for callers that agree on all of them. Who the
 * caller is (issuer, subject id and tenant) is always part of a {@link DecisionKey}; the
 * declared inputs add the roles, the scopes, some or all claims and the delegation chain.
 *
 * <p>
 * A checker declares its inputs by implementing {@link DeclaresDecisionInputs}; one that
 * does not is keyed by {@link #everything()}, the safe default. The call's metadata,
 * correlation id and credential are never part of a key: a checker that decides on them
 * declares {@link #uncacheable()} and is then never served from the cache.
 *
 * @param cacheable whether decisions may be cached at all
 * @param roles whether the caller's roles are an input
 * @param scopes whether the caller's scopes are an input
 * @param allClaims whether every claim of the caller is an input
 * @param claims the names of the claims that are inputs (ignored with {@code allClaims})
 * @param delegationChain whether the services the context passed through are an input
 */
public record DecisionInputs(boolean cacheable, boolean roles, boolean scopes, boolean allClaims, List<String> claims,
		boolean delegationChain) {

	private static final DecisionInputs EVERYTHING = new DecisionInputs(true, true, true, true, List.of(), true);

	private static final DecisionInputs IDENTITY = new DecisionInputs(true, false, false, false, List.of(), false);

	private static final DecisionInputs UNCACHEABLE = new DecisionInputs(false, false, false, false, List.of(), false);

	public DecisionInputs {
		claims = List.copyOf(Objects.requireNonNull(claims, "claims must not be null"));
		for (String claim : claims) {
			if (claim.isBlank()) {
				throw new IllegalArgumentException("claim names must not be blank");
			}
		}
	}

	/**
	 * Everything the context carries that can grant: roles, scopes, every claim and the
	 * delegation chain (with issuer, subject and tenant). The default for a checker that
	 * declares nothing.
	 * @return the inputs
	 */
	public static DecisionInputs everything() {
		return EVERYTHING;
	}

	/**
	 * Only who the caller is: issuer, subject id and tenant, as a relation store that
	 * looks up the subject id needs. Add inputs with the {@code with...} methods.
	 * @return the inputs
	 */
	public static DecisionInputs identity() {
		return IDENTITY;
	}

	/**
	 * Decisions that must never be cached (they depend on the call, not on the caller).
	 * @return the inputs
	 */
	public static DecisionInputs uncacheable() {
		return UNCACHEABLE;
	}

	/**
	 * Adds the caller's roles.
	 * @return inputs that also include the roles
	 */
	public DecisionInputs withRoles() {
		return new DecisionInputs(this.cacheable, true, this.scopes, this.allClaims, this.claims, this.delegationChain);
	}

	/**
	 * Adds the caller's scopes.
	 * @return inputs that also include the scopes
	 */
	public DecisionInputs withScopes() {
		return new DecisionInputs(this.cacheable, this.roles, true, this.allClaims, this.claims, this.delegationChain);
	}

	/**
	 * Adds the caller's claims of the given names (every claim of such a name, in order).
	 * @param names the claim names
	 * @return inputs that also include those claims
	 */
	public DecisionInputs withClaims(Collection<String> names) {
		Objects.requireNonNull(names, "names must not be null");
		List<String> merged = new ArrayList<>(this.claims);
		for (String name : names) {
			if (!merged.contains(name)) {
				merged.add(name);
			}
		}
		return new DecisionInputs(this.cacheable, this.roles, this.scopes, this.allClaims, merged,
				this.delegationChain);
	}

	/**
	 * Adds the caller's claims of the given names.
	 * @param names the claim names
	 * @return inputs that also include those claims
	 */
	public DecisionInputs withClaims(String... names) {
		return withClaims(List.of(names));
	}

	/**
	 * Adds the services the context passed through.
	 * @return inputs that also include the delegation chain
	 */
	public DecisionInputs withDelegationChain() {
		return new DecisionInputs(this.cacheable, this.roles, this.scopes, this.allClaims, this.claims, true);
	}

	/**
	 * Selects the claims of a context that are inputs. Allocates nothing when every claim
	 * or no claim of the context is selected, the common cases.
	 * @param context the caller
	 * @return the selected claims, in the context's order
	 */
	List<AuthClaim> selectClaims(AuthContext context) {
		List<AuthClaim> all = context.claims();
		if (this.allClaims) {
			return all;
		}
		int selected = 0;
		for (int i = 0; i < all.size(); i++) {
			if (isSelected(all.get(i))) {
				selected++;
			}
		}
		if (selected == 0) {
			return List.of();
		}
		if (selected == all.size()) {
			return all;
		}
		AuthClaim[] claims = new AuthClaim[selected];
		int next = 0;
		for (int i = 0; i < all.size(); i++) {
			AuthClaim claim = all.get(i);
			if (isSelected(claim)) {
				claims[next++] = claim;
			}
		}
		return List.of(claims);
	}

	private boolean isSelected(AuthClaim claim) {
		String name = claim.name();
		List<String> names = this.claims;
		for (int i = 0; i < names.size(); i++) {
			if (names.get(i).equals(name)) {
				return true;
			}
		}
		return false;
	}

}
