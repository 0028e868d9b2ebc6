package dev.gatehouse.auth.springsecurity;

import dev.gatehouse.auth.context.AuthContext;

import org.springframework.security.core.Authentication;

/**
 * Turns an {@link Authentication} that Spring Security accepted into the caller's
 * {@link AuthContext}. Gatehouse registers a {@link DefaultSecurityAuthenticationMapper};
 * define one bean of this type to map differently. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface SecurityAuthenticationMapper {

	/**
	 * Maps an authenticated, non-anonymous authentication.
	 * @param authentication what Spring Security authenticated
	 * @return the caller's context; never {@code null}
	 * @throws dev.gatehouse.auth.spi.AuthenticationFailedException when the
	 * authentication cannot describe a caller (no name, say, or a malformed roles claim):
	 * the request then runs with no context and protected handlers answer 401
	 */
	AuthContext map(Authentication authentication);

}
