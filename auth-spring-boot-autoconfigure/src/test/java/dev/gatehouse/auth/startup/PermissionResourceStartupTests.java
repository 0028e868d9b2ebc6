package dev.gatehouse.auth.startup;

import dev.gatehouse.auth.annotation.RequirePermission;
import dev.gatehouse.auth.annotation.RequireRelation;
import dev.gatehouse.auth.autoconfigure.checker.GatehouseCheckerAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.startup.GatehouseStartupValidationAutoConfiguration;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.spi.Authenticator;
import dev.gatehouse.auth.spi.PermissionChecker;
import dev.gatehouse.auth.spi.RelationChecker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.gatehouse.auth.startup.StartupValidationTestSupport.diagnostics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * {@code @RequirePermission(resource = ...)} reads like a per-object check, but the
 * default permission checker decides by role and ignores the resource: with it, startup
 * fails naming each such method and the ways to decide per object.
 */
@ExtendWith(OutputCaptureExtension.class)
class PermissionResourceStartupTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, GatehouseAutoConfiguration.class,
				GatehouseCheckerAutoConfiguration.class, GatehouseStartupValidationAutoConfiguration.class))
		.withUserConfiguration(StartupValidationTestSupport.AuthenticatorConfiguration.class);

	@Test
	void failsStartupForResourceWithTheDefaultCheckerNamingEachMethodAndTheAlternatives(CapturedOutput output) {
		SpringApplication application = new SpringApplication(DocumentApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);

		assertThatException().isThrownBy(() -> application.run("--gatehouse.permissions.roles.editor=documents:*"));

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("RESOURCE_NOT_CHECKED DocumentService#delete: @RequirePermission(value = \"documents:delete\", "
					+ "resource = \"document:{id}\") names a resource, but the permission checker is Gatehouse's "
					+ "default RolePermissionChecker")
			.contains("RESOURCE_NOT_CHECKED FolderService#archive:")
			.contains("RESOURCE_NOT_CHECKED FolderService#rename:")
			.contains("DocumentService#delete: decide per object with @RequireRelation (a RelationChecker), an "
					+ "AuthZEN decision engine, or your own PermissionChecker bean")
			.doesNotContain("DocumentService#list")
			.doesNotContain("\tat ");
	}

	@Test
	void startsWithResourceWhenTheApplicationDefinesItsOwnPermissionChecker() {
		this.runner.withBean(DocumentService.class)
			.withBean(PermissionChecker.class, () -> (request) -> AuthorizationDecision.allow())
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void startsWithPermissionsWithoutResourceAndWithRelationsOnTheDefaultChecker() {
		this.runner.withBean(RelationService.class)
			.withBean(RelationChecker.class, () -> (request) -> AuthorizationDecision.allow())
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void leavesTwoPermissionCheckersToTheCapabilityDiagnostic() {
		this.runner.withBean(DocumentService.class)
			.withBean("oneChecker", PermissionChecker.class, () -> (request) -> AuthorizationDecision.allow())
			.withBean("otherChecker", PermissionChecker.class, () -> (request) -> AuthorizationDecision.allow())
			.run((context) -> assertThat(diagnostics(context)).extracting(AuthStartupCapabilityDiagnostic::kind)
				.containsExactly(AuthStartupCapabilityDiagnostic.Kind.CAPABILITY));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ AopAutoConfiguration.class, GatehouseAutoConfiguration.class,
			GatehouseCheckerAutoConfiguration.class, GatehouseStartupValidationAutoConfiguration.class })
	static class DocumentApplication {

		@Bean
		Authenticator authenticator() {
			return StartupValidationTestSupport.authenticator();
		}

		@Bean
		DocumentService documentService() {
			return new DocumentService();
		}

		@Bean
		FolderService folderService() {
			return new FolderService();
		}

	}

	static class DocumentService {

		@RequirePermission(value = "documents:delete", resource = "document:{id}")
		public void delete(String id) {
		}

		@RequirePermission("documents:read")
		public void list() {
		}

	}

	@RequirePermission(value = "folders:write", resource = "folders")
	static class FolderService {

		public void archive() {
		}

		public void rename() {
		}

	}

	static class RelationService {

		@RequirePermission("documents:read")
		@RequireRelation(value = "viewer", resource = "document:{id}")
		public void read(String id) {
		}

	}

}
