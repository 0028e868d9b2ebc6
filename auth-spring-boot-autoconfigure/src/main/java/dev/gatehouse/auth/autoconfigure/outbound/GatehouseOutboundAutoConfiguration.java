package dev.gatehouse.auth.autoconfigure.outbound;

import dev.gatehouse.auth.autoconfigure.core.ConditionalOnGatehouseEnabled;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.snapshot.GatehouseSnapshotAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.snapshot.GatehouseSnapshotProperties;
import dev.gatehouse.auth.outbound.OutboundCredentials;
import dev.gatehouse.auth.outbound.RedirectPolicy;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Import;
import org.springframework.web.client.RestClient;

/**
 * Outbound credentials: an {@link OutboundCredentials} bean with one registration per
 * {@code gatehouse.outbound.registrations.<name>}, each token type but {@code static}
 * cached and fetched once per key. OAuth 2.0 types need spring-security-oauth2-client (an
 * optional dependency). Unusable configuration fails startup: each problem names its
 * property (never its value) in startup validation's one failure report. Each
 * registration is bound to its {@code allowed-hosts} (or to the base URL of the HTTP
 * service client group of the same name). HTTP service client groups named like a
 * registration get its interceptor. Every request factory Boot's
 * {@code ClientHttpRequestFactoryBuilder} builds (for its {@code RestClient.Builder},
 * {@code RestTemplateBuilder} and HTTP service clients) follows redirects through a
 * {@link RedirectPolicy}, which drops credential headers on a redirect to another host.
 */
@AutoConfiguration(after = { GatehouseAutoConfiguration.class, GatehouseSnapshotAutoConfiguration.class })
@ConditionalOnGatehouseEnabled
@ConditionalOnClass(name = "org.springframework.http.client.ClientHttpRequestInterceptor")
@EnableConfigurationProperties({ GatehouseSnapshotProperties.class, GatehouseOutboundProperties.class })
@Import(OutboundConfiguration.class)
public final class GatehouseOutboundAutoConfiguration {

}
