package dev.gatehouse.auth.startup;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Set;

import dev.gatehouse.auth.annotation.Protected;
import dev.gatehouse.auth.annotation.PublicAccess;
import dev.gatehouse.auth.annotation.RequirePermission;
import dev.gatehouse.auth.annotation.RequirePolicy;
import dev.gatehouse.auth.annotation.RequireRelation;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.annotation.RequireScope;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.spi.AuthCapability;
import dev.gatehouse.auth.spi.AuthProviderContribution;
import dev.gatehouse.auth.spi.Authenticator;
import dev.gatehouse.auth.spi.PermissionChecker;
import dev.gatehouse.auth.spi.PolicyEvaluator;
import dev.gatehouse.auth.spi.RelationChecker;
import dev.gatehouse.auth.spi.RoleChecker;
import dev.gatehouse.auth.spi.SnapshotSigner;
import dev.gatehouse.auth.spi.SnapshotVerifier;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static dev.gatehouse.auth.startup.StartupValidationTestSupport.diagnostics;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every capability the annotations require must have exactly one provider; nothing else
 * is checked.
 */
class AuthStartupCapabilityValidatorTests {

	private static final String PROPAGATION = "gatehouse.snapshot.propagation.enabled";

	private final ApplicationContextRunner runner = StartupValidationTestSupport.runner();

	@Test
	void failsWithAuthenticationAndScopeCheckWhenProtectedCodeHasNoProviders() {
		this.runner.withPropertyValues("gatehouse.checkers.context-scopes=false")
			.withBean(ReportService.class)
			.run((context) -> assertThat(diagnostics(context)).containsExactly(
					new AuthStartupCapabilityDiagnostic(AuthCapability.AUTHENTICATION, 0, List.of(),
							List.of("ReportService#export", "ReportService#read")),
					new AuthStartupCapabilityDiagnostic(AuthCapability.SCOPE_CHECK, 0, List.of(),
							List.of("ReportService#read"))));
	}

