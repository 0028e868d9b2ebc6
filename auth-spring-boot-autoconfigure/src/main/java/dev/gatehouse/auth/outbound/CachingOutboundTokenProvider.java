package dev.gatehouse.auth.outbound;

import java.time.Clock;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import org.jspecify.annotations.Nullable;

/**
 * Caches the tokens of one registration and fetches each at most once at a time.
 *
 * <p>
 * A token is reused until {@code expiresAt - refreshSkew} (for tokens that live shorter
 * than twice the skew: until half their lifetime). When no usable token is cached,
 * exactly one caller asks the delegate and every concurrent caller of the same key waits
 * for that answer (single flight); a failure is delivered to all of them and is not
 * cached, but the key is not asked again for {@code retryBackoff}, so a down identity
 * provider sees at most one request per interval. The key is the registration, plus the
 * caller's issuer, subject id and tenant for on-behalf-of registrations, plus, for
 * registrations that exchange the caller's bearer token
 * ({@link Keying#CALLER_BEARER_TOKEN}), a SHA-256 digest of that token, so a token
 * exchanged for one subject token is never served for another, nor to a caller who
 * presented none; never a token value. A token the downstream still refused after a
 * refresh is not refreshed again on a 401 within {@code retryBackoff}. Thread-safe.
 */
public final class CachingOutboundTokenProvider implements OutboundTokenProvider {

	/**
	 * Above this many callers' entries, expired ones are dropped when a caller is added.
	 */
	private static final int SWEEP_THRESHOLD = 10_000;

	// The latest instant whose epoch milliseconds fit a long: "never".
	private static final Instant MAX_MILLIS = Instant.ofEpochMilli(Long.MAX_VALUE);

	private static final MessageDigest SHA256_PROTOTYPE = newSha256();

	private final String registration;

	private final OutboundTokenProvider delegate;

	private final boolean onBehalfOf;

	private final Keying keying;

	private final Duration refreshSkew;

	private final Duration retryBackoff;

	private final Clock clock;

	private final Slot ownSlot = new Slot();

	private final ConcurrentMap<CallerKey, Slot> callerSlots = new ConcurrentHashMap<>();

	private volatile @Nullable String lastError;

	/**
	 * Creates the cache.
	 * @param registration the registration name, used in messages and status
	 * @param delegate asked for a token when none is cached
	 * @param onBehalfOf whether tokens are per caller (keyed by issuer, subject and
	 * tenant) rather than this service's own
	 * @param refreshSkew how long before expiry a token is replaced
	 * @param retryBackoff how long a key that failed is not asked again
	 * @param clock the clock expiry is judged by
	 */
	public CachingOutboundTokenProvider(String registration, OutboundTokenProvider delegate, boolean onBehalfOf,
			Duration refreshSkew, Duration retryBackoff, Clock clock) {
		this(registration, delegate, onBehalfOf ? Keying.CALLER : Keying.OWN, refreshSkew, retryBackoff, clock);
	}

	/**
	 * Creates the cache.
	 * @param registration the registration name, used in messages and status
	 * @param delegate asked for a token when none is cached
	 * @param keying whose tokens are cached and what their key covers
	 * @param refreshSkew how long before expiry a token is replaced
	 * @param retryBackoff how long a key that failed is not asked again, and how long a
	 * token refused after a refresh is not refreshed again
	 * @param clock the clock expiry is judged by
	 */
	public CachingOutboundTokenProvider(String registration, OutboundTokenProvider delegate, Keying keying,
			Duration refreshSkew, Duration retryBackoff, Clock clock) {
		this.registration = Objects.requireNonNull(registration, "registration must not be null");
		this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
		this.keying = Objects.requireNonNull(keying, "keying must not be null");
		this.onBehalfOf = keying != Keying.OWN;
		this.refreshSkew = requireNonNegative(refreshSkew, "refreshSkew");
		this.retryBackoff = requireNonNegative(retryBackoff, "retryBackoff");
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
	}

