package dev.gatehouse.auth.web;

import dev.gatehouse.auth.context.AuthContext;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Test-support hook that lets {@link AuthContextFilter} bind a given context for a
 * request instead of authenticating it, as {@code auth-spring-boot-test}'s MockMvc
 * request post-processors do.
 *
 * <p>
 * The filter looks implementations up once, with {@link java.util.ServiceLoader}, when it
 * is created; the only one Gatehouse ships lives in {@code auth-spring-boot-test}, which
 * belongs on the test classpath alone. Without an implementation the filter never asks,
 * so nothing a client sends (a header, a parameter) can take this path. An implementation
 * must only honour state that a client cannot set, such as a request attribute holding a
 * value of a type of its own.
 */
public interface RequestContextOverride {

	/**
	 * Overrides no request: what the filter uses when no implementation is on the class
	 * path, as in production.
	 */
	RequestContextOverride NONE = new RequestContextOverride() {

		@Override
		public boolean overrides(HttpServletRequest request) {
			return false;
		}

		@Override
		public @Nullable AuthContext context(HttpServletRequest request) {
			return null;
		}

	};

	/**
	 * Returns whether this request's context is given by the test rather than
	 * authenticated.
	 * @param request the request
	 * @return {@code true} to bind {@link #context(HttpServletRequest)} without
	 * authenticating
	 */
	boolean overrides(HttpServletRequest request);

	/**
	 * Returns the context to bind for a request this hook {@linkplain #overrides
	 * overrides}.
	 * @param request the request
	 * @return the context, or {@code null} to run the request without one
	 */
	@Nullable AuthContext context(HttpServletRequest request);

}
