package dev.gatehouse.auth.test;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.web.RequestContextOverride;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * The {@link RequestContextOverride} that Gatehouse's servlet filter finds (through
 * {@code META-INF/services}) while this artifact is on the class path: it honours the
 * request attribute set by {@link GatehouseRequestPostProcessors} and nothing else.
 */
public final class PostProcessorRequestContextOverride implements RequestContextOverride {

	/**
	 * Returns whether a post-processor of this artifact decided the request's context.
	 * @param request the request
	 * @return whether the request carries the post-processor's attribute
	 */
	@Override
	public boolean overrides(HttpServletRequest request) {
		return request.getAttribute(GatehouseRequestPostProcessors.CONTEXT_ATTRIBUTE) instanceof TestRequestContext;
	}

	/**
	 * Returns the context the post-processor gave.
	 * @param request the request
	 * @return the context, or {@code null} for an anonymous request
	 */
	@Override
	public @Nullable AuthContext context(HttpServletRequest request) {
		return (request
			.getAttribute(GatehouseRequestPostProcessors.CONTEXT_ATTRIBUTE) instanceof TestRequestContext value)
					? value.context() : null;
	}

}
