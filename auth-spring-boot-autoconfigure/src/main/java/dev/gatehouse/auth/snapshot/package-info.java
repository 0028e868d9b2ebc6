/**
 * Signed {@link dev.gatehouse.auth.context.AuthContext} snapshots that travel between
 * services, async tasks and message brokers instead of raw bearer tokens.
 */
@NullMarked
package dev.gatehouse.auth.snapshot;

import org.jspecify.annotations.NullMarked;
