/**
 * The authenticated caller as an immutable value
 * ({@link dev.gatehouse.auth.context.AuthContext}) and the ambient, scoped holder that
 * binds it to the current thread.
 */
@NullMarked
package dev.gatehouse.auth.context;

import org.jspecify.annotations.NullMarked;
