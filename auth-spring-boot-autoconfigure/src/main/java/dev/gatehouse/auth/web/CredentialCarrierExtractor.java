package dev.gatehouse.auth.web;

import java.util.Base64;
import java.util.Enumeration;
import java.util.Objects;
import java.util.function.Predicate;

import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.context.CredentialCarrierLocation;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.snapshot.InvalidAuthContextSnapshotException;
import dev.gatehouse.auth.snapshot.MissingAuthContextSnapshotException;
import dev.gatehouse.auth.spi.CredentialCarrierException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Reads the credential of an HTTP request, strictly:
 * {@code Authorization: Bearer <token>} (one token68 value after exactly one space),
 * {@code Authorization: Basic <base64 of user:password>}, or the configured API-key
 * header. Scheme names are case-insensitive. When configured with a snapshot header, also
 * a signed context snapshot sent by another service, which takes precedence over every
 * other credential on the request.
 *
 * <p>
 * Anything else that looks like a credential is refused with a
 * {@link CredentialCarrierException} rather than ignored: an unknown scheme, a scheme
 * without credentials, more than one token, non-ASCII or control characters, a header
 * repeated, a value longer than {@value #MAX_HEADER_LENGTH} characters, or both an
 * {@code Authorization} and an API-key header on one request. Exception messages describe
 * the shape of the problem and never contain the submitted value. Each is an
 * INVALID_CREDENTIAL challenge; the client is told "The credential is malformed.", or,
 * for a repeated header or two credentials, "More than one credential was sent; send
 * exactly one." Thread-safe.
 */
public final class CredentialCarrierExtractor {

	/** Longest credential header value accepted, in characters. */
	public static final int MAX_HEADER_LENGTH = 8192;

	private static final Log logger = LogFactory.getLog(CredentialCarrierExtractor.class);

	private static final String BEARER = "Bearer";

	private static final String BASIC = "Basic";

	// Still INVALID_CREDENTIAL (SPEC: two credentials are an INVALID_CREDENTIAL
	// challenge), but the client is told what is wrong: nothing is malformed.
	private static final AuthorizationDecision MORE_THAN_ONE_CREDENTIAL = AuthorizationDecision
		.challenge(AuthorizationReasonCode.INVALID_CREDENTIAL, "More than one credential was sent; send exactly one.");

	private final String apiKeyHeader;

	private final @Nullable String snapshotHeader;

	/**
	 * Creates an extractor that reads no snapshot header.
	 * @param apiKeyHeader the name of the request header that carries an API key
	 */
	public CredentialCarrierExtractor(String apiKeyHeader) {
		this(apiKeyHeader, null);
	}

	/**
	 * Creates the extractor.
	 * @param apiKeyHeader the name of the request header that carries an API key
	 * @param snapshotHeader the name of the request header that carries a signed context
	 * snapshot from another service, or {@code null} to read none
	 */
	public CredentialCarrierExtractor(String apiKeyHeader, @Nullable String snapshotHeader) {
		this.apiKeyHeader = headerName(apiKeyHeader, "apiKeyHeader");
		this.snapshotHeader = (snapshotHeader != null) ? headerName(snapshotHeader, "snapshotHeader") : null;
	}

	private static String headerName(String name, String argument) {
		Objects.requireNonNull(name, argument + " must not be null");
		if (name.isBlank()) {
			throw new IllegalArgumentException(argument + " must not be blank");
		}
		return name.strip();
	}

	/**
	 * Returns the name of the header that carries an API key.
	 * @return the header name
	 */
	public String apiKeyHeader() {
		return this.apiKeyHeader;
	}

	/**
	 * Extracts the request's credential, whatever its kind.
	 * @param request the request
	 * @return the credential, or {@code null} when the request carries none
	 * @throws CredentialCarrierException when a credential header is malformed
	 */
	public @Nullable CredentialCarrier extract(HttpServletRequest request) {
		return extract(request, (kind) -> true);
	}

	/**
	 * Returns the name of the header that carries a signed context snapshot, if one is
	 * read.
	 * @return the header name, or {@code null}
	 */
	public @Nullable String snapshotHeader() {
		return this.snapshotHeader;
	}

	/**
	 * Extracts the request's credential, considering only the kinds that will be
	 * verified. A header of a kind nobody verifies is ignored, so that, for example, an
	 * API-key-only application is not disturbed by an {@code Authorization} header meant
	 * for another component.
	 *
	 * <p>
	 * A snapshot header, when read and present, wins: the request is authenticated by the
	 * snapshot alone and its other credential headers are not read. Its value is not
	 * checked here beyond being sent once and not blank: the snapshot verifier owns the
	 * envelope's rules (length first), so that its failures carry their own reason codes.
	 * @param request the request
	 * @param accepted the kinds to extract
	 * @return the credential, or {@code null} when the request carries none of an
	 * accepted kind
	 * @throws CredentialCarrierException when a credential header of an accepted kind is
	 * malformed, or the request carries two credentials
	 * @throws InvalidAuthContextSnapshotException when the snapshot header is repeated
	 * @throws MissingAuthContextSnapshotException when the snapshot header is blank
	 */
	public @Nullable CredentialCarrier extract(HttpServletRequest request, Predicate<CredentialCarrierKind> accepted) {
		if (this.snapshotHeader != null) {
			if (accepted.test(CredentialCarrierKind.AUTH_CONTEXT_SNAPSHOT)) {
				CredentialCarrier snapshot = fromSnapshotHeader(request, this.snapshotHeader);
				if (snapshot != null) {
					return snapshot;
				}
			}
			else if (logger.isDebugEnabled() && request.getHeader(this.snapshotHeader) != null) {
				logIgnored(request, CredentialCarrierKind.AUTH_CONTEXT_SNAPSHOT, this.snapshotHeader);
			}
		}
		CredentialCarrier authorization = null;
		if (accepted.test(CredentialCarrierKind.BEARER_TOKEN) || accepted.test(CredentialCarrierKind.BASIC)) {
			authorization = fromAuthorization(request, accepted);
		}
		else if (logger.isDebugEnabled()) {
			String value = request.getHeader(HttpHeaders.AUTHORIZATION);
			if (value != null) {
				// Only the scheme is looked at, to name the kind; the rest of the header
				// is the credential.
				boolean basic = value.regionMatches(true, 0, BASIC, 0, BASIC.length());
				logIgnored(request, basic ? CredentialCarrierKind.BASIC : CredentialCarrierKind.BEARER_TOKEN,
						HttpHeaders.AUTHORIZATION);
			}
		}
		CredentialCarrier apiKey = null;
		if (accepted.test(CredentialCarrierKind.API_KEY)) {
			apiKey = fromApiKeyHeader(request);
		}
		else if (logger.isDebugEnabled() && request.getHeader(this.apiKeyHeader) != null) {
			logIgnored(request, CredentialCarrierKind.API_KEY, this.apiKeyHeader);
		}
		if (authorization != null && apiKey != null) {
			throw new CredentialCarrierException("The request carries both an Authorization header and an "
					+ this.apiKeyHeader + " header: send exactly one credential.", MORE_THAN_ONE_CREDENTIAL, null);
		}
		return (authorization != null) ? authorization : apiKey;
	}

	private @Nullable CredentialCarrier fromAuthorization(HttpServletRequest request,
			Predicate<CredentialCarrierKind> accepted) {
		String value = singleHeader(request, HttpHeaders.AUTHORIZATION);
		if (value == null) {
			return null;
		}
		requireAscii(value, HttpHeaders.AUTHORIZATION, true);
		int space = value.indexOf(' ');
		String scheme = (space < 0) ? value : value.substring(0, space);
		String credentials = (space < 0) ? "" : value.substring(space + 1);
		CredentialCarrierKind kind;
		String canonicalScheme;
		if (BEARER.equalsIgnoreCase(scheme)) {
			kind = CredentialCarrierKind.BEARER_TOKEN;
			canonicalScheme = BEARER;
		}
		else if (BASIC.equalsIgnoreCase(scheme)) {
			kind = CredentialCarrierKind.BASIC;
			canonicalScheme = BASIC;
		}
		else {
			throw new CredentialCarrierException(
					"The Authorization header uses an unsupported scheme: expected Bearer or Basic.");
		}
		if (!accepted.test(kind)) {
			if (logger.isDebugEnabled()) {
				logIgnored(request, kind, HttpHeaders.AUTHORIZATION);
			}
			return null;
		}
		if (!isToken68(credentials)) {
			throw new CredentialCarrierException("The Authorization header's " + canonicalScheme
					+ " credentials must be exactly one token (token68 characters) after a single space.");
		}
		if (kind == CredentialCarrierKind.BASIC) {
			requireBasicCredentials(credentials);
		}
		return new CredentialCarrier(kind, CredentialCarrierLocation.AUTHORIZATION_HEADER, credentials,
				HttpHeaders.AUTHORIZATION, canonicalScheme);
	}

	private static void logIgnored(HttpServletRequest request, CredentialCarrierKind kind, String header) {
		// Names the header and the kind only: the value is a credential.
		logger.debug("Ignored the " + kind + " credential in the " + header + " header of " + request.getMethod() + " "
				+ request.getRequestURI() + ": no authenticator is configured to verify " + kind
				+ " credentials, so the request runs without a context");
	}

	private static @Nullable CredentialCarrier fromSnapshotHeader(HttpServletRequest request, String name) {
		Enumeration<String> values = request.getHeaders(name);
		if (values == null || !values.hasMoreElements()) {
			return null;
		}
		String value = values.nextElement();
		if (values.hasMoreElements()) {
			throw new InvalidAuthContextSnapshotException("The " + name + " header is repeated: send it once.");
		}
		if (value == null || value.isBlank()) {
			throw new MissingAuthContextSnapshotException();
		}
		return new CredentialCarrier(CredentialCarrierKind.AUTH_CONTEXT_SNAPSHOT, CredentialCarrierLocation.HEADER,
				value, name, null);
	}

	private @Nullable CredentialCarrier fromApiKeyHeader(HttpServletRequest request) {
		String value = singleHeader(request, this.apiKeyHeader);
		if (value == null) {
			return null;
		}
		requireAscii(value, this.apiKeyHeader, false);
		if (value.isEmpty()) {
			throw new CredentialCarrierException("The " + this.apiKeyHeader + " header is empty.");
		}
		return new CredentialCarrier(CredentialCarrierKind.API_KEY, CredentialCarrierLocation.HEADER, value,
				this.apiKeyHeader, null);
	}

	private static @Nullable String singleHeader(HttpServletRequest request, String name) {
		Enumeration<String> values = request.getHeaders(name);
		if (values == null || !values.hasMoreElements()) {
			return null;
		}
		String value = values.nextElement();
		if (values.hasMoreElements()) {
			throw new CredentialCarrierException("The " + name + " header is repeated: send it once.",
					MORE_THAN_ONE_CREDENTIAL, null);
		}
		return (value != null) ? value : "";
	}

	private static void requireAscii(String value, String name, boolean allowSpace) {
		if (value.length() > MAX_HEADER_LENGTH) {
			throw new CredentialCarrierException(
					"The " + name + " header is longer than " + MAX_HEADER_LENGTH + " characters.");
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c > 0x7E || c < 0x20 || (c == ' ' && !allowSpace)) {
				throw new CredentialCarrierException("The " + name + " header contains characters other than "
						+ (allowSpace ? "printable ASCII." : "printable ASCII without spaces."));
			}
		}
	}

	// RFC 9110 token68: 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
	private static boolean isToken68(String value) {
		int length = value.length();
		int end = length;
		while (end > 0 && value.charAt(end - 1) == '=') {
			end--;
		}
		if (end == 0) {
			return false;
		}
		for (int i = 0; i < end; i++) {
			char c = value.charAt(i);
			boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
			if (!allowed) {
				return false;
			}
		}
		return true;
	}

	private static void requireBasicCredentials(String credentials) {
		byte[] decoded;
		try {
			decoded = Base64.getDecoder().decode(credentials);
		}
		catch (IllegalArgumentException ex) {
			throw new CredentialCarrierException("The Authorization header's Basic credentials are not base64.");
		}
		for (byte b : decoded) {
			if (b == ':') {
				return;
			}
		}
		throw new CredentialCarrierException(
				"The Authorization header's Basic credentials are not of the form user-id:password.");
	}

}
