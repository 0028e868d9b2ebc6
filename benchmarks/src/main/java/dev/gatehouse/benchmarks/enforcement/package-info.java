/**
 * Enforcement benchmarks: one service method called through the real Spring AOP proxy of
 * a bare no-op advisor, of Gatehouse, and of Spring Security method security.
 *
 * <p>
 * Each stack is a {@code Scope.Benchmark} state that starts its Spring context once per
 * trial; the caller's identity is a {@code Scope.Thread} state, because JMH runs a thread
 * state's setup on the measuring thread and both Gatehouse and Spring Security keep the
 * identity in a thread-local. Fields of the states are assigned in their {@code @Setup}
 * methods, before JMH calls any benchmark.
 */
@NullMarked
package dev.gatehouse.benchmarks.enforcement;

import org.jspecify.annotations.NullMarked;
