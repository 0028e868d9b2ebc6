package dev.gatehouse.auth.test;

import dev.gatehouse.auth.context.AuthContext;
import org.jspecify.annotations.Nullable;

/**
 * The value {@link GatehouseRequestPostProcessors} store on a request; its type is
 * private to this package, so no other code can produce one.
 */
record TestRequestContext(@Nullable AuthContext context) {

	static final TestRequestContext ANONYMOUS = new TestRequestContext(null);

}
