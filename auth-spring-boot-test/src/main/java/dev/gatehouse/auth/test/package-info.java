/**
 * Test support for Gatehouse applications:
 * {@link dev.gatehouse.auth.test.WithAuthContext} for service tests,
 * {@link dev.gatehouse.auth.test.GatehouseRequestPostProcessors} for MockMvc,
 * {@link dev.gatehouse.auth.test.AuthContexts} builders and
 * {@link dev.gatehouse.auth.test.AuthDecisionAssert}.
 */
@NullMarked
package dev.gatehouse.auth.test;

import org.jspecify.annotations.NullMarked;
