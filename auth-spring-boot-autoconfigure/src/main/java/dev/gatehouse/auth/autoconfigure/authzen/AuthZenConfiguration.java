package dev.gatehouse.auth.autoconfigure.authzen;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.gatehouse.auth.authzen.AuthZenClient;
import dev.gatehouse.auth.authzen.AuthZenDecider;
import dev.gatehouse.auth.authzen.AuthZenPermissionChecker;
import dev.gatehouse.auth.authzen.AuthZenPolicyEvaluator;
import dev.gatehouse.auth.authzen.AuthZenRelationChecker;
import dev.gatehouse.auth.authzen.AuthZenRequestCustomizer;
import dev.gatehouse.auth.authzen.AuthZenRequestMapper;
import dev.gatehouse.auth.authzen.AuthZenResourceCheck;
import dev.gatehouse.auth.authzen.DefaultAuthZenRequestMapper;
import dev.gatehouse.auth.autoconfigure.core.GatehouseProperties;
import dev.gatehouse.auth.cache.AuthDecisionCache;
import dev.gatehouse.auth.spi.AuthCapability;
import dev.gatehouse.auth.spi.AuthProviderContribution;
import dev.gatehouse.auth.startup.ConfigurationProblems;
import dev.gatehouse.auth.startup.InvalidGatehouseConfigurationException;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The AuthZEN client, the request mapper, the engine and one port bean per capability in
 * {@code gatehouse.authzen.provides}. The port beans are not
 * {@code @ConditionalOnMissingBean}: a decision point that backs a port and another bean
 * of that port are two providers, which startup validation reports rather than one of
 * them silently winning. Unusable settings, and embedded rules the decision point would
 * silently replace, are reported in the one failure report.
 */
@Configuration(proxyBeanMethods = false)
class AuthZenConfiguration {

	private static final String PREFIX = "gatehouse.authzen";

	private static final Set<AuthCapability> DECIDING = EnumSet.of(AuthCapability.RELATION_CHECK,
			AuthCapability.POLICY_EVALUATION, AuthCapability.PERMISSION_CHECK);

	// Stands in for unusable settings; startup fails with the report before any call.
	private static final URI UNUSABLE = URI.create("http://127.0.0.1:9");

