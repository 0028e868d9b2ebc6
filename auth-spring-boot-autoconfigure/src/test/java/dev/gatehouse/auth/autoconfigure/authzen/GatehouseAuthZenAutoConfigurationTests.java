package dev.gatehouse.auth.autoconfigure.authzen;

import java.util.List;

import dev.gatehouse.auth.annotation.RequirePolicy;
import dev.gatehouse.auth.annotation.RequireRelation;
import dev.gatehouse.auth.authzen.AuthZenClient;
import dev.gatehouse.auth.authzen.AuthZenDecider;
import dev.gatehouse.auth.authzen.AuthZenEvaluation;
import dev.gatehouse.auth.authzen.AuthZenPermissionChecker;
import dev.gatehouse.auth.authzen.AuthZenPolicyEvaluator;
import dev.gatehouse.auth.authzen.AuthZenRelationChecker;
import dev.gatehouse.auth.authzen.AuthZenRequestCustomizer;
import dev.gatehouse.auth.authzen.AuthZenRequestMapper;
import dev.gatehouse.auth.authzen.DefaultAuthZenRequestMapper;
import dev.gatehouse.auth.autoconfigure.checker.GatehouseCheckerAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.startup.GatehouseStartupValidationAutoConfiguration;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.enforcement.RolePermissionChecker;
import dev.gatehouse.auth.spi.AuthProviderContribution;
import dev.gatehouse.auth.spi.PermissionChecker;
import dev.gatehouse.auth.spi.PolicyEvaluator;
import dev.gatehouse.auth.spi.RelationChecker;
import dev.gatehouse.auth.startup.AuthStartupCapabilityValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every branch of the AuthZEN auto-configuration: off without a base URL, one port bean
 * per provided capability, the embedded defaults backing off or failing startup, and
 * every unusable setting in the one failure report.
 */
@ExtendWith(OutputCaptureExtension.class)
class GatehouseAuthZenAutoConfigurationTests {

