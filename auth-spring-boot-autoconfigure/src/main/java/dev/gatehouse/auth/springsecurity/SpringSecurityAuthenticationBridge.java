package dev.gatehouse.auth.springsecurity;

import java.util.Objects;
import java.util.function.Supplier;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.web.AuthContextFilter;
import dev.gatehouse.auth.web.PriorAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Gives the {@link AuthContextFilter} the caller that Spring Security's filter chain
 * authenticated: the current {@link Authentication}, unless it is absent, not
 * authenticated or an {@link AnonymousAuthenticationToken}, mapped by the
 * {@link SecurityAuthenticationMapper}. Requests Spring Security left anonymous are then
 * authenticated by Gatehouse's own authenticators (API keys, {@code gatehouse.jwt.*},
 * snapshots) from their credentials. Thread-safe.
 */
public final class SpringSecurityAuthenticationBridge implements PriorAuthentication {

	private final Supplier<SecurityContextHolderStrategy> strategy;

	private final SecurityAuthenticationMapper mapper;

	/**
	 * Creates the bridge.
	 * @param strategy supplies the strategy that holds the request's security context
	 * (asked per request, as Spring Security's own filters do, so a strategy set later
	 * still counts)
	 * @param mapper maps the authentication
	 */
	public SpringSecurityAuthenticationBridge(Supplier<SecurityContextHolderStrategy> strategy,
			SecurityAuthenticationMapper mapper) {
		this.strategy = Objects.requireNonNull(strategy, "strategy must not be null");
		this.mapper = Objects.requireNonNull(mapper, "mapper must not be null");
	}

	@Override
	public @Nullable AuthContext context(HttpServletRequest request) {
		Authentication authentication = this.strategy.get().getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return null;
		}
		AuthContext context = this.mapper.map(authentication);
		if (context == null) {
			throw new IllegalStateException(
					"SecurityAuthenticationMapper " + this.mapper.getClass().getName() + " returned null");
		}
		return context;
	}

}
