/**
 * The servlet boundary: the filter that turns a request's credential into the request's
 * {@link dev.gatehouse.auth.context.AuthContext}, credential extraction, and the mapping
 * of refusals to RFC 9457 problem responses.
 */
@NullMarked
package dev.gatehouse.auth.web;

import org.jspecify.annotations.NullMarked;
