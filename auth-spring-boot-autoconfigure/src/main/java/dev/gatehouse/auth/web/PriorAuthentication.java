package dev.gatehouse.auth.web;

import dev.gatehouse.auth.context.AuthContext;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * An authentication that a filter before Gatehouse's already performed, such as Spring
 * Security's. The {@link AuthContextFilter} asks it first: a request it gives a context
 * for is not authenticated again and its credentials are not read; for the others the
 * filter reads the request's credentials as usual.
 *
 * <p>
 * Implementations must be thread-safe and cheap: they are asked once per request. Throw
 * an {@link dev.gatehouse.auth.decision.AuthException} (an
 * {@link dev.gatehouse.auth.spi.AuthenticationFailedException}, say) when the prior
 * authentication exists but cannot be turned into a context: the request then runs with
 * no context, and a protected handler answers with that exception's decision.
 */
@FunctionalInterface
public interface PriorAuthentication {

	/** No prior authentication: every request is authenticated from its credentials. */
	PriorAuthentication NONE = (request) -> null;

	/**
	 * Returns the context of the caller that an earlier filter authenticated.
	 * @param request the request being handled
	 * @return the caller's context, or {@code null} when no earlier filter authenticated
	 * this request (an anonymous request, for example)
	 */
	@Nullable AuthContext context(HttpServletRequest request);

}
