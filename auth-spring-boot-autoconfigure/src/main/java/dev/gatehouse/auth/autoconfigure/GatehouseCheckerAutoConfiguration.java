package dev.gatehouse.auth.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import dev.gatehouse.auth.cache.AuthDecisionCache;
import dev.gatehouse.auth.cache.CaffeineAuthDecisionCache;
import dev.gatehouse.auth.cache.DecisionKey;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.enforcement.DeclarativePolicyEvaluator;
import dev.gatehouse.auth.enforcement.PermissionGrants;
import dev.gatehouse.auth.enforcement.PolicyRule;
import dev.gatehouse.auth.enforcement.RolePermissionChecker;
import dev.gatehouse.auth.spi.PermissionChecker;
import dev.gatehouse.auth.spi.PolicyEvaluator;
import dev.gatehouse.auth.startup.ConfigurationProblems;
import dev.gatehouse.auth.startup.InvalidGatehouseConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

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
@EnableConfigurationProperties(GatehouseProperties.class)
public final class GatehouseCheckerAutoConfiguration {

	// A claim name for the stand-in grants of an unusable mapping; startup fails before
	// any call reaches them.
	private static final String MISCONFIGURED_CLAIM = "gatehouse:misconfigured";

	@Bean
	@ConditionalOnMissingBean
	PermissionGrants gatehousePermissionGrants(GatehouseProperties properties,
			ObjectProvider<ConfigurationProblems> problems) {
		GatehouseProperties.Permissions permissions = properties.getPermissions();
		try {
			return new PermissionGrants(permissions.getRoles(), permissions.getClaim());
		}
		catch (IllegalArgumentException ex) {
			InvalidGatehouseConfigurationException invalid = new InvalidGatehouseConfigurationException(
					"gatehouse.permissions", ex.getMessage() + ".",
					"Map each role to non-blank permissions, with '*' only at the end.");
			record(problems, invalid);
			// No role grants anything until startup fails with the report.
			return new PermissionGrants(Map.of(), MISCONFIGURED_CLAIM);
		}
	}

	@Bean
	@ConditionalOnMissingBean(PermissionChecker.class)
	@ConditionalOnBooleanProperty(name = "gatehouse.permissions.enabled", matchIfMissing = true)
	RolePermissionChecker rolePermissionChecker(PermissionGrants grants) {
		return new RolePermissionChecker(grants);
	}

	@Bean
	@ConditionalOnMissingBean(PolicyEvaluator.class)
	@ConditionalOnBooleanProperty(name = "gatehouse.policies.enabled", matchIfMissing = true)
	@Conditional(OnPolicyRulesConfiguredCondition.class)
	DeclarativePolicyEvaluator declarativePolicyEvaluator(GatehouseProperties properties, PermissionGrants grants,
			ObjectProvider<ConfigurationProblems> problems) {
		List<InvalidGatehouseConfigurationException> invalid = new ArrayList<>();
		List<PolicyRule> rules = policyRules(properties.getPolicies().getRules(), invalid::add);
		if (invalid.isEmpty()) {
			return new DeclarativePolicyEvaluator(rules, grants);
		}
		invalid.forEach((problem) -> record(problems, problem));
		// Without rules every call is denied until startup fails with the report.
		return new DeclarativePolicyEvaluator(List.of(), grants);
	}

	/**
	 * Reports a problem with every other startup problem in one failure report; without
	 * the core configuration (which declares the collector) it fails here.
	 */
	private static void record(ObjectProvider<ConfigurationProblems> problems,
			InvalidGatehouseConfigurationException problem) {
		problems.getIfAvailable(() -> {
			throw problem;
		}).add(problem);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "com.github.benmanes.caffeine.cache.Caffeine")
	@ConditionalOnBooleanProperty("gatehouse.cache.enabled")
	static class DecisionCacheConfiguration {

		@Bean
		@ConditionalOnMissingBean(AuthDecisionCache.class)
		AuthDecisionCache authDecisionCache(GatehouseProperties properties,
				ObjectProvider<ConfigurationProblems> problems) {
			GatehouseProperties.Cache cache = properties.getCache();
			try {
				return new CaffeineAuthDecisionCache(cache.getTtl(), cache.getMaximumSize());
			}
			catch (IllegalArgumentException ex) {
				record(problems, new InvalidGatehouseConfigurationException("gatehouse.cache", ex.getMessage() + ".",
						"Set gatehouse.cache.ttl and gatehouse.cache.maximum-size to positive values."));
				// Nothing is cached until startup fails with the report.
				return NoDecisionCache.INSTANCE;
			}
		}

	}

	/**
	 * Stands in for a decision cache whose settings are unusable: it keeps nothing, so
	 * every check asks its checker until startup fails with the report.
	 */
	private static final class NoDecisionCache implements AuthDecisionCache {

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

	static List<PolicyRule> policyRules(List<GatehouseProperties.Policies.Rule> configured,
			Consumer<InvalidGatehouseConfigurationException> problems) {
		List<PolicyRule> rules = new ArrayList<>(configured.size());
		for (int i = 0; i < configured.size(); i++) {
			GatehouseProperties.Policies.Rule rule = configured.get(i);
			String name = (rule.getName() != null) ? rule.getName() : "rules[" + i + "]";
			try {
				// An unset resource or action is refused by PolicyRule as blank, and
				// reported below naming the rule.
				rules.add(new PolicyRule(name, Objects.requireNonNullElse(rule.getResource(), ""),
						Objects.requireNonNullElse(rule.getAction(), ""), rule.getEffect(), rule.getAnyRole(),
						rule.getAnyScope(), rule.getAnyPermission(), rule.getSubjectClaim()));
			}
			catch (IllegalArgumentException | NullPointerException ex) {
				problems.accept(new InvalidGatehouseConfigurationException("gatehouse.policies.rules[" + i + "]",
						"(rule '" + name + "'): " + ex.getMessage() + ".",
						"Give every rule a resource, an action ('*' for any) and at least one condition, and "
								+ "compare claims only with literals, {tenant}, {resource} or {action}.",
						ex));
			}
		}
		return rules;
	}

}
