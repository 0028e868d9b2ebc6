package dev.gatehouse.auth.snapshot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import dev.gatehouse.auth.context.AuthClaim;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.spi.AuthContextSnapshot;
import dev.gatehouse.auth.spi.SnapshotSignRequest;
import dev.gatehouse.auth.spi.SnapshotSignature;
import dev.gatehouse.auth.spi.SnapshotSigner;
import org.jspecify.annotations.Nullable;

/**
 * The built-in {@link SnapshotSigner}: signs a context with one
 * {@link SnapshotSigningKey} (HS256 or Ed25519) into the envelope format shared with the
 * Python reference implementation. The issuer stays the context's (who authenticated the
 * subject), the snapshot lives for the configured time-to-live, the correlation id is
 * kept or created at the origin, and this service's id is appended to the delegation
 * chain. The request's audience, when it names one, is written into
 * {@code selected_claims} as {@code aud}; a context claim named {@code aud} (a JWT's
 * audience, or the audience of a snapshot this service received) is never carried, so no
 * snapshot names an audience its signer did not choose. Thread-safe.
 */
public final class SnapshotEnvelopeSigner implements SnapshotSigner {

	private final SnapshotSigningKey key;

	private final String serviceId;

	private final Duration ttl;

	private final @Nullable Set<String> selectedClaims;

	private final Clock clock;

	/**
	 * Creates a signer.
	 * @param key the signing key
	 * @param serviceId this service's id, appended to every delegation chain
	 * @param ttl how long snapshots stay valid; positive
	 * @param selectedClaims names of the context claims to carry, or {@code null} for all
	 * of them
	 * @param clock the time source
	 */
	public SnapshotEnvelopeSigner(SnapshotSigningKey key, String serviceId, Duration ttl,
			@Nullable Collection<String> selectedClaims, Clock clock) {
		this.key = Objects.requireNonNull(key, "key must not be null");
		Objects.requireNonNull(serviceId, "serviceId must not be null");
		if (serviceId.isBlank()) {
			throw new IllegalArgumentException("serviceId must not be blank");
		}
		this.serviceId = serviceId;
		Objects.requireNonNull(ttl, "ttl must not be null");
		if (ttl.isNegative() || ttl.isZero()) {
			throw new IllegalArgumentException("ttl must be positive");
		}
		this.ttl = ttl;
		this.selectedClaims = (selectedClaims != null) ? Set.copyOf(selectedClaims) : null;
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
	}

	@Override
	public AuthContextSnapshot sign(SnapshotSignRequest request) {
		Objects.requireNonNull(request, "request must not be null");
		AuthContext context = request.context();
		// The envelope carries microseconds, like Python's datetime; truncating keeps
		// what is signed exact.
		Instant issuedAt = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		Instant expiresAt = issuedAt.plus(this.ttl);
		String tenant = (request.tenant() != null) ? request.tenant() : context.tenant();
		String correlationId = (context.correlationId() != null) ? context.correlationId()
				: UUID.randomUUID().toString();
		List<String> delegationChain = new ArrayList<>(context.delegationChain().size() + 1);
		delegationChain.addAll(context.delegationChain());
		delegationChain.add(this.serviceId);
		return sign(context, tenant, issuedAt, expiresAt, correlationId, delegationChain, request.audience());
	}

	/**
	 * Signs exactly the given values; the public method decides them, tests reproduce
	 * reference envelopes.
	 */
	AuthContextSnapshot sign(AuthContext context, @Nullable String tenant, Instant issuedAt, Instant expiresAt,
			@Nullable String correlationId, List<String> delegationChain) {
		return sign(context, tenant, issuedAt, expiresAt, correlationId, delegationChain, null);
	}

