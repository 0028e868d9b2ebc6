/**
 * AOP enforcement: the advisor that proxies beans with auth metadata, the interceptor
 * that fails closed, the evaluator that asks the ports, and the default context-based
 * checkers.
 */
@NullMarked
package dev.gatehouse.auth.enforcement;

import org.jspecify.annotations.NullMarked;
