package dev.gatehouse.auth.web;

import dev.gatehouse.auth.annotation.Protected;
import dev.gatehouse.auth.annotation.PublicAccess;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.web.GatehouseWebAutoConfiguration;
import dev.gatehouse.auth.startup.AuthStartupCapabilityDiagnostic.Kind;
import dev.gatehouse.auth.startup.AuthStartupCapabilityDiagnostic;
import dev.gatehouse.auth.startup.AuthStartupCapabilityValidationException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

class ExplicitAccessValidatorTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GatehouseAutoConfiguration.class, GatehouseWebAutoConfiguration.class,
				AopAutoConfiguration.class, DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class,
				ErrorMvcAutoConfiguration.class))
		.withUserConfiguration(DocumentController.class, ReportController.class, AdminController.class);

	@Test
	void failsStartupListingExactlyTheHandlersWithoutAnAccessRule() {
		this.contextRunner.withPropertyValues("gatehouse.web.require-explicit-access=true").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOf(AuthStartupCapabilityValidationException.class);
			AuthStartupCapabilityValidationException failure = (AuthStartupCapabilityValidationException) context
				.getStartupFailure();
			assertThat(failure.diagnostics()).extracting(AuthStartupCapabilityDiagnostic::kind)
				.containsOnly(Kind.UNDECLARED_ACCESS);
			// Boot's own error controller is not listed: the application cannot annotate
			// it.
			assertThat(failure.diagnostics()).extracting(AuthStartupCapabilityDiagnostic::boundary)
				.containsExactly("DocumentController#export", "ReportController#run");
			assertThat(failure.diagnostics().get(0).problem()).contains("/documents/export");
		});
	}

	@Test
	void startsWhenEveryHandlerDeclaresAccess() {
		new WebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(GatehouseAutoConfiguration.class, GatehouseWebAutoConfiguration.class,
							AopAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
							WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class))
			.withUserConfiguration(AdminController.class)
			.withPropertyValues("gatehouse.web.require-explicit-access=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(ExplicitAccessValidator.class);
			});
	}

	@Test
	void isOffByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(ExplicitAccessValidator.class);
		});
	}

	@RestController
	static class DocumentController {

		@GetMapping("/documents/export")
		String export() {
			return "all documents";
		}

		@PublicAccess
		@GetMapping("/documents/count")
		String count() {
			return "42";
		}

		@RequireRole("editor")
		@PostMapping("/documents")
		String create() {
			return "created";
		}

	}

	@RestController
	static class ReportController {

		@GetMapping("/reports/run")
		String run() {
			return "report";
		}

	}

	@RestController
	@Protected
	static class AdminController {

		@GetMapping("/admin/status")
		String status() {
			return "ok";
		}

	}

}
