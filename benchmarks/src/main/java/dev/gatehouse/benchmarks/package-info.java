/**
 * Benchmarks of Gatehouse against what a Spring team would use instead, measured in the
 * same JVM and run.
 *
 * <p>
 * One sub-package per concern, so later features add their benchmarks beside the existing
 * ones: {@code enforcement} (the AOP check on every protected call), {@code startup}
 * (capability validation), {@code http} (the servlet boundary: an application driven by
 * an external load generator, not a JMH benchmark), and later {@code snapshot} (signing
 * and verification). Each JMH benchmark class declares the settings used for published
 * numbers; command-line options override them for a quick look (see
 * {@code docs/benchmarks.md}).
 */
@NullMarked
package dev.gatehouse.benchmarks;

import org.jspecify.annotations.NullMarked;
