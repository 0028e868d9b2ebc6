/**
 * AOP enforcement: the advisor that proxies beans with auth metadata, the interceptor
 * that fails closed, the {@link dev.gatehouse.auth.enforcement.MethodCallEnforcer} it
 * calls (the evaluator that asks the ports, which observation decorates), the decision
 * listener port that audit implements, and the default context-based checkers.
 */
@NullMarked
package dev.gatehouse.auth.enforcement;

import org.jspecify.annotations.NullMarked;
