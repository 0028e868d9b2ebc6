package dev.gatehouse.auth.outbound;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A credential to send to another service: its value, when it stops being valid, and the
 * header and scheme it travels in. The value never appears in {@link #toString()}.
 *
 * @param value the token or key; never blank
 * @param expiresAt when the token stops being valid, or {@code null} when it never
 * expires
 * @param scheme the authentication scheme written before the value ({@code Bearer}), or
 * an empty string for a bare header value such as an API key
 * @param headerName the header the value is written to ({@code Authorization})
 */
public record OutboundToken(String value, @Nullable Instant expiresAt, String scheme, String headerName) {

	/** The scheme of OAuth 2.0 access tokens. */
	public static final String BEARER = "Bearer";

	/** The header that carries credentials by default. */
	public static final String AUTHORIZATION = "Authorization";

	public OutboundToken {
		Objects.requireNonNull(value, "value must not be null");
		Objects.requireNonNull(scheme, "scheme must not be null");
		Objects.requireNonNull(headerName, "headerName must not be null");
		if (value.isBlank()) {
			throw new IllegalArgumentException("value must not be blank");
		}
		if (headerName.isBlank()) {
			throw new IllegalArgumentException("headerName must not be blank");
		}
	}

	/**
	 * Creates a bearer token for the {@code Authorization} header.
	 * @param value the access token
	 * @param expiresAt when it expires, or {@code null} when it never does
	 * @return the token
	 */
	public static OutboundToken bearer(String value, @Nullable Instant expiresAt) {
		return new OutboundToken(value, expiresAt, BEARER, AUTHORIZATION);
	}

	@Override
	public String toString() {
		return "OutboundToken[value=[REDACTED], expiresAt=" + this.expiresAt + ", scheme=" + this.scheme
				+ ", headerName=" + this.headerName + "]";
	}

}
