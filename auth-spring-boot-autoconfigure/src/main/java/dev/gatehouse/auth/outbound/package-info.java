/**
 * Outbound credentials: the tokens this service sends when it calls other services,
 * either as itself (machine to machine) or on behalf of its caller, cached and fetched
 * once per key, with client interceptors that write them only to each registration's
 * allowed hosts, and a redirect policy that keeps them from hosts a redirect points to.
 */
@NullMarked
package dev.gatehouse.auth.outbound;

import org.jspecify.annotations.NullMarked;
