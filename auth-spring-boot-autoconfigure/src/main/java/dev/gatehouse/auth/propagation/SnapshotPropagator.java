package dev.gatehouse.auth.propagation;

import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.metadata.AuthBoundaryKind;
import dev.gatehouse.auth.observation.AuthenticationObservationConvention;
import dev.gatehouse.auth.observation.AuthenticationObservations;
import dev.gatehouse.auth.snapshot.AuthContextSnapshotException;
import dev.gatehouse.auth.snapshot.InvalidAuthContextSnapshotException;
import dev.gatehouse.auth.snapshot.MissingAuthContextSnapshotException;
import dev.gatehouse.auth.snapshot.SnapshotVerifierUnavailableException;
import dev.gatehouse.auth.spi.AuthInvocation;
import dev.gatehouse.auth.spi.SnapshotSignRequest;
import dev.gatehouse.auth.spi.SnapshotSigner;
import dev.gatehouse.auth.spi.SnapshotVerifier;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;

/**
 * Carries the signed snapshot of the bound {@link AuthContext} through any message
 * carrier: {@link #inject} writes it as a header, {@link #extract} verifies one and
 * returns the context it proves. The Kafka and spring-messaging boundaries use it, and so
 * can AMQP message properties, job parameters or gRPC metadata.
 *
 * <p>
 * Each snapshot is bound to an audience, the destination it is sent to: the Kafka
 * boundary uses {@code kafka:<topic>}, a channel {@code channel:<bean name>}, and other
 * carriers pass their own to {@link #inject(String, BiConsumer)} and
 * {@link #extract(String, Function)}, which refuses an envelope signed for any other
 * destination, so a snapshot taken from one queue cannot be replayed on another (or
 * against an HTTP service). The one-argument {@link #inject(BiConsumer)} signs without an
 * audience, and {@link #extract(Function)} verifies under the HTTP rules (the {@code aud}
 * must be one of {@code gatehouse.snapshot.verification.audiences}); a pair of them only
 * works with {@code gatehouse.snapshot.verification.require-audience=false}.
 *
 * <p>
 * A sender that emits many messages under one bound context (the same {@link AuthContext}
 * instance) may reuse the envelope signed for it for a short window
 * ({@code envelopeReuse}, off unless set), so a burst of records pays for one signature
 * instead of one each; the receiver then sees an {@code issued_at} at most that window
 * old and an expiry that much sooner.
 *
 * <p>
 * Inbound header values are checked before any decoding: an empty value, one longer than
 * the maximum envelope length, or one with a character outside the base64url alphabet is
 * refused as invalid at once. A refusal is logged with the reason code and the key id
 * only, never the envelope. Thread-safe.
 *
 * <p>
 * With {@link #setObservationRegistry observations} on, each verification of a message's
 * snapshot is a {@code gatehouse.authentication} observation with boundary kind
 * {@code MESSAGE} and, as {@code gatehouse.boundary}, {@code kafka:<topic>} for a Kafka
 * record, {@code channel:<bean name>} for a spring-messaging channel, or the destination
 * audience given to {@link #extract(String, Function)} (or the destination given to
 * {@link #extract(Function, String)}). A message without the header that is not required
 * is not observed: nothing was authenticated, as for an HTTP request without a
 * credential.
 */
public final class SnapshotPropagator {

	/** The {@link AuthInvocation#boundary()} of every message. */
	public static final String BOUNDARY = "MESSAGE";

	private static final Log logger = LogFactory.getLog(SnapshotPropagator.class);

	private static final String UNSPECIFIED_DESTINATION = "message";

	private static final boolean[] BASE64URL = base64UrlAlphabet();

	private final Supplier<SnapshotSigner> signer;

	private final Supplier<SnapshotVerifier> verifier;

	private final String headerName;

	private final int maxEnvelopeLength;

	private final long envelopeReuseNanos;

	// Per sending thread: the last context signed and its envelope, so a burst under one
	// context signs once.
	private final ThreadLocal<@Nullable SignedEnvelope> lastSigned = new ThreadLocal<>();

