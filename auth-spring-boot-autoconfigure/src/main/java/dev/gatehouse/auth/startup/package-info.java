/**
 * Startup validation: every capability the application's annotations require must be
 * provided by exactly one bean, and every auth annotation must be enforceable, or the
 * application does not start; Spring Boot's failure report then says what to add or
 * remove.
 */
@NullMarked
package dev.gatehouse.auth.startup;

import org.jspecify.annotations.NullMarked;
