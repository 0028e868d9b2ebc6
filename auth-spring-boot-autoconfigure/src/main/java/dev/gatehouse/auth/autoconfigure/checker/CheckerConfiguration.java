package dev.gatehouse.auth.autoconfigure.checker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import dev.gatehouse.auth.autoconfigure.core.GatehouseProperties;
import dev.gatehouse.auth.enforcement.DeclarativePolicyEvaluator;
import dev.gatehouse.auth.enforcement.PermissionGrants;
import dev.gatehouse.auth.enforcement.PolicyRule;
import dev.gatehouse.auth.enforcement.RolePermissionChecker;
import dev.gatehouse.auth.spi.PermissionChecker;
import dev.gatehouse.auth.spi.PolicyEvaluator;
import dev.gatehouse.auth.startup.ConfigurationProblems;
import dev.gatehouse.auth.startup.InvalidGatehouseConfigurationException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The default permission checker and declarative policy evaluator, built from the root
 * {@code gatehouse.permissions.*} and {@code gatehouse.policies.*} properties.
 */
@Configuration(proxyBeanMethods = false)
class CheckerConfiguration {

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
	static void record(ObjectProvider<ConfigurationProblems> problems, InvalidGatehouseConfigurationException problem) {
		problems.getIfAvailable(() -> {
			throw problem;
		}).add(problem);
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
