/**
 * Benchmarks of signed AuthContext snapshots: signing and verifying HS256 and Ed25519
 * envelopes against a Nimbus compact JWS with the same claims (the peer) and a bare HMAC
 * over the same bytes (the floor), and the strict envelope parser against Jackson 3's
 * streaming parser.
 */
@NullMarked
package dev.gatehouse.benchmarks.snapshot;

import org.jspecify.annotations.NullMarked;
