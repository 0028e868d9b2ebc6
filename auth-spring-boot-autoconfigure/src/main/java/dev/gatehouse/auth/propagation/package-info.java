/**
 * Snapshot propagation: the signed snapshot of the bound
 * {@link dev.gatehouse.auth.context.AuthContext} leaves through the HTTP client
 * interceptor, Kafka records, spring-messaging channels or {@link SnapshotPropagator} for
 * any other carrier, and is verified and bound around the consumer on the way in. The
 * format, keys and cryptography live in {@code dev.gatehouse.auth.snapshot}.
 */
@NullMarked
package dev.gatehouse.auth.propagation;

import org.jspecify.annotations.NullMarked;
