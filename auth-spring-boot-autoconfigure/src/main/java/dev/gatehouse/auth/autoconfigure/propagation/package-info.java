/**
 * Auto-configuration of snapshot propagation over message boundaries: the propagator, the
 * channel interceptor and the Kafka wiring.
 */
@NullMarked
package dev.gatehouse.auth.autoconfigure.propagation;

import org.jspecify.annotations.NullMarked;
