/**
 * Benchmarks of Gatehouse's startup work: capability validation over many bean
 * definitions.
 */
@NullMarked
package dev.gatehouse.benchmarks.startup;

import org.jspecify.annotations.NullMarked;
