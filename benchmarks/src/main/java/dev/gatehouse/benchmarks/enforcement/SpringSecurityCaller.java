package dev.gatehouse.benchmarks.enforcement;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The Spring Security caller, bound to the measuring thread for the whole trial: an
 * authenticated {@link UsernamePasswordAuthenticationToken} with authorities ROLE_USER
 * and ROLE_ADMIN (the same two roles the Gatehouse caller has).
 *
 * <p>
 * A thread state, because JMH runs its setup and teardown on the thread that runs the
 * benchmark, which is where the default {@link SecurityContextHolder} strategy keeps the
 * context.
 */
@State(Scope.Thread)
public class SpringSecurityCaller {

	/** Binds the caller's security context to this thread. */
	@Setup(Level.Trial)
	public void bind() {
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("benchmark-user", null,
				AuthorityUtils.createAuthorityList("ROLE_USER", "ROLE_ADMIN")));
		SecurityContextHolder.setContext(context);
	}

	/** Clears this thread's security context. */
	@TearDown(Level.Trial)
	public void unbind() {
		SecurityContextHolder.clearContext();
	}

}
