package dev.gatehouse.auth.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.gatehouse.auth.context.AuthClaim;
import dev.gatehouse.auth.context.AuthSubject;
import org.jspecify.annotations.Nullable;

/**
 * A signed, time-limited copy of an {@link dev.gatehouse.auth.context.AuthContext} as
 * produced by a {@link dev.gatehouse.auth.spi.SnapshotSigner}: the signed fields, the
 * exact string that was signed and the envelope that travels.
 *
 * @param schemaVersion the envelope schema version (1)
 * @param subject the subject
 * @param issuer who authenticated the subject, or {@code null}
 * @param tenant the tenant, or {@code null}
 * @param roles the roles
 * @param scopes the scopes
 * @param selectedClaims the claims carried along
 * @param issuedAt when the snapshot was signed
 * @param expiresAt when it stops being accepted
 * @param correlationId the correlation id, or {@code null}
 * @param delegationChain the services the context passed through, origin first
 * @param signature the signature block
 * @param signingInput the exact canonical JSON that was signed
 * @param envelope the transport form: base64url of the canonical JSON including the
 * signature
 */
public record AuthContextSnapshot(int schemaVersion, AuthSubject subject, @Nullable String issuer,
		@Nullable String tenant, List<String> roles, List<String> scopes, List<AuthClaim> selectedClaims,
		Instant issuedAt, Instant expiresAt, @Nullable String correlationId, List<String> delegationChain,
		SnapshotSignature signature, String signingInput, String envelope) {

	public AuthContextSnapshot {
		Objects.requireNonNull(subject, "subject must not be null");
		roles = List.copyOf(roles);
		scopes = List.copyOf(scopes);
		selectedClaims = List.copyOf(selectedClaims);
		Objects.requireNonNull(issuedAt, "issuedAt must not be null");
		Objects.requireNonNull(expiresAt, "expiresAt must not be null");
		delegationChain = List.copyOf(delegationChain);
		Objects.requireNonNull(signature, "signature must not be null");
		Objects.requireNonNull(signingInput, "signingInput must not be null");
		Objects.requireNonNull(envelope, "envelope must not be null");
	}

	@Override
	public String toString() {
		// The envelope is a bearer credential for its lifetime: never print it.
		return "AuthContextSnapshot[subject=" + this.subject.id() + ", issuer=" + this.issuer + ", tenant="
				+ this.tenant + ", issuedAt=" + this.issuedAt + ", expiresAt=" + this.expiresAt + ", keyId="
				+ this.signature.keyId() + ", envelope=[REDACTED]]";
	}

}
