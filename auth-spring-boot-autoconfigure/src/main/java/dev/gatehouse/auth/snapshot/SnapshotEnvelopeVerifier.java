package dev.gatehouse.auth.snapshot;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.gatehouse.auth.context.AuthClaim;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthSubject;
import dev.gatehouse.auth.spi.AuthInvocation;
import dev.gatehouse.auth.spi.SnapshotSignRequest;
import dev.gatehouse.auth.spi.SnapshotVerifier;
import dev.gatehouse.auth.spi.VerifierHealth;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The built-in {@link SnapshotVerifier}. It checks an envelope in the documented order,
 * first failure wins: presence, length (before any decoding), strict
 * base64url/UTF-8/JSON, key id and that key's one algorithm, canonical form (the envelope
 * must be byte for byte what the writer produces for its content, decided while parsing)
 * and the signature over the canonical signing input (the envelope's bytes without the
 * signature member), schema and field types, time (with clock skew and a maximum
 * lifetime), the trusted issuers, the signer binding (a key with
 * {@link SnapshotVerificationKey#withServiceIds service ids} accepts only envelopes whose
 * delegation chain ends with one of them) and finally the audience. Failures are the
 * snapshot exceptions with safe messages; any other failure of the verifier itself
 * becomes {@link SnapshotVerifierUnavailableException}.
 *
 * <p>
 * The audience is {@code selected_claims.aud}. When the invocation carries
 * {@link SnapshotVerifier#AUDIENCE_ATTRIBUTE} (a message boundary names the destination
 * the message arrived from) the {@code aud} must be exactly that; otherwise (HTTP) it
 * must be one of the configured {@link Builder#audiences audiences}. A missing
 * {@code aud} is refused unless {@link Builder#requireAudience requireAudience} is off; a
 * present but wrong one is always refused. The {@code aud} is transport metadata of the
 * one hop, not a claim about the subject: the returned context does not carry it among
 * its claims, so neither a claim check nor the next hop's signer ever sees it.
 *
 * <p>
 * Keys are a map of key id to key, so keys rotate: sign with a new key id and keep the
 * old one here until its snapshots have expired (a key's not-after instant retires it on
 * schedule). Its {@link #verifierHealth() health} is DOWN when no key is accepted any
 * more. Envelopes verified with an Ed25519 key are remembered in a bounded cache until
 * they expire. The returned context keeps the correlation id and delegation chain and has
 * no credential carrier; an inbound adapter adds the one it read. Thread-safe.
 */
public final class SnapshotEnvelopeVerifier implements SnapshotVerifier, VerifierHealth {

	private static final Set<String> FIELDS = Set.of("correlation_id", "delegation_chain", "expires_at", "issued_at",
			"issuer", "roles", "schema_version", "scopes", "selected_claims", "subject", "tenant");

	private static final Set<String> SUBJECT_FIELDS = Set.of("display_name", "id");

	private static final Set<String> SIGNATURE_FIELDS = Set.of("algorithm", "key_id", "signature");

	private static final Log logger = LogFactory.getLog(SnapshotEnvelopeVerifier.class);

	private final Map<String, SnapshotVerificationKey> keys;

	private final SnapshotEnvelopeDecoder decoder;

	private final Clock clock;

	private final Duration clockSkew;

	private final Duration maxTtl;

	private final int maxEnvelopeLength;

	private final Set<String> trustedIssuers;

	private final @Nullable VerifiedSnapshotCache cache;

	private final Set<String> audiences;

	private final boolean requireAudience;

	private SnapshotEnvelopeVerifier(Builder builder, SnapshotEnvelopeDecoder decoder) {
		this.audiences = Set.copyOf(builder.audiences);
		this.requireAudience = builder.requireAudience;
		this.keys = Map.copyOf(builder.keys);
		this.decoder = decoder;
		this.clock = builder.clock;
		this.clockSkew = builder.clockSkew;
		this.maxTtl = builder.maxTtl;
		this.maxEnvelopeLength = builder.maxEnvelopeLength;
		this.trustedIssuers = Set.copyOf(builder.trustedIssuers);
		boolean anyEd25519 = this.keys.values()
			.stream()
			.anyMatch((key) -> key.algorithm() == SnapshotAlgorithm.ED25519);
		this.cache = (anyEd25519 && builder.cacheSize > 0) ? new VerifiedSnapshotCache(builder.cacheSize) : null;
	}

	/**
	 * Starts building a verifier that accepts the given keys.
	 * @param keys the verification keys; at least one, key ids unique
	 * @return a builder with the defaults: system UTC clock, 60s clock skew, 1h maximum
	 * lifetime, 8192 characters, any issuer, 1000 cached Ed25519 envelopes, no HTTP
	 * audience and a required {@code aud} (so an HTTP envelope is refused until
	 * {@link Builder#audiences audiences} are set)
	 */
	public static Builder builder(Collection<SnapshotVerificationKey> keys) {
		return new Builder(keys);
	}

	@Override
	public AuthContext verify(@Nullable String envelope, @Nullable AuthInvocation invocation) {
		if (envelope == null || envelope.isBlank()) {
			throw new MissingAuthContextSnapshotException();
		}
		if (envelope.length() > this.maxEnvelopeLength) {
			throw new InvalidAuthContextSnapshotException(
					"the snapshot envelope is longer than " + this.maxEnvelopeLength + " characters");
		}
		Object expected = (invocation != null) ? invocation.attributes().get(AUDIENCE_ATTRIBUTE) : null;
		try {
			VerifiedEnvelope verified = verifyEnvelope(envelope);
			checkAudience(verified.audience(), (expected instanceof String audience) ? audience : null);
			return verified.context();
		}
		catch (AuthContextSnapshotException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new SnapshotVerifierUnavailableException(
					"The snapshot verifier failed; no decision about the snapshot was reached.", ex);
		}
	}

	/**
	 * Verifies everything but the audience, which depends on the call rather than the
	 * envelope, so a cached envelope is checked against each call's audience.
	 */
	private VerifiedEnvelope verifyEnvelope(String envelope) {
		Instant now = this.clock.instant();
		VerifiedSnapshotCache.Digest digest = null;
		if (this.cache != null) {
			digest = VerifiedSnapshotCache.digest(envelope);
			VerifiedEnvelope cached = this.cache.get(digest, now);
			if (cached != null) {
				return cached;
			}
		}
		SnapshotEnvelopeDecoder.DecodedEnvelope decoded = this.decoder.decodeEnvelope(envelope);
		Map<String, @Nullable Object> json = decoded.json();
		SnapshotVerificationKey key = verifySignature(decoded, now);
		VerifiedEnvelope verified = readContext(json, now);
		checkSigner(key, verified.context().delegationChain());
		VerifiedSnapshotCache cache = this.cache;
		if (digest != null && cache != null && key.algorithm() == SnapshotAlgorithm.ED25519) {
			Instant expiresAt = parseTimestamp(json.get("expires_at"), "expires_at");
			// A cached envelope must not outlive its key's acceptance.
			Instant notAfter = key.notAfter();
			cache.put(digest, verified, (notAfter != null && notAfter.isBefore(expiresAt)) ? notAfter : expiresAt, now);
		}
		return verified;
	}

	/**
	 * Signer binding: a key restricted to some services accepts only envelopes whose last
	 * signer (the last entry of the delegation chain) is one of them.
	 */
	private static void checkSigner(SnapshotVerificationKey key, List<String> delegationChain) {
		Set<String> serviceIds = key.serviceIds();
		if (serviceIds.isEmpty()) {
			return;
		}
		if (delegationChain.isEmpty() || !serviceIds.contains(delegationChain.get(delegationChain.size() - 1))) {
			throw refused("the snapshot's signer is not one of the services its key is bound to");
		}
	}

	/**
	 * The audience check: the one expected destination of a message, else one of this
	 * service's audiences; a missing {@code aud} only when it is not required.
	 */
	private void checkAudience(@Nullable String audience, @Nullable String expected) {
		if (audience == null) {
			if (this.requireAudience) {
				throw refused("the snapshot names no audience");
			}
			return;
		}
		boolean own = (expected != null) ? expected.equals(audience) : this.audiences.contains(audience);
		if (!own) {
			throw refused("the snapshot is for another audience");
		}
	}

	private static InvalidAuthContextSnapshotException refused(String reason) {
		// The reason only: neither the envelope nor the (caller-chosen) audience it
		// names.
		if (logger.isDebugEnabled()) {
			logger.debug("Refused an auth context snapshot: " + reason);
		}
		return new InvalidAuthContextSnapshotException(reason);
	}

	private SnapshotVerificationKey verifySignature(SnapshotEnvelopeDecoder.DecodedEnvelope decoded, Instant now) {
		Map<String, @Nullable Object> json = decoded.json();
		Object block = json.get("signature");
		if (!(block instanceof Map<?, ?> signature) || !signature.keySet().equals(SIGNATURE_FIELDS)
				|| !(signature.get("key_id") instanceof String keyId)
				|| !(signature.get("algorithm") instanceof String algorithm)
				|| !(signature.get("signature") instanceof String signatureText)) {
			throw new InvalidAuthContextSnapshotException("the snapshot has no valid signature block");
		}
		SnapshotVerificationKey key = this.keys.get(keyId);
		if (key == null) {
			throw new InvalidAuthContextSnapshotException("the snapshot names an unknown key id");
		}
		if (!key.isValidAt(now)) {
			throw new InvalidAuthContextSnapshotException("the snapshot names a key that is no longer accepted");
		}
		if (!key.algorithm().wireName().equals(algorithm)) {
			throw new InvalidAuthContextSnapshotException("the snapshot's algorithm is not its key's algorithm");
		}
		byte[] signatureBytes = SnapshotEnvelopeDecoder.decodeBase64Url(signatureText, "signature");
		// The parser checked that the bytes are exactly the canonical JSON of what was
		// parsed (what writing the
		// object again would give), so the signing input, the canonical JSON without the
		// signature member, is
		// the envelope's own bytes without that member.
		if (!decoded.canonical()) {
			throw new InvalidAuthContextSnapshotException("the snapshot envelope is not canonical JSON");
		}
		byte[] bytes = decoded.bytes();
		if (!key.verify(bytes, decoded.signatureStart(), decoded.signatureEnd(), bytes.length, signatureBytes)) {
			throw new InvalidAuthContextSnapshotException("the snapshot's signature does not verify");
		}
		json.remove("signature");
		return key;
	}

	private VerifiedEnvelope readContext(Map<String, @Nullable Object> json, Instant now) {
		if (!json.keySet().equals(FIELDS)) {
			throw new InvalidAuthContextSnapshotException("the snapshot does not have exactly the schema's fields");
		}
		if (!Long.valueOf(1).equals(json.get("schema_version"))) {
			throw new InvalidAuthContextSnapshotException("the snapshot's schema_version is not 1");
		}
		Object subjectValue = json.get("subject");
		if (!(subjectValue instanceof Map<?, ?> subject) || !subject.keySet().equals(SUBJECT_FIELDS)) {
			throw wrongType("subject");
		}
		String subjectId = requiredString(subject.get("id"), "subject.id");
		String displayName = optionalString(subject.get("display_name"), "subject.display_name");
		String issuer = optionalString(json.get("issuer"), "issuer");
		String tenant = optionalString(json.get("tenant"), "tenant");
		String correlationId = optionalString(json.get("correlation_id"), "correlation_id");
		List<String> roles = stringList(json.get("roles"), "roles");
		List<String> scopes = stringList(json.get("scopes"), "scopes");
		List<String> delegationChain = stringList(json.get("delegation_chain"), "delegation_chain");
		List<AuthClaim> claims = claims(json.get("selected_claims"));
		String audience = audience(claims);
		Instant issuedAt = parseTimestamp(json.get("issued_at"), "issued_at");
		Instant expiresAt = parseTimestamp(json.get("expires_at"), "expires_at");

		if (expiresAt.plus(this.clockSkew).isBefore(now)) {
			throw new ExpiredAuthContextSnapshotException("The signed AuthContext snapshot has expired.");
		}
		if (issuedAt.minus(this.clockSkew).isAfter(now)) {
			throw new InvalidAuthContextSnapshotException("the snapshot is issued in the future");
		}
		if (expiresAt.isBefore(issuedAt)) {
			throw new InvalidAuthContextSnapshotException("the snapshot expires before it is issued");
		}
		if (Duration.between(issuedAt, expiresAt).compareTo(this.maxTtl) > 0) {
			throw new InvalidAuthContextSnapshotException("the snapshot lives longer than max-ttl");
		}
		if (!this.trustedIssuers.isEmpty() && (issuer == null || !this.trustedIssuers.contains(issuer))) {
			throw new InvalidAuthContextSnapshotException("the snapshot's issuer is not trusted");
		}
		try {
			return new VerifiedEnvelope(new AuthContext(new AuthSubject(subjectId, displayName), issuer, tenant, roles,
					scopes, claims, null, List.of(), correlationId, delegationChain), audience);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidAuthContextSnapshotException("the snapshot has a blank subject id, role or scope");
		}
	}

	private static List<AuthClaim> claims(@Nullable Object value) {
		if (!(value instanceof Map<?, ?> map)) {
			throw wrongType("selected_claims");
		}
		List<AuthClaim> claims = new ArrayList<>(map.size());
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			Object claimValue = entry.getValue();
			if (claimValue instanceof Map || claimValue instanceof List) {
				throw wrongType("selected_claims");
			}
			String name = (String) entry.getKey();
			if (name.isBlank()) {
				throw wrongType("selected_claims");
			}
			claims.add(new AuthClaim(name, claimValue));
		}
		return claims;
	}

	/**
	 * Takes the {@code aud} out of the claims: it must be a string when present, and the
	 * context never carries it as a claim.
	 */
	private static @Nullable String audience(List<AuthClaim> claims) {
		for (int i = 0; i < claims.size(); i++) {
			AuthClaim claim = claims.get(i);
			if (SnapshotSignRequest.AUDIENCE_CLAIM.equals(claim.name())) {
				if (!(claim.value() instanceof String audience)) {
					throw wrongType("selected_claims.aud");
				}
				claims.remove(i);
				return audience;
			}
		}
		return null;
	}

	private static String requiredString(@Nullable Object value, String field) {
		if (!(value instanceof String text)) {
			throw wrongType(field);
		}
		return text;
	}

	private static @Nullable String optionalString(@Nullable Object value, String field) {
		return (value == null) ? null : requiredString(value, field);
	}

	private static List<String> stringList(@Nullable Object value, String field) {
		if (!(value instanceof List<?> list)) {
			throw wrongType(field);
		}
		for (Object element : list) {
			if (!(element instanceof String)) {
				throw wrongType(field);
			}
		}
		@SuppressWarnings("unchecked")
		List<String> strings = (List<String>) list;
		return strings;
	}

	/**
	 * Parses {@code YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00} exactly, the only form the format
	 * allows.
	 */
	static Instant parseTimestamp(@Nullable Object value, String field) {
		if (!(value instanceof String text) || (text.length() != 25 && text.length() != 32)) {
			throw wrongType(field);
		}
		int offset = text.length() - 6;
		if (text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
				|| text.charAt(16) != ':' || !text.startsWith("+00:00", offset)
				|| (text.length() == 32 && text.charAt(19) != '.')) {
			throw wrongType(field);
		}
		int micros = (text.length() == 32) ? number(text, 20, 26, field) : 0;
		if (text.length() == 32 && micros == 0) {
			// Python omits a zero fraction, so ".000000" is never canonical.
			throw wrongType(field);
		}
		try {
			return LocalDateTime
				.of(number(text, 0, 4, field), number(text, 5, 7, field), number(text, 8, 10, field),
						number(text, 11, 13, field), number(text, 14, 16, field), number(text, 17, 19, field),
						micros * 1000)
				.toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeException ex) {
			throw wrongType(field);
		}
	}

	private static int number(String text, int start, int end, String field) {
		int value = 0;
		for (int i = start; i < end; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				throw wrongType(field);
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	private static InvalidAuthContextSnapshotException wrongType(String field) {
		return new InvalidAuthContextSnapshotException("the snapshot's " + field + " field has the wrong type");
	}

	/**
	 * Reports UP while at least one key is accepted (none is past its not-after instant),
	 * with each key's id, algorithm, state and not-after instant; never key material.
	 * @return the status
	 */
	@Override
	public Status verifierHealth() {
		Instant now = this.clock.instant();
		Map<String, Object> keys = new TreeMap<>();
		boolean anyValid = false;
		for (SnapshotVerificationKey key : this.keys.values()) {
			boolean valid = key.isValidAt(now);
			anyValid |= valid;
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("algorithm", key.algorithm().wireName());
			details.put("state", valid ? "VALID" : "EXPIRED");
			Instant notAfter = key.notAfter();
			if (notAfter != null) {
				details.put("notAfter", notAfter.toString());
			}
			keys.put(key.keyId(), details);
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("keys", keys);
		if (!anyValid) {
			details.put("error", "No verification key is accepted any more");
			return Status.down(details);
		}
		return Status.up(details);
	}

	int cachedEnvelopes() {
		return (this.cache != null) ? this.cache.size() : 0;
	}

	@Override
	public String toString() {
		return "SnapshotEnvelopeVerifier[keyIds=" + new TreeMap<>(this.keys).keySet() + ", clockSkew=" + this.clockSkew
				+ ", maxTtl=" + this.maxTtl + ", maxEnvelopeLength=" + this.maxEnvelopeLength + ", audiences="
				+ new TreeSet<>(this.audiences) + ", requireAudience=" + this.requireAudience + "]";
	}

	/**
	 * What an envelope proves before the call's audience is checked: the context and the
	 * {@code aud} it names, or {@code null} when it names none.
	 */
	record VerifiedEnvelope(AuthContext context, @Nullable String audience) {
	}

	/**
	 * Configures a {@link SnapshotEnvelopeVerifier}; not thread-safe.
	 */
	public static final class Builder {

		private final Map<String, SnapshotVerificationKey> keys = new HashMap<>();

		private Clock clock = Clock.systemUTC();

		private Duration clockSkew = Duration.ofSeconds(60);

		private Duration maxTtl = Duration.ofHours(1);

		private int maxEnvelopeLength = 8192;

		private Set<String> trustedIssuers = Set.of();

		private int cacheSize = 1000;

		private Set<String> audiences = Set.of();

		private boolean requireAudience = true;

		private Builder(Collection<SnapshotVerificationKey> keys) {
			Objects.requireNonNull(keys, "keys must not be null");
			for (SnapshotVerificationKey key : keys) {
				if (this.keys.put(key.keyId(), key) != null) {
					throw new IllegalArgumentException("duplicate verification key id " + key.keyId());
				}
			}
			if (this.keys.isEmpty()) {
				throw new IllegalArgumentException("at least one verification key is required");
			}
		}

		/**
		 * Sets the time source.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock must not be null");
			return this;
		}

		/**
		 * Sets how far the signer's clock may be off.
		 * @param clockSkew a non-negative duration
		 * @return this builder
		 */
		public Builder clockSkew(Duration clockSkew) {
			this.clockSkew = nonNegative(clockSkew, "clockSkew");
			return this;
		}

		/**
		 * Sets the longest lifetime ({@code expires_at - issued_at}) accepted.
		 * @param maxTtl a non-negative duration
		 * @return this builder
		 */
		public Builder maxTtl(Duration maxTtl) {
			this.maxTtl = nonNegative(maxTtl, "maxTtl");
			return this;
		}

		/**
		 * Sets the longest envelope accepted; longer ones are rejected before any
		 * decoding.
		 * @param maxEnvelopeLength a positive number of characters
		 * @return this builder
		 */
		public Builder maxEnvelopeLength(int maxEnvelopeLength) {
			if (maxEnvelopeLength < 1) {
				throw new IllegalArgumentException("maxEnvelopeLength must be positive");
			}
			this.maxEnvelopeLength = maxEnvelopeLength;
			return this;
		}

		/**
		 * Restricts the accepted issuers; empty accepts any.
		 * @param trustedIssuers the issuers
		 * @return this builder
		 */
		public Builder trustedIssuers(Collection<String> trustedIssuers) {
			this.trustedIssuers = Set.copyOf(Objects.requireNonNull(trustedIssuers, "trustedIssuers must not be null"));
			return this;
		}

		/**
		 * Sets how many Ed25519-verified envelopes are remembered; 0 disables the cache.
		 * @param cacheSize a non-negative size
		 * @return this builder
		 */
		public Builder cacheSize(int cacheSize) {
			if (cacheSize < 0) {
				throw new IllegalArgumentException("cacheSize must not be negative");
			}
			this.cacheSize = cacheSize;
			return this;
		}

		/**
		 * Sets this service's own audiences: an envelope verified without an expected
		 * audience in its invocation (every HTTP request) must name one of them as
		 * {@code aud}. Usually just this service's {@code service-id}.
		 * @param audiences the audiences; none refuses every such envelope that names one
		 * @return this builder
		 */
		public Builder audiences(Collection<String> audiences) {
			Objects.requireNonNull(audiences, "audiences must not be null");
			for (String audience : audiences) {
				if (audience == null || audience.isBlank()) {
					throw new IllegalArgumentException("audiences must not contain a blank audience");
				}
			}
			this.audiences = Set.copyOf(audiences);
			return this;
		}

		/**
		 * Sets whether an envelope without {@code aud} is refused (the default). Turned
		 * off, it is accepted, for peers that cannot send one yet; a present but wrong
		 * {@code aud} is refused either way.
		 * @param requireAudience whether the audience is required
		 * @return this builder
		 */
		public Builder requireAudience(boolean requireAudience) {
			this.requireAudience = requireAudience;
			return this;
		}

		/**
		 * Builds the verifier.
		 * @return the verifier
		 */
		public SnapshotEnvelopeVerifier build() {
			return new SnapshotEnvelopeVerifier(this, new SnapshotEnvelopeDecoder());
		}

		SnapshotEnvelopeVerifier build(SnapshotEnvelopeDecoder decoder) {
			return new SnapshotEnvelopeVerifier(this, decoder);
		}

		private static Duration nonNegative(Duration duration, String name) {
			Objects.requireNonNull(duration, name + " must not be null");
			if (duration.isNegative()) {
				throw new IllegalArgumentException(name + " must not be negative");
			}
			return duration;
		}

	}

}
