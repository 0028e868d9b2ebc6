/**
 * Benchmarks of the message boundaries: the per-record cost of Gatehouse's Kafka producer
 * and consumer interceptors against interceptors that do nothing, and the HS256
 * verification the consumer side is built on.
 */
@NullMarked
package dev.gatehouse.benchmarks.messaging;

import org.jspecify.annotations.NullMarked;
