package dev.gatehouse.auth.outbound;

/**
 * The port that produces outbound tokens; Gatehouse caches what it returns (see
 * {@link CachingOutboundTokenProvider}), so an implementation may ask its identity
 * provider on every call.
 */
@FunctionalInterface
public interface OutboundTokenProvider {

	/**
	 * Returns a token for the request, or fails.
	 * @param request the registration, the caller to act for and whether to bypass caches
	 * @return the token; never {@code null}
	 * @throws OutboundCredentialUnavailableException (or any runtime exception, which
	 * Gatehouse converts) when no token can be had right now
	 */
	OutboundToken token(OutboundTokenRequest request);

}
