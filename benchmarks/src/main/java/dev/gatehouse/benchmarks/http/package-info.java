/**
 * The HTTP benchmark (issue 5, item 4): one Spring MVC application on one embedded
 * Tomcat, bound to loopback, serving the same tiny response unprotected, protected by
 * Gatehouse (API key + {@code @RequireRole}) and protected the usual Spring Security way
 * (a filter chain authenticating an API key + {@code @PreAuthorize}). The load comes from
 * outside the JVM ({@code benchmarks/http/run-http-benchmark.sh} drives it with wrk), so
 * this package holds the application only, not JMH benchmarks.
 */
@NullMarked
package dev.gatehouse.benchmarks.http;

import org.jspecify.annotations.NullMarked;
