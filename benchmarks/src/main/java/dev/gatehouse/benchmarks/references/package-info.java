/**
 * Benchmarks of issue 11: a dynamic {@code {placeholder}} reference against the static
 * one and Spring Security's {@code hasPermission}, a 50-rule policy evaluation, and a
 * decision-cache hit against the uncached role check.
 */
@NullMarked
package dev.gatehouse.benchmarks.references;

import org.jspecify.annotations.NullMarked;
