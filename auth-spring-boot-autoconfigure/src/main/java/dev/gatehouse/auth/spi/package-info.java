/**
 * Provider-neutral ports: one small interface per
 * {@link dev.gatehouse.auth.spi.AuthCapability}. A bean that implements a port provides
 * that capability; startup validation requires exactly one per capability in use.
 * {@link dev.gatehouse.auth.spi.VerifierHealth} is not a capability: verifiers implement
 * it to report their health. The values the ports exchange (requests, the
 * {@link dev.gatehouse.auth.spi.AuthContextSnapshot} a signer returns) and the exceptions
 * an {@link dev.gatehouse.auth.spi.Authenticator} throws live here too, so that this
 * package depends on the model ({@code annotation}, {@code context}, {@code decision})
 * and nothing else. A deciding port's bean may also be a
 * {@link dev.gatehouse.auth.spi.BoundaryDecider}, deciding a boundary's requirements
 * together.
 */
@NullMarked
package dev.gatehouse.auth.spi;

import org.jspecify.annotations.NullMarked;