	// Verifies a header value directly, or inside an observation once observations are
	// on; chosen once, before the first message.
	private HeaderVerification headerVerification = this::verify;

	/**
	 * Creates a propagator.
	 * @param signer supplies the signer, asked only when a context is to be sent, so no
	 * signer bean is created before it is needed
	 * @param verifier supplies the verifier, asked only when a header is to be verified
	 * @param headerName the message header that carries the snapshot
	 * @param maxEnvelopeLength the longest header value that is decoded at all
	 */
	public SnapshotPropagator(Supplier<SnapshotSigner> signer, Supplier<SnapshotVerifier> verifier, String headerName,
			int maxEnvelopeLength) {
		this(signer, verifier, headerName, maxEnvelopeLength, Duration.ZERO);
	}

	/**
	 * Creates a propagator that reuses the envelope of an unchanged bound context for a
	 * short window.
	 * @param signer supplies the signer, asked only when a context is to be sent
	 * @param verifier supplies the verifier, asked only when a header is to be verified
	 * @param headerName the message header that carries the snapshot
	 * @param maxEnvelopeLength the longest header value that is decoded at all
	 * @param envelopeReuse how long the envelope signed for a bound context is reused for
	 * the same context instance on the same thread; zero signs every message
	 */
	public SnapshotPropagator(Supplier<SnapshotSigner> signer, Supplier<SnapshotVerifier> verifier, String headerName,
			int maxEnvelopeLength, Duration envelopeReuse) {
		// Each is asked once and then kept: a bean lookup per message would cost more
		// than the signature.
		this.signer = SingletonSupplier.of(Objects.requireNonNull(signer, "signer must not be null"));
		this.verifier = SingletonSupplier.of(Objects.requireNonNull(verifier, "verifier must not be null"));
		Objects.requireNonNull(headerName, "headerName must not be null");
		if (headerName.isBlank()) {
			throw new IllegalArgumentException("headerName must not be blank");
		}
		if (maxEnvelopeLength < 1) {
			throw new IllegalArgumentException("maxEnvelopeLength must be positive");
		}
		Objects.requireNonNull(envelopeReuse, "envelopeReuse must not be null");
		if (envelopeReuse.isNegative()) {
			throw new IllegalArgumentException("envelopeReuse must not be negative");
		}
		this.headerName = headerName;
		this.maxEnvelopeLength = maxEnvelopeLength;
		this.envelopeReuseNanos = envelopeReuse.toNanos();
	}

	/**
	 * Observes each verification of an inbound snapshot as
	 * {@code gatehouse.authentication} (boundary kind {@code MESSAGE}); without this call
	 * verification is not observed at all. Call it once, before the first message.
	 * @param registry the registry that records the observations
	 * @param convention the convention that names and tags them, or {@code null} for
	 * {@link DefaultAuthenticationObservationConvention}
	 */
	public void setObservationRegistry(ObservationRegistry registry,
			@Nullable AuthenticationObservationConvention convention) {
		Objects.requireNonNull(registry, "registry must not be null");
		this.headerVerification = new ObservedVerification(registry, convention);
	}

	/**
	 * Writes the snapshot of the bound context, signed without an audience, through the
	 * given writer; writes nothing when no context is bound. Prefer
	 * {@link #inject(String, BiConsumer)}: a receiver that requires an audience (the
	 * default) refuses this snapshot.
	 * @param headerWriter receives the header name and the envelope
	 */
	public void inject(BiConsumer<String, String> headerWriter) {
		Objects.requireNonNull(headerWriter, "headerWriter must not be null");
		String envelope = currentEnvelope(null);
		if (envelope != null) {
			headerWriter.accept(this.headerName, envelope);
		}
	}

