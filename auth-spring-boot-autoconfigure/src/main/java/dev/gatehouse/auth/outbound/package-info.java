/**
 * Outbound credentials: the tokens this service sends when it calls other services,
 * either as itself (machine to machine) or on behalf of its caller, cached and fetched
 * once per key, with client interceptors that write them.
 */
@NullMarked
package dev.gatehouse.auth.outbound;

import org.jspecify.annotations.NullMarked;
