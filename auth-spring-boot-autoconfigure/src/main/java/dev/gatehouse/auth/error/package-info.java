/**
 * Gatehouse's unchecked exceptions; each carries the
 * {@link dev.gatehouse.auth.decision.AuthorizationDecision} that transport adapters map
 * to a response. Messages are safe: they never contain secret material.
 */
@NullMarked
package dev.gatehouse.auth.error;

import org.jspecify.annotations.NullMarked;
