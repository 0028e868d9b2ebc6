package dev.gatehouse.auth.web;

import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.snapshot.GatehouseSnapshotAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.startup.GatehouseStartupValidationAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.web.GatehouseWebAutoConfiguration;
import dev.gatehouse.auth.spi.Authenticator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with an undeclared handler and a missing provider sees both problems in
 * one failure report, not the second only after fixing the first.
 */
class OneFailureReportTests {

	/** Base64 of 16 bytes: too short for HS256, and never to be printed. */
	private static final String SHORT_SECRET = "c2hvcnQtc2VjcmV0LTEyMw==";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, GatehouseAutoConfiguration.class,
				GatehouseStartupValidationAutoConfiguration.class, GatehouseWebAutoConfiguration.class,
				DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class))
		.withUserConfiguration(ReportController.class)
		.withBean(Authenticator.class, () -> (credential, invocation) -> {
			throw new UnsupportedOperationException("not called");
		})
		.withPropertyValues("gatehouse.web.require-explicit-access=true", "gatehouse.checkers.context-roles=false");

	@Test
	void reportsUndeclaredHandlerAndMissingRoleCheckerTogether() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("(2 problems)")
				.contains("ROLE_CHECK: 0 providers; required by ReportController#delete")
				.contains("UNDECLARED_ACCESS ReportController#run");
			assertThat(analysis.getAction()).contains("gatehouse.checkers.context-roles=true")
				.contains("gatehouse.web.require-explicit-access=false");
		});
	}

	@Test
	void reportsBadSnapshotKeysWithTheOtherProblems() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(GatehouseSnapshotAutoConfiguration.class))
			.withPropertyValues("spring.application.name=orders", "gatehouse.snapshot.propagation.enabled=true",
					"gatehouse.snapshot.verification.keys.k1.secret=" + SHORT_SECRET)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("(5 problems)")
					.contains("ROLE_CHECK: 0 providers")
					.contains("SNAPSHOT_SIGN: 0 providers; required by gatehouse.snapshot.propagation.enabled")
					.contains("UNDECLARED_ACCESS ReportController#run")
					.contains("INVALID_CONFIGURATION gatehouse.snapshot.signing.key-id: is not set")
					.contains("INVALID_CONFIGURATION gatehouse.snapshot.verification.keys.k1.secret")
					.doesNotContain(SHORT_SECRET);
				assertThat(analysis.getAction()).contains("gatehouse.snapshot.verification.keys.k1.secret: Set it")
					.contains("gatehouse.snapshot.propagation.enabled=false")
					.doesNotContain(SHORT_SECRET);
			});
	}

	@Test
	void failsOnItsOwnWhenStartupValidationIsOff() {
		this.contextRunner.withPropertyValues("gatehouse.startup-validation.enabled=false").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("(1 problem)")
				.contains("UNDECLARED_ACCESS ReportController#run")
				.doesNotContain("ROLE_CHECK");
		});
	}

	/**
	 * Runs the failure analyzers registered in spring.factories, as Spring Boot does on a
	 * failed start.
	 */
	private static @Nullable FailureAnalysis analyze(Throwable failure) {
		// Analyzers that need constructor arguments are left out: Gatehouse's own need
		// none.
		for (FailureAnalyzer analyzer : SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, null, (type, implementation, ex) -> {
			})) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return analysis;
			}
		}
		return null;
	}

	@RestController
	static class ReportController {

		@GetMapping("/reports/run")
		String run() {
			return "report";
		}

		@RequireRole("admin")
		@GetMapping("/reports/delete")
		String delete() {
			return "deleted";
		}

	}

}
