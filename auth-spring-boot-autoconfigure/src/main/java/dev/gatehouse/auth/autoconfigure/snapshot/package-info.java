/**
 * Auto-configuration of signed AuthContext snapshots (signer, verifier, HTTP propagation)
 * and their {@code gatehouse.snapshot.*} properties.
 */
@NullMarked
package dev.gatehouse.auth.autoconfigure.snapshot;

import org.jspecify.annotations.NullMarked;
