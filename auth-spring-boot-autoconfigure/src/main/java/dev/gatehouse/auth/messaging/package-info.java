/**
 * Message boundaries: the signed snapshot of the bound
 * {@link dev.gatehouse.auth.context.AuthContext} travels as a message header through
 * Kafka, spring-messaging channels or any other carrier, and is verified and bound around
 * the consumer.
 */
@NullMarked
package dev.gatehouse.auth.messaging;

import org.jspecify.annotations.NullMarked;