	/**
	 * Writes the snapshot of the bound context, signed for the given audience, through
	 * the given writer; writes nothing when no context is bound.
	 * @param audience the destination the message is sent to, the one its receiver passes
	 * to {@link #extract(String, Function)}
	 * @param headerWriter receives the header name and the envelope
	 */
	public void inject(String audience, BiConsumer<String, String> headerWriter) {
		requireAudience(audience);
		Objects.requireNonNull(headerWriter, "headerWriter must not be null");
		String envelope = currentEnvelope(audience);
		if (envelope != null) {
			headerWriter.accept(this.headerName, envelope);
		}
	}

	/**
	 * Reads the snapshot header through the given reader and verifies it under the HTTP
	 * audience rules (its {@code aud} one of this service's verification audiences).
	 * Prefer {@link #extract(String, Function)}, which binds it to the destination.
	 * @param headerReader returns the value of the named header, or {@code null} when it
	 * is absent
	 * @return the verified context, ready for {@link AuthContextHolder#open(AuthContext)}
	 * @throws AuthContextSnapshotException when the header is absent, invalid, expired or
	 * for another audience, or the verifier fails
	 */
	public AuthContext extract(Function<String, @Nullable String> headerReader) {
		return extract(headerReader, UNSPECIFIED_DESTINATION);
	}

	/**
	 * Reads the snapshot header through the given reader and verifies it for a message
	 * that arrived from the given destination: its {@code aud} must be exactly that
	 * destination. The destination is also the {@link AuthInvocation#operation()}
	 * (boundary {@value #BOUNDARY}) and, with observations on, the observed boundary.
	 * @param audience the destination the message arrived from, as the sender passed it
	 * to {@link #inject(String, BiConsumer)}
	 * @param headerReader returns the value of the named header, or {@code null} when it
	 * is absent
	 * @return the verified context, ready for {@link AuthContextHolder#open(AuthContext)}
	 * @throws AuthContextSnapshotException when the header is absent, invalid, expired or
	 * for another audience, or the verifier fails
	 */
	public AuthContext extract(String audience, Function<String, @Nullable String> headerReader) {
		requireAudience(audience);
		Objects.requireNonNull(headerReader, "headerReader must not be null");
		AuthContext context = verifyHeader(headerReader.apply(this.headerName), audience, audience, true);
		return Objects.requireNonNull(context);
	}

	/**
	 * Reads the snapshot header through the given reader and verifies it under the HTTP
	 * audience rules for a message sent to the given destination, which becomes the
	 * {@link AuthInvocation#operation()} (boundary {@value #BOUNDARY}); the destination
	 * is not the audience here, see {@link #extract(String, Function)}.
	 * @param headerReader returns the value of the named header, or {@code null} when it
	 * is absent
	 * @param destination the topic, queue or channel the message came from
	 * @return the verified context
	 * @throws AuthContextSnapshotException when the header is absent, invalid or expired,
	 * or the verifier fails
	 */
	public AuthContext extract(Function<String, @Nullable String> headerReader, String destination) {
		Objects.requireNonNull(headerReader, "headerReader must not be null");
		AuthContext context = verifyHeader(headerReader.apply(this.headerName), destination, null, true);
		return Objects.requireNonNull(context);
	}

	/**
	 * Signs the bound context for sending, without an audience.
	 * @return the envelope of the bound context, or {@code null} when no context is bound
	 */
	public @Nullable String currentEnvelope() {
		return currentEnvelope(null);
	}

	/**
	 * Signs the bound context for sending to the given audience.
	 * @param audience the destination, written into the snapshot as {@code aud}, or
	 * {@code null} to sign without one
	 * @return the envelope of the bound context, or {@code null} when no context is bound
	 */
	public @Nullable String currentEnvelope(@Nullable String audience) {
		Optional<AuthContext> context = AuthContextHolder.current();
		if (context.isEmpty()) {
			return null;
		}
		if (this.envelopeReuseNanos == 0) {
			return sign(context.get(), audience);
		}
		long now = System.nanoTime();
		SignedEnvelope last = this.lastSigned.get();
		if (last != null && last.context().get() == context.get() && Objects.equals(last.audience(), audience)
				&& now - last.signedAt() < this.envelopeReuseNanos) {
			return last.envelope();
		}
		String envelope = sign(context.get(), audience);
		this.lastSigned.set(new SignedEnvelope(new WeakReference<>(context.get()), audience, envelope, now));
		return envelope;
	}