	private static Duration requireNonNegative(Duration duration, String name) {
		Objects.requireNonNull(duration, name + " must not be null");
		if (duration.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative");
		}
		return duration;
	}

	/**
	 * Returns the cached token for the request's key, or fetches one (once, whoever else
	 * asks at the same time).
	 * @param request the request; {@code forceRefresh} bypasses the cached token
	 * @return the token
	 * @throws OutboundCredentialUnavailableException when the delegate fails, or failed
	 * less than {@code retryBackoff} ago, or an on-behalf-of token is asked for without a
	 * caller, or without the caller's bearer token where the key needs one
	 */
	@Override
	public OutboundToken token(OutboundTokenRequest request) {
		Slot slot = slot(request.onBehalfOf());
		if (!request.forceRefresh()) {
			Cached cached = slot.cached;
			if (cached != null && this.clock.millis() < cached.refreshAtMillis) {
				return cached.token;
			}
		}
		return fetch(slot, request);
	}

	/**
	 * Returns this service's own cached token while it is fresh, without building a
	 * request: the interceptor's hot path.
	 * @return the fresh token, or {@code null} when none is cached, it is due for
	 * refresh, or tokens are held per caller
	 */
	@Nullable OutboundToken freshOwnToken() {
		if (this.onBehalfOf) {
			return null;
		}
		Cached cached = this.ownSlot.cached;
		return (cached != null && this.clock.millis() < cached.refreshAtMillis) ? cached.token : null;
	}

	private Slot slot(@Nullable AuthContext caller) {
		if (!this.onBehalfOf) {
			return this.ownSlot;
		}
		if (caller == null) {
			throw new OutboundCredentialUnavailableException("Outbound registration '" + this.registration
					+ "' acts on behalf of the caller, but no AuthContext is bound to this thread.", null);
		}
		CallerKey key = new CallerKey(caller.issuer(), caller.subject().id(), caller.tenant(),
				(this.keying == Keying.CALLER_BEARER_TOKEN) ? bearerTokenDigest(caller) : null);
		Slot slot = this.callerSlots.get(key);
		if (slot == null) {
			if (this.callerSlots.size() >= SWEEP_THRESHOLD) {
				sweep();
			}
			slot = this.callerSlots.computeIfAbsent(key, (k) -> new Slot());
		}
		return slot;
	}

	// Decided before the cache is consulted: a caller who presented no bearer token must
	// never be served a token exchanged for someone's bearer token.
	private String bearerTokenDigest(AuthContext caller) {
		CredentialCarrier credential = caller.credentialCarrier();
		if (credential == null || credential.kind() != CredentialCarrierKind.BEARER_TOKEN) {
			throw new OutboundCredentialUnavailableException("Outbound registration '" + this.registration
					+ "' exchanges the caller's bearer token, but the bound caller presented none.", null);
		}
		MessageDigest sha256;
		try {
			sha256 = (MessageDigest) SHA256_PROTOTYPE.clone();
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException("SHA-256 cannot be cloned", ex);
		}
		return Base64.getEncoder()
			.withoutPadding()
			.encodeToString(sha256.digest(credential.material().getBytes(StandardCharsets.UTF_8)));
	}

	private static MessageDigest newSha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			// Every Java platform is required to provide SHA-256.
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * Records that the downstream refused this token even though it was just fetched, so
	 * a 401 for it does not fetch another within {@code retryBackoff}.
	 * @param caller the caller the token was fetched for, or {@code null}
	 * @param token the refused token
	 */
	void refusedAfterRefresh(@Nullable AuthContext caller, OutboundToken token) {
		Slot slot = slot(caller);
		slot.refused = new Refused(token, this.clock.millis() + this.retryBackoff.toMillis());
	}

