package dev.gatehouse.auth.cache;

import java.util.Objects;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.metadata.AuthRequirementKind;
import org.jspecify.annotations.Nullable;

/**
 * What a cached decision is about: who asks (issuer, subject id and the context's tenant
 * — never a token or any other credential) and what is asked (kind, ref, resolved
 * resource, action and required tenant). Two callers with the same roles never share a
 * key; the same caller with a refreshed token does.
 *
 * @param issuer the context's issuer, or {@code null}
 * @param subjectId the caller's subject id
 * @param tenant the context's tenant, or {@code null}
 * @param kind the kind of check
 * @param ref the permission, relation or policy resource asked for
 * @param resource the resolved resource, or {@code null}
 * @param action the resolved action, or {@code null}
 * @param requiredTenant the requirement's resolved tenant, or {@code null}
 */
public record DecisionKey(@Nullable String issuer, String subjectId, @Nullable String tenant, AuthRequirementKind kind,
		String ref, @Nullable String resource, @Nullable String action, @Nullable String requiredTenant) {

	public DecisionKey {
		Objects.requireNonNull(subjectId, "subjectId must not be null");
		Objects.requireNonNull(kind, "kind must not be null");
		Objects.requireNonNull(ref, "ref must not be null");
	}

	/**
	 * Creates the key of a check made for a context.
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
		return new DecisionKey(context.issuer(), context.subject().id(), context.tenant(), kind, ref, resource, action,
				requiredTenant);
	}

}