	@Test
	void startsWhenEveryRequiredCapabilityHasExactlyOneProvider() {
		this.runner.withBean(ReportService.class)
			.withUserConfiguration(StartupValidationTestSupport.AuthenticatorConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(AuthStartupCapabilityValidator.class);
				assertThat(context.getBean(AuthCapabilityReport.class).requiredCapabilities())
					.containsOnlyKeys(AuthCapability.AUTHENTICATION, AuthCapability.SCOPE_CHECK);
			});
	}

	@Test
	void reportsBothBeanNamesWhenTwoBeansProvideACapability() {
		this.runner.withBean(ReportService.class)
			.withUserConfiguration(TwoAuthenticatorsConfiguration.class)
			.run((context) -> assertThat(diagnostics(context)).containsExactly(new AuthStartupCapabilityDiagnostic(
					AuthCapability.AUTHENTICATION, 2, List.of("apiKeyAuthenticator", "jwtAuthenticator"),
					List.of("ReportService#export", "ReportService#read"))));
	}

	@Test
	void namesTheProviderIdsOfContributionsThatClaimTheCapability() {
		this.runner.withBean(ReportService.class)
			.withUserConfiguration(TwoAuthenticatorsConfiguration.class, ContributionsConfiguration.class)
			.run((context) -> assertThat(diagnostics(context)).containsExactly(new AuthStartupCapabilityDiagnostic(
					AuthCapability.AUTHENTICATION, 2, List.of("apiKeyAuthenticator", "jwtAuthenticator"),
					List.of("ReportService#export", "ReportService#read"), List.of("apikeys", "keycloak"))));
	}

	@Test
	void startsWithAllRequirementKindsWhenEachHasOneProvider() {
		this.runner.withBean(EveryKindService.class)
			.withUserConfiguration(StartupValidationTestSupport.AuthenticatorConfiguration.class,
					OtherCheckersConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(AuthCapabilityReport.class).requiredCapabilities()).containsOnlyKeys(
						AuthCapability.AUTHENTICATION, AuthCapability.ROLE_CHECK, AuthCapability.SCOPE_CHECK,
						AuthCapability.PERMISSION_CHECK, AuthCapability.RELATION_CHECK,
						AuthCapability.POLICY_EVALUATION);
			});
	}

	@Test
	void reportsEveryRequirementKindWithoutProviderSortedByCapabilityName() {
		this.runner
			.withPropertyValues("gatehouse.checkers.context-roles=false", "gatehouse.checkers.context-scopes=false")
			.withBean(EveryKindService.class)
			.run((context) -> assertThat(diagnostics(context)).containsExactly(
					missing(AuthCapability.AUTHENTICATION, "EveryKindService#approve", "EveryKindService#archive",
							"EveryKindService#edit", "EveryKindService#list", "EveryKindService#share"),
					missing(AuthCapability.PERMISSION_CHECK, "EveryKindService#archive"),
					missing(AuthCapability.POLICY_EVALUATION, "EveryKindService#approve"),
					missing(AuthCapability.RELATION_CHECK, "EveryKindService#share"),
					missing(AuthCapability.ROLE_CHECK, "EveryKindService#edit"),
					missing(AuthCapability.SCOPE_CHECK, "EveryKindService#list")));
	}

	@Test
	void startsWithoutProtectedCodeEvenWithoutAnyProvider() {
		this.runner
			.withPropertyValues("gatehouse.checkers.context-roles=false", "gatehouse.checkers.context-scopes=false")
			.withBean(UndecoratedService.class)
			.withBean(OpenService.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(AuthCapabilityReport.class).requiredCapabilities()).isEmpty();
			});
	}

	@Test
	void ignoresDuplicateProvidersOfCapabilitiesNothingRequires() {
		this.runner.withBean(ReportService.class)
			.withUserConfiguration(StartupValidationTestSupport.AuthenticatorConfiguration.class,
					TwoRoleCheckersConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(AuthCapabilityReport.class).providers(AuthCapability.ROLE_CHECK).beanNames())
					.containsExactly("firstRoleChecker", "secondRoleChecker");
			});
	}

	@Test
	void doesNotCountBeansThatAreNoAutowireCandidates() {
		this.runner.withBean(ReportService.class)
			.withUserConfiguration(StartupValidationTestSupport.AuthenticatorConfiguration.class,
					HiddenAuthenticatorConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void startsWithoutSnapshotProvidersWhenPropagationIsDisabled() {
		this.runner.withPropertyValues(PROPAGATION + "=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(AuthCapabilityReport.class).isRequired(AuthCapability.SNAPSHOT_SIGN)).isFalse();
		});
	}

	@Test
	void failsWithSnapshotSignAndVerifyWhenPropagationIsEnabledWithoutProviders() {
		this.runner.withPropertyValues(PROPAGATION + "=true")
			.run((context) -> assertThat(diagnostics(context)).containsExactly(
					missing(AuthCapability.SNAPSHOT_SIGN, PROPAGATION),
					missing(AuthCapability.SNAPSHOT_VERIFY, PROPAGATION)));
	}

	@Test
	void startsWhenPropagationIsEnabledWithOneSignerAndOneVerifier() {
		this.runner.withPropertyValues(PROPAGATION + "=true")
			.withUserConfiguration(SnapshotConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void countsRequirementsDeclaredOnlyOnAnInterface() {
		this.runner.withPropertyValues("gatehouse.checkers.context-roles=false")
			.withBean(ArchiveService.class)
			.withUserConfiguration(StartupValidationTestSupport.AuthenticatorConfiguration.class)
			.run((context) -> assertThat(diagnostics(context))
				.containsExactly(missing(AuthCapability.ROLE_CHECK, "ArchiveService#archive")));
	}

	@Test
	void countsRequirementsDeclaredThroughAComposedAnnotation() {
		this.runner.withPropertyValues("gatehouse.checkers.context-roles=false")
			.withBean(AdminService.class)
			.withUserConfiguration(StartupValidationTestSupport.AuthenticatorConfiguration.class)
			.run((context) -> assertThat(diagnostics(context))
				.containsExactly(missing(AuthCapability.ROLE_CHECK, "AdminService#purge")));
	}

	private static AuthStartupCapabilityDiagnostic missing(AuthCapability capability, String... requiredBy) {
		return new AuthStartupCapabilityDiagnostic(capability, 0, List.of(), List.of(requiredBy));
	}

	static class ReportService {

		@Protected
		public String export() {
			return "export";
		}

		// Two overloads: one requiredBy entry, since both are ReportService#read to the
		// developer.
		@RequireScope("reports:read")
		public String read() {
			return "report";
		}

		@RequireScope("reports:read")
		public String read(String id) {
			return "report " + id;
		}

	}

	static class EveryKindService {

		@RequireRole("editor")
		public void edit() {
		}

		@RequireScope("documents:list")
		public void list() {
		}

		@RequirePermission(value = "documents:archive", resource = "documents")
		public void archive() {
		}

		@RequireRelation(value = "owner", resource = "document")
		public void share() {
		}

		@RequirePolicy(resource = "document", action = "approve")
		public void approve() {
		}

	}

	static class UndecoratedService {

		public String hello() {
			return "hello";
		}

	}

	@PublicAccess
	static class OpenService {

		public String hello() {
			return "hello";
		}

	}

	interface ArchiveApi {

		@RequireRole("archivist")
		void archive();

	}

	static class ArchiveService implements ArchiveApi {

		@Override
		public void archive() {
		}

	}

	@Target({ ElementType.TYPE, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@RequireRole("admin")
	@interface AdminOnly {

	}

	static class AdminService {

		@AdminOnly
		public void purge() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoAuthenticatorsConfiguration {

		@Bean
		Authenticator jwtAuthenticator() {
			return StartupValidationTestSupport.authenticator();
		}

		@Bean
		Authenticator apiKeyAuthenticator() {
			return StartupValidationTestSupport.authenticator();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HiddenAuthenticatorConfiguration {

		@Bean(autowireCandidate = false)
		Authenticator internalAuthenticator() {
			return StartupValidationTestSupport.authenticator();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ContributionsConfiguration {

		@Bean
		AuthProviderContribution keycloakContribution() {
			return new AuthProviderContribution("keycloak",
					Set.of(AuthCapability.AUTHENTICATION, AuthCapability.ROLE_CHECK));
		}

		@Bean
		AuthProviderContribution apiKeyContribution() {
			return new AuthProviderContribution("apikeys", Set.of(AuthCapability.AUTHENTICATION));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(StartupValidationTestSupport.AuthenticatorConfiguration.class)
	static class OtherCheckersConfiguration {

		@Bean
		PermissionChecker permissionChecker() {
			return (request) -> AuthorizationDecision.allow();
		}

		@Bean
		RelationChecker relationChecker() {
			return (request) -> AuthorizationDecision.allow();
		}

		@Bean
		PolicyEvaluator policyEvaluator() {
			return (request) -> AuthorizationDecision.allow();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoRoleCheckersConfiguration {

		@Bean
		RoleChecker firstRoleChecker() {
			return (request) -> AuthorizationDecision.allow();
		}

		@Bean
		RoleChecker secondRoleChecker() {
			return (request) -> AuthorizationDecision.allow();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SnapshotConfiguration {

		@Bean
		SnapshotSigner snapshotSigner() {
			return (request) -> {
				throw new UnsupportedOperationException("not called in these tests");
			};
		}

		@Bean
		SnapshotVerifier snapshotVerifier() {
			return (envelope, invocation) -> {
				throw new UnsupportedOperationException("not called in these tests");
			};
		}

	}

}
