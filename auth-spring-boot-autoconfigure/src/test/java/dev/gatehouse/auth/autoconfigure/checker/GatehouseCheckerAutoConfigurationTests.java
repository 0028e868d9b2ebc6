package dev.gatehouse.auth.autoconfigure.checker;

import dev.gatehouse.auth.annotation.RequirePermission;
import dev.gatehouse.auth.annotation.RequirePolicy;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;
import dev.gatehouse.auth.decision.AuthRequirementDeniedException;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.enforcement.DeclarativePolicyEvaluator;
import dev.gatehouse.auth.enforcement.RolePermissionChecker;
import dev.gatehouse.auth.spi.PermissionChecker;
import dev.gatehouse.auth.spi.PolicyEvaluator;
import dev.gatehouse.auth.spi.RelationChecker;
import dev.gatehouse.auth.startup.AuthStartupCapabilityDiagnostic;
import dev.gatehouse.auth.startup.AuthStartupCapabilityValidationException;
import dev.gatehouse.auth.startup.InvalidGatehouseConfigurationException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The default permission checker and policy evaluator: registered from properties,
 * switchable, backing off for the application's own, enforced through the proxy, and
 * failing startup on an invalid document.
 */
class GatehouseCheckerAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, GatehouseAutoConfiguration.class,
				GatehouseCheckerAutoConfiguration.class));

	@Test
	void registersPermissionCheckerButNoPolicyEvaluatorWithoutRulesAndNeverARelationChecker() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(RolePermissionChecker.class);
			assertThat(context).doesNotHaveBean(PolicyEvaluator.class);
			assertThat(context).doesNotHaveBean(RelationChecker.class);
		});
	}

	@Test
	void permissionCheckerCanBeSwitchedOff() {
		this.contextRunner.withPropertyValues("gatehouse.permissions.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PermissionChecker.class));
	}

	@Test
	void defaultsBackOffForApplicationCheckers() {
		this.contextRunner
			.withPropertyValues("gatehouse.policies.rules[0].resource=invoice",
					"gatehouse.policies.rules[0].action=read", "gatehouse.policies.rules[0].any-role=admin")
			.withBean(PermissionChecker.class, () -> (request) -> AuthorizationDecision.allow())
			.withBean(PolicyEvaluator.class, () -> (request) -> AuthorizationDecision.allow())
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RolePermissionChecker.class);
				assertThat(context).doesNotHaveBean(DeclarativePolicyEvaluator.class);
			});
	}

	@Test
	void enforcesRolePermissionMappingThroughTheProxy() {
		this.contextRunner.withPropertyValues("gatehouse.permissions.roles.editor=documents:read,documents:write")
			.withBean(Invoices.class)
			.run((context) -> {
				Invoices invoices = context.getBean(Invoices.class);
				try (AuthContextScope scope = AuthContextHolder
					.open(AuthContext.builder("e").roles("editor").build())) {
					assertThat(invoices.document(42)).isEqualTo("document 42");
				}
				try (AuthContextScope scope = AuthContextHolder
					.open(AuthContext.builder("v").roles("viewer").build())) {
					assertThatExceptionOfType(AuthRequirementDeniedException.class)
						.isThrownBy(() -> invoices.document(42))
						.satisfies((ex) -> assertThat(ex.decision().reasonCode())
							.isEqualTo(AuthorizationReasonCode.INSUFFICIENT_PERMISSION));
				}
			});
	}

	@Test
	void enforcesAdminsOrSameTenantPolicyWithResolvedTenant() {
		this.contextRunner
			.withPropertyValues("gatehouse.policies.rules[0].name=admins-or-same-tenant",
					"gatehouse.policies.rules[0].resource=invoice", "gatehouse.policies.rules[0].action=read",
					"gatehouse.policies.rules[0].any-role=admin",
					"gatehouse.policies.rules[0].subject-claim.tenant={tenant}")
			.withBean(Invoices.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(DeclarativePolicyEvaluator.class);
				Invoices invoices = context.getBean(Invoices.class);
				try (AuthContextScope scope = AuthContextHolder.open(AuthContext.builder("u").tenant("acme").build())) {
					assertThat(invoices.read("acme")).isEqualTo("acme invoices");
					assertThatExceptionOfType(AuthRequirementDeniedException.class)
						.isThrownBy(() -> invoices.read("globex"))
						.satisfies((ex) -> assertThat(ex.decision().reasonCode())
							.isEqualTo(AuthorizationReasonCode.POLICY_DENIED));
				}
				try (AuthContextScope scope = AuthContextHolder
					.open(AuthContext.builder("a").roles("admin").tenant("acme").build())) {
					assertThat(invoices.read("globex")).isEqualTo("globex invoices");
				}
			});
	}

	@Test
	void invalidPolicyDocumentFailsStartupNamingTheRule() {
		this.contextRunner
			.withPropertyValues("gatehouse.policies.rules[0].resource=invoice",
					"gatehouse.policies.rules[0].action=read", "gatehouse.policies.rules[0].any-role=admin",
					"gatehouse.policies.rules[1].name=tenant-match", "gatehouse.policies.rules[1].resource=invoice",
					"gatehouse.policies.rules[1].action=read", "gatehouse.policies.rules[1].subject-claim.tenant={org}")
			.run((context) -> {
				assertThat(context).hasFailed();
				AuthStartupCapabilityDiagnostic problem = findConfigurationProblem(context.getStartupFailure());
				assertThat(problem.boundary()).isEqualTo("gatehouse.policies.rules[1]");
				assertThat(problem.problem()).contains("'tenant-match'").contains("{org}");
			});
	}

	@Test
	void policyRuleWithoutActionFailsStartupNamingItsPosition() {
		this.contextRunner
			.withPropertyValues("gatehouse.policies.rules[0].resource=invoice",
					"gatehouse.policies.rules[0].any-role=admin")
			.run((context) -> {
				AuthStartupCapabilityDiagnostic problem = findConfigurationProblem(context.getStartupFailure());
				assertThat(problem.boundary()).isEqualTo("gatehouse.policies.rules[0]");
				assertThat(problem.problem()).contains("action");
			});
	}

	@Test
	void invalidRoleMappingFailsStartup() {
		this.contextRunner.withPropertyValues("gatehouse.permissions.roles.ops=documents:*:read").run((context) -> {
			AuthStartupCapabilityDiagnostic problem = findConfigurationProblem(context.getStartupFailure());
			assertThat(problem.boundary()).isEqualTo("gatehouse.permissions");
			assertThat(problem.problem()).contains("'ops'");
		});
	}

	@Test
	void reportsEveryInvalidPolicyRuleAndRoleMappingTogether() {
		this.contextRunner
			.withPropertyValues("gatehouse.permissions.roles.ops=documents:*:read",
					"gatehouse.policies.rules[0].resource=invoice", "gatehouse.policies.rules[0].any-role=admin",
					"gatehouse.policies.rules[1].action=read", "gatehouse.policies.rules[1].any-role=admin")
			.run((context) -> assertThat(((AuthStartupCapabilityValidationException) NestedExceptionUtils
				.getMostSpecificCause(context.getStartupFailure())).diagnostics())
				.extracting(AuthStartupCapabilityDiagnostic::boundary)
				.containsExactly("gatehouse.permissions", "gatehouse.policies.rules[0]",
						"gatehouse.policies.rules[1]"));
	}

	@Test
	void failsAtBeanCreationWithoutTheCoreConfiguration() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(GatehouseCheckerAutoConfiguration.class))
			.withPropertyValues("gatehouse.permissions.roles.ops=documents:*:read")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidGatehouseConfigurationException.class));
	}

	private static AuthStartupCapabilityDiagnostic findConfigurationProblem(Throwable failure) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
		assertThat(cause).isInstanceOf(AuthStartupCapabilityValidationException.class);
		return ((AuthStartupCapabilityValidationException) cause).diagnostics()
			.stream()
			.filter((diagnostic) -> diagnostic.kind() == AuthStartupCapabilityDiagnostic.Kind.INVALID_CONFIGURATION)
			.findFirst()
			.orElseThrow();
	}

	static class Invoices {

		@RequirePermission(value = "documents:read", resource = "document:{id}")
		public String document(long id) {
			return "document " + id;
		}

		@RequirePolicy(resource = "invoice", action = "read", tenant = "{tenant}")
		public String read(String tenant) {
			return tenant + " invoices";
		}

	}

}