	@Bean
	@ConditionalOnMissingBean
	AuthZenClient authZenClient(GatehouseAuthZenProperties properties,
			ObjectProvider<ObservationRegistry> observationRegistry, ObjectProvider<ConfigurationProblems> problems,
			ObjectProvider<GatehouseProperties> gatehouse) {
		checkProvides(properties, problems, gatehouse.getIfAvailable());
		URI baseUrl = properties.getBaseUrl();
		AuthZenClient.Settings settings;
		try {
			settings = new AuthZenClient.Settings((baseUrl != null) ? baseUrl : UNUSABLE, properties.isDiscovery(),
					properties.getTimeout(), properties.getHeaders(), properties.getFailureThreshold(),
					properties.getOpenInterval());
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			record(problems,
					new InvalidGatehouseConfigurationException(PREFIX, String.valueOf(ex.getMessage()),
							"Set " + PREFIX + ".base-url to the decision point's http(s) URL, and " + PREFIX
									+ ".timeout, " + PREFIX + ".failure-threshold and " + PREFIX
									+ ".open-interval to positive values."));
			settings = new AuthZenClient.Settings(UNUSABLE, false, Duration.ofSeconds(1), Map.of(), 1,
					Duration.ofSeconds(1));
		}
		return new AuthZenClient(settings, observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	@Bean
	@ConditionalOnMissingBean
	AuthZenRequestMapper authZenRequestMapper(GatehouseAuthZenProperties properties,
			ObjectProvider<ConfigurationProblems> problems) {
		try {
			return new DefaultAuthZenRequestMapper(properties.getProfile(), properties.getSubjectType(),
					properties.getClaims());
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			record(problems,
					new InvalidGatehouseConfigurationException(PREFIX + ".subject-type",
							String.valueOf(ex.getMessage()),
							"Set " + PREFIX + ".subject-type to a non-blank type such as 'user'."));
			return new DefaultAuthZenRequestMapper(properties.getProfile(), "user", List.of());
		}
	}

	@Bean
	@ConditionalOnMissingBean
	AuthZenDecider authZenDecider(AuthZenClient client, AuthZenRequestMapper mapper,
			ObjectProvider<AuthZenRequestCustomizer> customizers, ObjectProvider<AuthDecisionCache> cache) {
		return new AuthZenDecider(client, mapper, customizers.orderedStream().toList(), cache.getIfAvailable());
	}

	@Bean
	@ConditionalOnAuthZenProvides(AuthCapability.RELATION_CHECK)
	AuthZenRelationChecker authZenRelationChecker(AuthZenDecider decider) {
		return new AuthZenRelationChecker(decider);
	}

	@Bean
	@ConditionalOnAuthZenProvides(AuthCapability.POLICY_EVALUATION)
	AuthZenPolicyEvaluator authZenPolicyEvaluator(AuthZenDecider decider) {
		return new AuthZenPolicyEvaluator(decider);
	}

	@Bean
	@ConditionalOnAuthZenProvides(AuthCapability.PERMISSION_CHECK)
	AuthZenPermissionChecker authZenPermissionChecker(AuthZenDecider decider) {
		return new AuthZenPermissionChecker(decider);
	}

	@Bean
	AuthProviderContribution authZenProviderContribution(GatehouseAuthZenProperties properties) {
		Set<AuthCapability> provided = EnumSet.noneOf(AuthCapability.class);
		provided.addAll(properties.getProvides());
		provided.retainAll(DECIDING);
		return new AuthProviderContribution("authzen",
				provided.isEmpty() ? EnumSet.of(AuthCapability.RELATION_CHECK) : provided);
	}

	@Bean
	AuthZenResourceCheck authZenResourceCheck(GatehouseAuthZenProperties properties) {
		return new AuthZenResourceCheck(properties.getProvides());
	}

	@Bean
	SmartInitializingSingleton authZenDiscovery(GatehouseAuthZenProperties properties, AuthZenClient client) {
		// A decision point restarts independently: an unreachable discovery document is a
		// WARN and a DOWN health, and the first call tries again.
		return () -> {
			if (properties.isDiscovery()) {
				client.discover();
			}
		};
	}

	private static void checkProvides(GatehouseAuthZenProperties properties,
			ObjectProvider<ConfigurationProblems> problems, @Nullable GatehouseProperties gatehouse) {
		Set<AuthCapability> provides = properties.getProvides();
		if (provides.isEmpty() || !DECIDING.containsAll(provides)) {
			record(problems, new InvalidGatehouseConfigurationException(PREFIX + ".provides",
					"must name one or more of RELATION_CHECK, POLICY_EVALUATION and PERMISSION_CHECK, but is "
							+ provides,
					"List the ports the decision point decides, for example RELATION_CHECK,POLICY_EVALUATION."));
		}
		if (gatehouse == null) {
			return;
		}
		if (provides.contains(AuthCapability.POLICY_EVALUATION) && gatehouse.getPolicies().isEnabled()
				&& !gatehouse.getPolicies().getRules().isEmpty()) {
			record(problems, new InvalidGatehouseConfigurationException("gatehouse.policies.rules",
					"are configured, but " + PREFIX + ".provides includes POLICY_EVALUATION, so the decision point "
							+ "decides @RequirePolicy and the rules would be ignored",
					"Move the rules into the decision point and set gatehouse.policies.enabled=false, or remove "
							+ "POLICY_EVALUATION from " + PREFIX + ".provides."));
		}
		if (provides.contains(AuthCapability.PERMISSION_CHECK) && gatehouse.getPermissions().isEnabled()
				&& !gatehouse.getPermissions().getRoles().isEmpty()) {
			record(problems, new InvalidGatehouseConfigurationException("gatehouse.permissions.roles",
					"are configured, but " + PREFIX + ".provides includes PERMISSION_CHECK, so the decision point "
							+ "decides @RequirePermission and the role mapping would be ignored",
					"Move the mapping into the decision point and set gatehouse.permissions.enabled=false, or remove "
							+ "PERMISSION_CHECK from " + PREFIX + ".provides."));
		}
	}

	private static void record(ObjectProvider<ConfigurationProblems> problems,
			InvalidGatehouseConfigurationException problem) {
		problems.getIfAvailable(() -> {
			throw problem;
		}).add(problem);
	}

}
