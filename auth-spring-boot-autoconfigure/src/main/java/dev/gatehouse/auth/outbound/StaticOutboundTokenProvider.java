package dev.gatehouse.auth.outbound;

import java.util.Objects;

/**
 * Always returns the one configured token (an API key or a long-lived token); nothing to
 * fetch, so nothing to cache.
 */
public final class StaticOutboundTokenProvider implements OutboundTokenProvider {

	private final OutboundToken token;

	/**
	 * Creates the provider.
	 * @param token the token to return
	 */
	public StaticOutboundTokenProvider(OutboundToken token) {
		this.token = Objects.requireNonNull(token, "token must not be null");
	}

	@Override
	public OutboundToken token(OutboundTokenRequest request) {
		return this.token;
	}

	@Override
	public String toString() {
		return "StaticOutboundTokenProvider[headerName=" + this.token.headerName() + "]";
	}

}