	/**
	 * Returns whether this token was refused after a refresh less than
	 * {@code retryBackoff} ago; then a 401 for it is answered as it is.
	 * @param caller the caller the token was fetched for, or {@code null}
	 * @param token the token the downstream refused
	 * @return whether not to refresh it now
	 */
	boolean recentlyRefusedAfterRefresh(@Nullable AuthContext caller, OutboundToken token) {
		Refused refused = slot(caller).refused;
		return refused != null && refused.token == token && this.clock.millis() < refused.untilMillis;
	}

	private void sweep() {
		Instant now = this.clock.instant();
		for (Iterator<Slot> slots = this.callerSlots.values().iterator(); slots.hasNext();) {
			Slot slot = slots.next();
			Cached cached = slot.cached;
			if (slot.inFlight == null && (cached == null || !now.isBefore(cached.expiresAt()))) {
				slots.remove();
			}
		}
	}

	private OutboundToken fetch(Slot slot, OutboundTokenRequest request) {
		CompletableFuture<OutboundToken> leader = null;
		CompletableFuture<OutboundToken> pending;
		synchronized (slot) {
			Cached cached = slot.cached;
			Instant now = this.clock.instant();
			if (!request.forceRefresh() && cached != null && now.toEpochMilli() < cached.refreshAtMillis) {
				return cached.token;
			}
			pending = slot.inFlight;
			if (pending == null) {
				Instant failedAt = slot.failedAt;
				if (failedAt != null && now.isBefore(failedAt.plus(this.retryBackoff))) {
					throw new OutboundCredentialUnavailableException(
							"Outbound registration '" + this.registration + "' failed less than " + this.retryBackoff
									+ " ago and is not asked again yet: " + slot.failure,
							null);
				}
				leader = new CompletableFuture<>();
				slot.inFlight = leader;
				pending = leader;
			}
		}
		if (leader != null) {
			return lead(slot, request, leader);
		}
		return await(pending);
	}

	private OutboundToken lead(Slot slot, OutboundTokenRequest request, CompletableFuture<OutboundToken> leader) {
		Instant requestedAt = this.clock.instant();
		OutboundToken token;
		try {
			token = this.delegate.token(request);
			Objects.requireNonNull(token, "the provider returned no token");
			OutboundHeaderValue.of(token, this.registration);
		}
		catch (RuntimeException ex) {
			OutboundCredentialUnavailableException failure = unavailable(ex);
			synchronized (slot) {
				slot.inFlight = null;
				slot.failedAt = this.clock.instant();
				slot.failure = failure.getMessage();
			}
			this.lastError = failure.getMessage();
			leader.completeExceptionally(failure);
			throw failure;
		}
		synchronized (slot) {
			slot.cached = new Cached(token, refreshAt(token, requestedAt).toEpochMilli());
			slot.inFlight = null;
			slot.failedAt = null;
			slot.failure = null;
		}
		this.lastError = null;
		leader.complete(token);
		return token;
	}

	private Instant refreshAt(OutboundToken token, Instant requestedAt) {
		Instant expiresAt = token.expiresAt();
		if (expiresAt == null) {
			return MAX_MILLIS;
		}
		Duration lifetime = Duration.between(requestedAt, expiresAt);
		Duration skew = (lifetime.compareTo(this.refreshSkew.multipliedBy(2)) < 0) ? lifetime.dividedBy(2)
				: this.refreshSkew;
		return expiresAt.minus(skew);
	}

	private OutboundCredentialUnavailableException unavailable(RuntimeException ex) {
		if (ex instanceof OutboundCredentialUnavailableException unavailable) {
			return unavailable;
		}
		// The message of an arbitrary exception may quote a secret: name only its type.
		return new OutboundCredentialUnavailableException("Outbound registration '" + this.registration
				+ "' could not obtain a token (" + ex.getClass().getSimpleName() + ").", ex);
	}