	private AuthContextSnapshot sign(AuthContext context, @Nullable String tenant, Instant issuedAt, Instant expiresAt,
			@Nullable String correlationId, List<String> delegationChain, @Nullable String audience) {
		TreeMap<String, @Nullable Object> claims = selectClaims(context.claims());
		if (audience != null) {
			claims.put(SnapshotSignRequest.AUDIENCE_CLAIM, audience);
		}
		TreeMap<String, @Nullable Object> subject = new TreeMap<>(CanonicalJsonWriter.CODE_POINT_ORDER);
		subject.put("display_name", context.subject().displayName());
		subject.put("id", context.subject().id());
		TreeMap<String, @Nullable Object> body = new TreeMap<>(CanonicalJsonWriter.CODE_POINT_ORDER);
		body.put("correlation_id", correlationId);
		body.put("delegation_chain", delegationChain);
		body.put("expires_at", CanonicalJsonWriter.formatTimestamp(expiresAt));
		body.put("issued_at", CanonicalJsonWriter.formatTimestamp(issuedAt));
		body.put("issuer", context.issuer());
		body.put("roles", context.roles());
		body.put("schema_version", 1L);
		body.put("scopes", context.scopes());
		body.put("selected_claims", claims);
		body.put("subject", subject);
		body.put("tenant", tenant);

		CanonicalJsonWriter signingInput = new CanonicalJsonWriter(512);
		// "signature" sorts between "selected_claims" and "subject", so the envelope is
		// the signing input with the
		// signature member inserted before the subject member: written once, not twice.
		int subjectStart = signingInput.writeObjectLocating(body, "subject")[0];
		byte[] signatureBytes = this.key.sign(signingInput.buffer(), signingInput.length());
		SnapshotSignature signature = new SnapshotSignature(this.key.keyId(), this.key.algorithm().wireName(),
				SnapshotEnvelopeDecoder.encodeBase64Url(signatureBytes, signatureBytes.length));
		TreeMap<String, @Nullable Object> signatureBlock = new TreeMap<>(CanonicalJsonWriter.CODE_POINT_ORDER);
		signatureBlock.put("algorithm", signature.algorithm());
		signatureBlock.put("key_id", signature.keyId());
		signatureBlock.put("signature", signature.signature());
		CanonicalJsonWriter member = new CanonicalJsonWriter(160);
		member.writeValue(Map.of("signature", signatureBlock));
		// The member is the object {"signature":{...}} without its braces, preceded by a
		// comma.
		int memberLength = member.length() - 2;
		byte[] envelope = new byte[signingInput.length() + 1 + memberLength];
		System.arraycopy(signingInput.buffer(), 0, envelope, 0, subjectStart);
		envelope[subjectStart] = ',';
		System.arraycopy(member.buffer(), 1, envelope, subjectStart + 1, memberLength);
		System.arraycopy(signingInput.buffer(), subjectStart, envelope, subjectStart + 1 + memberLength,
				signingInput.length() - subjectStart);

		List<AuthClaim> selectedClaims = new ArrayList<>(claims.size());
		claims.forEach((name, value) -> selectedClaims.add(new AuthClaim(name, value)));
		return new AuthContextSnapshot(1, context.subject(), context.issuer(), tenant, context.roles(),
				context.scopes(), selectedClaims, issuedAt, expiresAt, correlationId, delegationChain, signature,
				signingInput.asString(), SnapshotEnvelopeDecoder.encodeBase64Url(envelope, envelope.length));
	}

	private TreeMap<String, @Nullable Object> selectClaims(List<AuthClaim> claims) {
		TreeMap<String, @Nullable Object> selected = new TreeMap<>(CanonicalJsonWriter.CODE_POINT_ORDER);
		for (AuthClaim claim : claims) {
			if (SnapshotSignRequest.AUDIENCE_CLAIM.equals(claim.name())) {
				// The audience is the signer's choice for this hop, never inherited.
				continue;
			}
			if (this.selectedClaims == null || this.selectedClaims.contains(claim.name())) {
				// AuthContext.claim(name) answers with the first claim of a name; the
				// envelope keeps the same one.
				selected.putIfAbsent(claim.name(), claim.value());
			}
		}
		return selected;
	}

	@Override
	public String toString() {
		return "SnapshotEnvelopeSigner[keyId=" + this.key.keyId() + ", algorithm=" + this.key.algorithm().wireName()
				+ ", serviceId=" + this.serviceId + ", ttl=" + this.ttl + "]";
	}

}
