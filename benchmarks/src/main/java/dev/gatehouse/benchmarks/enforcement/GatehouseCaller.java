package dev.gatehouse.benchmarks.enforcement;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The Gatehouse caller, bound to the measuring thread for the whole trial: roles USER and
 * ADMIN, scopes orders:read and orders:write (the same two roles the Spring Security
 * caller has).
 *
 * <p>
 * A thread state, because JMH runs its setup and teardown on the thread that runs the
 * benchmark, which is where {@link AuthContextHolder} must hold the context; closing the
 * scope on another thread would throw.
 */
@State(Scope.Thread)
public class GatehouseCaller {

	private AuthContextScope scope;

	/** Binds the caller's context to this thread. */
	@Setup(Level.Trial)
	public void bind() {
		AuthContext context = AuthContext.builder("benchmark-user")
			.roles("USER", "ADMIN")
			.scopes("orders:read", "orders:write")
			.build();
		this.scope = AuthContextHolder.open(context);
	}

	/** Restores the thread's previous binding. */
	@TearDown(Level.Trial)
	public void unbind() {
		this.scope.close();
	}

}
