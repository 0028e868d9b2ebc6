package dev.gatehouse.benchmarks.filter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * The request of the Spring Security bridge benchmark, on the measuring thread: a
 * {@code GET} carrying an HS256 access token
 * ({@link FilterCredentials#resourceServerJwt}) in its {@code Authorization} header, and
 * the {@link JwtAuthenticationToken} Spring Security's resource server makes of that
 * token, held by the thread's {@code SecurityContextHolder} while the trial runs.
 *
 * <p>
 * The security context is set once per trial, not per call: in an application Spring
 * Security's {@code SecurityContextHolderFilter} sets (deferred) and clears it around
 * every request, and its {@code BearerTokenAuthenticationFilter} puts the authentication
 * in; that is Spring Security's cost, paid with or without Gatehouse, and a per-call
 * {@code Level.Invocation} set-up would add timestamping overhead of the order of what is
 * measured. What Gatehouse pays (asking the holder's strategy for the context and reading
 * its authentication on every request) stays in the measured part.
 */
@State(Scope.Thread)
public class BridgeRequests {

	Exchange jwt;

	JwtAuthenticationToken authentication;

	private final SecurityContextHolderStrategy strategy = SecurityContextHolder.getContextHolderStrategy();

	/**
	 * Creates the request, authenticates its token as the resource server would, and puts
	 * the authentication in this thread's security context.
	 */
	@Setup(Level.Trial)
	public void create() {
		String token = FilterCredentials.resourceServerJwt();
		this.jwt = Exchange.withHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		this.authentication = authenticate(token);
		SecurityContext context = this.strategy.createEmptyContext();
		context.setAuthentication(this.authentication);
		this.strategy.setContext(context);
	}

	/** Clears this thread's security context. */
	@TearDown(Level.Trial)
	public void clear() {
		this.strategy.clearContext();
	}

	/**
	 * What Spring Security's resource server makes of a valid token: the
	 * {@link NimbusJwtDecoder}'s {@link Jwt} (claims converted as it converts them:
	 * {@code iss} a string, {@code iat}/{@code exp} instants), the
	 * {@code JwtAuthenticationConverter}'s default {@code SCOPE_} authorities, and the
	 * {@code FACTOR_BEARER} authority Spring Security 7 adds for a bearer token.
	 */
	private static JwtAuthenticationToken authenticate(String token) {
		Jwt jwt = NimbusJwtDecoder.withSecretKey(FilterCredentials.hs256Key()).build().decode(token);
		Collection<GrantedAuthority> authorities = new ArrayList<>(new JwtGrantedAuthoritiesConverter().convert(jwt));
		authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.BEARER_AUTHORITY));
		return new JwtAuthenticationToken(jwt, List.copyOf(authorities), jwt.getSubject());
	}

}
