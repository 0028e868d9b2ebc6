package dev.gatehouse.auth.startup;

import dev.gatehouse.auth.annotation.RequirePermission;
import dev.gatehouse.auth.annotation.RequireRelation;
import dev.gatehouse.auth.spi.PermissionChecker;
import dev.gatehouse.auth.spi.RelationChecker;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.gatehouse.auth.startup.StartupValidationTestSupport.diagnostics;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code {placeholder}} that cannot be bound fails startup in the one failure report,
 * naming the method and the placeholder, together with the application's other problems.
 */
class DynamicReferenceStartupTests {

	private final ApplicationContextRunner runner = StartupValidationTestSupport.runner()
		.withUserConfiguration(StartupValidationTestSupport.AuthenticatorConfiguration.class)
		.withBean(PermissionChecker.class, () -> (request) -> {
			throw new UnsupportedOperationException("not called");
		});

	@Test
	void failsStartupNamingMethodAndPlaceholder() {
		this.runner.withBean(ReportService.class)
			.run((context) -> assertThat(diagnostics(context)).singleElement().satisfies((diagnostic) -> {
				assertThat(diagnostic.describe()).contains("ReportService#export")
					.contains("{reportId}")
					.contains("names no parameter");
			}));
	}

	@Test
	void reportsUnboundPlaceholderBesideMissingProvider() {
		this.runner.withBean(ReportService.class).withBean(SharingService.class).run((context) -> {
			assertThat(diagnostics(context)).hasSize(2)
				.anySatisfy((diagnostic) -> assertThat(diagnostic.describe()).contains("{reportId}"))
				.anySatisfy((diagnostic) -> assertThat(diagnostic.describe()).contains("RELATION_CHECK"));
		});
	}

	@Test
	void startsWhenEveryPlaceholderNamesAParameter() {
		this.runner.withBean(SharingService.class).withBean(RelationChecker.class, () -> (request) -> {
			throw new UnsupportedOperationException("not called");
		}).run((context) -> assertThat(context).hasNotFailed());
	}

	static class ReportService {

		@RequirePermission(value = "reports:export", resource = "report:{reportId}")
		public void export(String id) {
		}

	}

	static class SharingService {

		@RequireRelation(value = "owner", resource = "document:{id}")
		public void share(long id) {
		}

	}

}