	private static OutboundToken await(CompletableFuture<OutboundToken> pending) {
		try {
			return pending.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof OutboundCredentialUnavailableException unavailable) {
				throw unavailable;
			}
			throw ex;
		}
	}

	/**
	 * Drops every cached token, so the next call fetches a new one; a failure's back-off
	 * still applies.
	 */
	public void invalidate() {
		synchronized (this.ownSlot) {
			this.ownSlot.cached = null;
		}
		this.callerSlots.clear();
	}

	/**
	 * Refreshes this service's own token now, or, for on-behalf-of registrations, drops
	 * the callers' tokens so each is exchanged anew on its next call.
	 * @return whether the refresh succeeded
	 */
	public boolean refresh() {
		if (this.onBehalfOf) {
			this.callerSlots.clear();
			return true;
		}
		try {
			token(new OutboundTokenRequest(this.registration, null, true));
			return true;
		}
		catch (OutboundCredentialUnavailableException ex) {
			return false;
		}
	}

	/**
	 * Returns the state: DOWN or DEGRADED when the last token request failed (DEGRADED
	 * while an unexpired token is still held), otherwise UP.
	 * @return the state
	 */
	public OutboundRegistrationState state() {
		if (this.lastError == null) {
			return OutboundRegistrationState.UP;
		}
		Cached cached = this.ownSlot.cached;
		if (!this.onBehalfOf && cached != null && this.clock.instant().isBefore(cached.expiresAt())) {
			return OutboundRegistrationState.DEGRADED;
		}
		return OutboundRegistrationState.DOWN;
	}

	/**
	 * Returns when this service's own cached token expires.
	 * @return the expiry, or {@code null} when none is cached, it never expires, or
	 * tokens are held per caller
	 */
	public @Nullable Instant expiresAt() {
		Cached cached = this.ownSlot.cached;
		return (cached != null) ? cached.token.expiresAt() : null;
	}

	/**
	 * Returns how many tokens are cached.
	 * @return the number of cached tokens
	 */
	public int cachedTokens() {
		if (!this.onBehalfOf) {
			return (this.ownSlot.cached != null) ? 1 : 0;
		}
		int count = 0;
		for (Slot slot : this.callerSlots.values()) {
			if (slot.cached != null) {
				count++;
			}
		}
		return count;
	}

	/**
	 * Returns why the last token request failed.
	 * @return the safe reason, or {@code null} when the last request succeeded
	 */
	public @Nullable String lastError() {
		return this.lastError;
	}

	@Override
	public String toString() {
		return "CachingOutboundTokenProvider[registration=" + this.registration + ", keying=" + this.keying
				+ ", refreshSkew=" + this.refreshSkew + ", retryBackoff=" + this.retryBackoff + "]";
	}

	/**
	 * Whose tokens a cache holds and what their key covers.
	 */
	public enum Keying {

		/** This service's own token: one per registration. */
		OWN,

		/** The caller's: keyed by issuer, subject id and tenant. */
		CALLER,

		/**
		 * Exchanged for the caller's bearer token: keyed by issuer, subject id, tenant
		 * and a SHA-256 digest of that token; a caller without a bearer token gets none.
		 */
		CALLER_BEARER_TOKEN

	}

	private record CallerKey(@Nullable String issuer, String subject, @Nullable String tenant,
			@Nullable String subjectTokenDigest) {
	}

	private record Refused(OutboundToken token, long untilMillis) {
	}

	private record Cached(OutboundToken token, long refreshAtMillis) {

		Instant expiresAt() {
			Instant expiresAt = this.token.expiresAt();
			return (expiresAt != null) ? expiresAt : Instant.MAX;
		}

	}

	/** The state of one key; fields written under the slot's lock, read without it. */
	private static final class Slot {

		volatile @Nullable Cached cached;

		volatile @Nullable CompletableFuture<OutboundToken> inFlight;

		@Nullable Instant failedAt;

		@Nullable String failure;

		volatile @Nullable Refused refused;

	}

}
