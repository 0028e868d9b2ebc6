/**
 * Startup validation: every capability the application's annotations require must be provided by exactly one
 * bean, or the application does not start.
 */
@NullMarked
package dev.gatehouse.auth.startup;

import org.jspecify.annotations.NullMarked;
