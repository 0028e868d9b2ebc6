/**
 * The cached-token path of outbound credential interceptors on a {@code RestClient}
 * request without network: Gatehouse's against a no-op interceptor and against Spring
 * Security's {@code OAuth2ClientHttpRequestInterceptor}.
 */
@NullMarked
package dev.gatehouse.benchmarks.outbound;

import org.jspecify.annotations.NullMarked;