	private String sign(AuthContext context, @Nullable String audience) {
		return this.signer.get().sign(new SnapshotSignRequest(context, null, audience)).envelope();
	}

	private static void requireAudience(String audience) {
		Objects.requireNonNull(audience, "audience must not be null");
		if (audience.isBlank()) {
			throw new IllegalArgumentException("audience must not be blank");
		}
	}

	/**
	 * Returns the name of the header that carries the snapshot.
	 * @return the header name
	 */
	public String headerName() {
		return this.headerName;
	}

	/**
	 * Verifies a header value as it arrived on a message: a {@code String}, or the raw
	 * bytes of a broker header. An absent header ({@code null}) yields {@code null}
	 * unless a snapshot is required; a present one is always verified, so an empty or
	 * malformed value is refused rather than treated as absent. Observed when
	 * observations are on and there is something to authenticate.
	 * @param value the header value, or {@code null} when absent
	 * @param destination the topic or channel, for the invocation and the log
	 * @param audience the audience the envelope must carry ({@code kafka:<topic>},
	 * {@code channel:<bean name>}), also the observed boundary; {@code null} verifies
	 * under the HTTP audience rules and observes the destination as it is
	 * @param required whether a message without the header is refused
	 * @return the verified context, or {@code null} when the header is absent and not
	 * required
	 * @throws AuthContextSnapshotException when the snapshot is refused
	 */
	@Nullable AuthContext verifyHeader(@Nullable Object value, String destination, @Nullable String audience, boolean required) {
		return this.headerVerification.verify(value, destination, audience, required);
	}

	private @Nullable AuthContext verify(@Nullable Object value, String destination, @Nullable String audience,
			boolean required) {
		if (value == null) {
			if (required) {
				throw refused(new MissingAuthContextSnapshotException(), destination, null);
			}
			return null;
		}
		String envelope = envelope(value, destination);
		Map<String, Object> attributes = (audience != null) ? Map.of(SnapshotVerifier.AUDIENCE_ATTRIBUTE, audience)
				: Map.of();
		try {
			return this.verifier.get().verify(envelope, new AuthInvocation(BOUNDARY, destination, null, attributes));
		}
		catch (AuthContextSnapshotException ex) {
			throw refused(ex, destination, envelope);
		}
		catch (RuntimeException ex) {
			throw refused(new SnapshotVerifierUnavailableException("The snapshot verifier failed", ex), destination,
					envelope);
		}
	}

	/**
	 * Refuses a message that carries the snapshot header more than once, as HTTP refuses
	 * a repeated header: logged like any refusal, never decoded.
	 * @param destination the topic or channel, for the log
	 * @return the exception to throw
	 */
	InvalidAuthContextSnapshotException duplicateHeader(String destination) {
		return refused(new InvalidAuthContextSnapshotException("The message carries more than one snapshot header"),
				destination, null);
	}

