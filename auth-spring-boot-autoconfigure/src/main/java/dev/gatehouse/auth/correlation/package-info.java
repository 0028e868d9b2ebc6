/**
 * The correlation id of the bound {@link dev.gatehouse.auth.context.AuthContext} made
 * visible to logs and traces (MDC and, with Micrometer Tracing, baggage) for the span of
 * a request or message.
 */
@NullMarked
package dev.gatehouse.auth.correlation;

import org.jspecify.annotations.NullMarked;
