/**
 * The signed {@link dev.gatehouse.auth.context.AuthContext} snapshot format: canonical
 * JSON, keys, signing and verification, and the snapshot exceptions. The value types the
 * ports return ({@link dev.gatehouse.auth.spi.AuthContextSnapshot},
 * {@link dev.gatehouse.auth.spi.SnapshotSignature}) live beside those ports in
 * {@code dev.gatehouse.auth.spi}, so the ports depend on the model only; carrying
 * snapshots between services is {@code dev.gatehouse.auth.propagation}'s job.
 */
@NullMarked
package dev.gatehouse.auth.snapshot;

import org.jspecify.annotations.NullMarked;