	/**
	 * Turns a header value into an envelope string, refusing anything that cannot be an
	 * envelope after one pass over its characters: empty, too long, or outside the
	 * base64url alphabet (which also rules out binary junk and non-UTF-8 bytes, since
	 * every envelope is ASCII).
	 */
	private String envelope(Object value, String destination) {
		if (value instanceof byte[] bytes) {
			checkShape(bytes.length, destination);
			for (byte b : bytes) {
				if (b < 0 || !BASE64URL[b]) {
					throw malformed(destination);
				}
			}
			return new String(bytes, StandardCharsets.US_ASCII);
		}
		if (value instanceof String text) {
			checkShape(text.length(), destination);
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				if (c >= 128 || !BASE64URL[c]) {
					throw malformed(destination);
				}
			}
			return text;
		}
		throw malformed(destination);
	}

	private void checkShape(int length, String destination) {
		if (length == 0) {
			throw refused(new MissingAuthContextSnapshotException(), destination, null);
		}
		if (length > this.maxEnvelopeLength) {
			throw refused(new InvalidAuthContextSnapshotException("The snapshot is longer than the maximum length"),
					destination, null);
		}
	}

	private InvalidAuthContextSnapshotException malformed(String destination) {
		return refused(new InvalidAuthContextSnapshotException("The snapshot header is not a base64url envelope"),
				destination, null);
	}

	private static <E extends AuthContextSnapshotException> E refused(E ex, String destination,
			@Nullable String envelope) {
		AuthorizationReasonCode code = ex.decision().reasonCode();
		if (logger.isWarnEnabled()) {
			logger.warn("Refused the auth context snapshot of a message from '" + destination + "': reasonCode=" + code
					+ ", keyId=" + keyId(envelope));
		}
		return ex;
	}

	/**
	 * Reads the key id of a refused envelope for the log only (the failure path, after
	 * the length and alphabet checks passed), and only when it is a plain identifier, so
	 * a crafted key id cannot forge log lines.
	 */
	static String keyId(@Nullable String envelope) {
		if (envelope == null) {
			return "unknown";
		}
		try {
			String json = new String(Base64.getUrlDecoder().decode(envelope), StandardCharsets.UTF_8);
			String marker = "\"key_id\":\"";
			int start = json.lastIndexOf(marker);
			if (start < 0) {
				return "unknown";
			}
			start += marker.length();
			int end = json.indexOf('"', start);
			if (end < 0 || end - start > 64 || end == start) {
				return "unknown";
			}
			String keyId = json.substring(start, end);
			for (int i = 0; i < keyId.length(); i++) {
				char c = keyId.charAt(i);
				if (!(Character.isLetterOrDigit(c) && c < 128) && "-_.:".indexOf(c) < 0) {
					return "unknown";
				}
			}
			return keyId;
		}
		catch (IllegalArgumentException ex) {
			return "unknown";
		}
	}

	/**
	 * The last envelope a thread signed; the context is held weakly so a pooled thread
	 * does not keep a finished request's identity reachable.
	 */
	private record SignedEnvelope(WeakReference<AuthContext> context, @Nullable String audience, String envelope,
			long signedAt) {
	}

	private static boolean[] base64UrlAlphabet() {
		boolean[] alphabet = new boolean[128];
		for (char c = 'A'; c <= 'Z'; c++) {
			alphabet[c] = true;
			alphabet[Character.toLowerCase(c)] = true;
		}
		for (char c = '0'; c <= '9'; c++) {
			alphabet[c] = true;
		}
		alphabet['-'] = true;
		alphabet['_'] = true;
		return alphabet;
	}

	/**
	 * How {@link #verifyHeader} verifies: directly, or observed.
	 */
	@FunctionalInterface
	private interface HeaderVerification {

		@Nullable AuthContext verify(@Nullable Object value, String destination, @Nullable String audience, boolean required);

	}

	/**
	 * Verifies inside a {@code gatehouse.authentication} observation whenever there is
	 * something to authenticate.
	 */
	private final class ObservedVerification implements HeaderVerification {

		private final ObservationRegistry registry;

		private final @Nullable AuthenticationObservationConvention convention;

		ObservedVerification(ObservationRegistry registry, @Nullable AuthenticationObservationConvention convention) {
			this.registry = registry;
			this.convention = convention;
		}

		@Override
		public @Nullable AuthContext verify(@Nullable Object value, String destination, @Nullable String audience,
				boolean required) {
			if (value == null && !required) {
				// Nothing to authenticate: nothing to observe.
				return SnapshotPropagator.this.verify(null, destination, audience, false);
			}
			String boundary = (audience != null) ? audience : destination;
			return AuthenticationObservations.observe(this.registry, this.convention, AuthBoundaryKind.MESSAGE,
					boundary, () -> SnapshotPropagator.this.verify(value, destination, audience, required));
		}

	}

}