	private static final String BASE_URL = "gatehouse.authzen.base-url=http://127.0.0.1:1";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, GatehouseAutoConfiguration.class,
				GatehouseCheckerAutoConfiguration.class, GatehouseAuthZenAutoConfiguration.class,
				GatehouseStartupValidationAutoConfiguration.class));

	@Test
	void isOffWithoutABaseUrl() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(AuthZenClient.class);
			assertThat(context).doesNotHaveBean(AuthZenDecider.class);
			assertThat(context).hasSingleBean(RolePermissionChecker.class);
		});
	}

	@Test
	void backsRelationsAndPoliciesByDefault() {
		this.contextRunner.withPropertyValues(BASE_URL).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(AuthZenClient.class);
			assertThat(context).hasSingleBean(DefaultAuthZenRequestMapper.class);
			assertThat(context.getBean(RelationChecker.class)).isInstanceOf(AuthZenRelationChecker.class);
			assertThat(context.getBean(PolicyEvaluator.class)).isInstanceOf(AuthZenPolicyEvaluator.class);
			// Permissions stay with the embedded default.
			assertThat(context.getBean(PermissionChecker.class)).isInstanceOf(RolePermissionChecker.class);
			assertThat(context.getBean(AuthProviderContribution.class).capabilities()).containsExactlyInAnyOrder(
					dev.gatehouse.auth.spi.AuthCapability.RELATION_CHECK,
					dev.gatehouse.auth.spi.AuthCapability.POLICY_EVALUATION);
			assertThat(context.getBean(AuthZenDecider.class).toString()).contains("cached=false");
		});
	}

	@Test
	void backsPermissionsInsteadOfTheRoleMappingWhenAskedTo() {
		this.contextRunner.withPropertyValues(BASE_URL, "gatehouse.authzen.provides=PERMISSION_CHECK")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(PermissionChecker.class)).isInstanceOf(AuthZenPermissionChecker.class);
				assertThat(context).doesNotHaveBean(RolePermissionChecker.class);
				assertThat(context).doesNotHaveBean(AuthZenRelationChecker.class);
				assertThat(context).doesNotHaveBean(AuthZenPolicyEvaluator.class);
			});
	}

	@Test
	void usesTheApplicationsMapperAndEveryCustomizerAndTheDecisionCache() {
		this.contextRunner.withUserConfiguration(MapperConfiguration.class)
			.withPropertyValues(BASE_URL, "gatehouse.cache.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(DefaultAuthZenRequestMapper.class);
				assertThat(context.getBean(AuthZenDecider.class).toString()).contains("customizers=2")
					.contains("cached=true");
			});
	}

	@Test
	void aDecisionPointAndAnotherRelationCheckerAreTwoProviders() {
		this.contextRunner.withUserConfiguration(OwnRelationCheckerConfiguration.class, Boundaries.class)
			.withPropertyValues(BASE_URL)
			.run((context) -> assertThat(context.getStartupFailure())
				.isInstanceOf(AuthStartupCapabilityValidationException.class)
				.hasMessageContaining("RELATION_CHECK")
				.hasMessageContaining("authZenRelationChecker")
				.hasMessageContaining("inMemoryRelations"));
	}

	@Test
	void embeddedRulesTheDecisionPointWouldReplaceFailStartup() {
		this.contextRunner
			.withPropertyValues(BASE_URL, "gatehouse.authzen.provides=POLICY_EVALUATION,PERMISSION_CHECK",
					"gatehouse.policies.rules[0].resource=report:acme", "gatehouse.policies.rules[0].action=read",
					"gatehouse.policies.rules[0].any-role=admin", "gatehouse.permissions.roles.admin=documents:*")
			.run((context) -> assertThat(context.getStartupFailure())
				.isInstanceOf(AuthStartupCapabilityValidationException.class)
				.hasMessageContaining("gatehouse.policies.rules")
				.hasMessageContaining("gatehouse.permissions.roles"));
		// Switched off, they are no conflict.
		this.contextRunner
			.withPropertyValues(BASE_URL, "gatehouse.policies.enabled=false",
					"gatehouse.policies.rules[0].resource=report:acme", "gatehouse.policies.rules[0].action=read",
					"gatehouse.policies.rules[0].any-role=admin")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void reportsEveryUnusableSettingInOneReport() {
		this.contextRunner
			.withPropertyValues("gatehouse.authzen.base-url=ftp://pdp.internal",
					"gatehouse.authzen.provides=ROLE_CHECK", "gatehouse.authzen.subject-type= ")
			.run((context) -> assertThat(context.getStartupFailure())
				.isInstanceOf(AuthStartupCapabilityValidationException.class)
				.hasMessageContaining("INVALID_CONFIGURATION gatehouse.authzen.provides")
				.hasMessageContaining(
						"INVALID_CONFIGURATION gatehouse.authzen: baseUrl must be an absolute http or https URL. Fix")
				.hasMessageContaining("INVALID_CONFIGURATION gatehouse.authzen.subject-type"));
		this.contextRunner.withPropertyValues(BASE_URL, "gatehouse.authzen.failure-threshold=0")
			.run((context) -> assertThat(context.getStartupFailure())
				.hasMessageContaining("failureThreshold must be at least 1"));
		this.contextRunner.withPropertyValues(BASE_URL, "gatehouse.authzen.no-such-setting=1")
			.run((context) -> assertThat(context.getStartupFailure())
				.hasMessageContaining("gatehouse.authzen.no-such-setting"));
	}

	@Test
	void aStaticResourceTheDecisionPointCannotBeSentFailsStartup() {
		this.contextRunner.withUserConfiguration(UnsendableBoundaries.class)
			.withPropertyValues(BASE_URL)
			.run((context) -> assertThat(context.getStartupFailure())
				.isInstanceOf(AuthStartupCapabilityValidationException.class)
				.hasMessageContaining("INVALID_METADATA")
				.hasMessageContaining("'reports'")
				.hasMessageContaining("type:id")
				.hasMessageNotContaining("document:{id}'\" is"));
		// The same boundary decided by the embedded evaluator is fine.
		this.contextRunner
			.withConfiguration(AutoConfigurations
				.of(dev.gatehouse.auth.autoconfigure.authentication.GatehouseAuthenticationAutoConfiguration.class))
			.withUserConfiguration(UnsendableBoundaries.class)
			.withPropertyValues(BASE_URL, "gatehouse.authzen.provides=RELATION_CHECK",
					"gatehouse.api-keys[0].sha256=62af8704764faf8ea82fc61ce9c4c3908b6cb97d463a634e9e587d7c885db0ef",
					"gatehouse.api-keys[0].subject=svc", "gatehouse.policies.rules[0].resource=reports",
					"gatehouse.policies.rules[0].action=read", "gatehouse.policies.rules[0].any-role=admin")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void anUnreachableDiscoveryDocumentIsAWarningNotAStartupFailure(CapturedOutput output) {
		this.contextRunner.withPropertyValues(BASE_URL, "gatehouse.authzen.discovery=true").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(AuthZenClient.class).decisionEngineHealth().up()).isFalse();
		});
		assertThat(output).contains("The AuthZEN discovery document could not be read (connection refused)");
	}

	@Configuration(proxyBeanMethods = false)
	static class MapperConfiguration {

		@Bean
		AuthZenRequestMapper customMapper() {
			return (request, call, boundary) -> new AuthZenEvaluation(
					new AuthZenEvaluation.Subject("user", request.context().subject().id(), java.util.Map.of()),
					new AuthZenEvaluation.Action("any"), new AuthZenEvaluation.Resource("any", "1", java.util.Map.of()),
					java.util.Map.of());
		}

		@Bean
		@Order(2)
		AuthZenRequestCustomizer second() {
			return (request, call, properties) -> properties.context("second", true);
		}

		@Bean
		@Order(1)
		AuthZenRequestCustomizer first() {
			return (request, call, properties) -> properties.context("first", true);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRelationCheckerConfiguration {

		@Bean
		RelationChecker inMemoryRelations() {
			return (request) -> AuthorizationDecision.allow();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Boundaries {

		@Bean
		Documents documents() {
			return new Documents();
		}

	}

	static class Documents {

		@RequireRelation(value = "editor", resource = "document:{id}")
		public void edit(String id) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UnsendableBoundaries {

		@Bean
		Reports reports() {
			return new Reports();
		}

	}

	static class Reports {

		@RequirePolicy(resource = "reports", action = "read")
		public void read() {
		}

		@RequireRelation(value = "editor", resource = "document:{id}")
		public void edit(String id) {
		}

		List<String> unused() {
			return List.of();
		}

	}

}
