/**
 * Provider-neutral ports: one small interface per
 * {@link dev.gatehouse.auth.spi.AuthCapability}. A bean that implements a port provides
 * that capability; startup validation requires exactly one per capability in use.
 * {@link dev.gatehouse.auth.spi.VerifierHealth} is not a capability: verifiers implement
 * it to report their health.
 */
@NullMarked
package dev.gatehouse.auth.spi;

import org.jspecify.annotations.NullMarked;
