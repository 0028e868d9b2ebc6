package dev.gatehouse.auth.autoconfigure.checker;

import dev.gatehouse.auth.cache.AuthDecisionCache;
import dev.gatehouse.auth.cache.CaffeineAuthDecisionCache;
import dev.gatehouse.auth.cache.DecisionKey;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.startup.ConfigurationProblems;
import dev.gatehouse.auth.startup.InvalidGatehouseConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The opt-in decision cache ({@code gatehouse.cache.enabled}), with Caffeine on the
 * classpath.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "com.github.benmanes.caffeine.cache.Caffeine")
@ConditionalOnBooleanProperty("gatehouse.cache.enabled")
class DecisionCacheConfiguration {

	@Bean
	@ConditionalOnMissingBean(AuthDecisionCache.class)
	AuthDecisionCache authDecisionCache(GatehouseCacheProperties cache,
			ObjectProvider<ConfigurationProblems> problems) {
		try {
			return new CaffeineAuthDecisionCache(cache.getTtl(), cache.getMaximumSize());
		}
		catch (IllegalArgumentException ex) {
			CheckerConfiguration.record(problems,
					new InvalidGatehouseConfigurationException("gatehouse.cache", ex.getMessage() + ".",
							"Set gatehouse.cache.ttl and gatehouse.cache.maximum-size to positive values."));
			// Nothing is cached until startup fails with the report.
			return NoDecisionCache.INSTANCE;
		}
	}

	/**
	 * Stands in for a decision cache whose settings are unusable: it keeps nothing, so
	 * every check asks its checker until startup fails with the report.
	 */
	static final class NoDecisionCache implements AuthDecisionCache {

		static final NoDecisionCache INSTANCE = new NoDecisionCache();

		@Override
		public @Nullable AuthorizationDecision get(DecisionKey key) {
			return null;
		}

		@Override
		public void put(DecisionKey key, AuthorizationDecision decision) {
		}

		@Override
		public void evict(String subjectId) {
		}

		@Override
		public void evictAll() {
		}

	}

}
