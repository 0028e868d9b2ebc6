/**
 * Benchmarks of issue 21: a PDP-backed requirement decided by a real Cerbos over loopback
 * through Gatehouse's AuthZEN adapter, against the same request sent directly with the
 * same HTTP client; three requirements in one batch against one; and a cached PDP
 * decision against a no-op relation checker.
 */
@NullMarked
package dev.gatehouse.benchmarks.authzen;

import org.jspecify.annotations.NullMarked;
