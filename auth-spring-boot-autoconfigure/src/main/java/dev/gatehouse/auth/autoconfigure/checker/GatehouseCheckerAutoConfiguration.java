package dev.gatehouse.auth.autoconfigure.checker;

import dev.gatehouse.auth.autoconfigure.core.ConditionalOnGatehouseEnabled;
import dev.gatehouse.auth.autoconfigure.core.GatehouseProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Default permission checker ({@code gatehouse.permissions.*}), declarative policy
 * evaluator ({@code gatehouse.policies.*}) and the opt-in decision cache
 * ({@code gatehouse.cache.*}, with Caffeine on the classpath), each backing off when the
 * application defines its own. An invalid role mapping or policy rule joins startup
 * validation's one failure report naming the property to fix (every invalid rule, not
 * only the first); an invalid cache setting fails startup naming the property.
 */
@AutoConfiguration
@ConditionalOnGatehouseEnabled
@EnableConfigurationProperties({ GatehouseProperties.class, GatehouseCacheProperties.class })
@Import({ CheckerConfiguration.class, DecisionCacheConfiguration.class })
public final class GatehouseCheckerAutoConfiguration {

}
