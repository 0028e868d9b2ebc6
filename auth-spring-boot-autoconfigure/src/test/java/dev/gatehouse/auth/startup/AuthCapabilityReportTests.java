package dev.gatehouse.auth.startup;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.gatehouse.auth.annotation.PublicAccess;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.metadata.AuthMetadataResolver;
import dev.gatehouse.auth.metadata.AuthRequirement;
import dev.gatehouse.auth.metadata.EffectiveAuthMetadata;
import dev.gatehouse.auth.spi.AuthCapability;
import dev.gatehouse.auth.spi.AuthProviderContribution;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The report bean exposes what validation found, for tooling such as an Actuator
 * endpoint.
 */
class AuthCapabilityReportTests {

	@Test
	void exposesRequiredCapabilitiesProvidersAndBoundaries() {
		StartupValidationTestSupport.runner()
			.withBean(DocumentController.class)
			.withUserConfiguration(StartupValidationTestSupport.AuthenticatorConfiguration.class,
					ContributionConfiguration.class)
			.run((context) -> {
				AuthCapabilityReport report = context.getBean(AuthCapabilityReport.class);
				assertThat(report.requiredCapabilities()).containsExactly(
						Map.entry(AuthCapability.AUTHENTICATION, List.of("DocumentController#delete")),
						Map.entry(AuthCapability.ROLE_CHECK, List.of("DocumentController#delete")));
				assertThat(report.providers(AuthCapability.AUTHENTICATION))
					.isEqualTo(new AuthCapabilityReport.Providers(List.of("authenticator"), List.of("acme")));
				assertThat(report.providers(AuthCapability.ROLE_CHECK).beanNames())
					.containsExactly("contextRoleChecker");
				assertThat(report.providers(AuthCapability.RELATION_CHECK))
					.isEqualTo(AuthCapabilityReport.Providers.NONE);
				assertThat(report.providers()).containsOnlyKeys(AuthCapability.values());
				assertThat(report.boundaries()).containsExactly(
						new AuthCapabilityReport.Boundary("DocumentController#delete",
								new EffectiveAuthMetadata(false,
										List.of(AuthRequirement.authenticated(),
												AuthRequirement.role("editor", null)))),
						new AuthCapabilityReport.Boundary("DocumentController#list", EffectiveAuthMetadata.PUBLIC));
				assertThat(report.isRequired(AuthCapability.SCOPE_CHECK)).isFalse();
			});
	}

	@Test
	void isUnmodifiable() {
		StartupValidationTestSupport.runner().run((context) -> {
			AuthCapabilityReport report = context.getBean(AuthCapabilityReport.class);
			assertThat(report.requiredCapabilities()).isUnmodifiable();
			assertThat(report.providers()).isUnmodifiable();
			assertThat(report.boundaries()).isUnmodifiable();
		});
	}

	@Test
	void refusesToAnswerBeforeValidationRan() {
		AuthStartupCapabilityValidator validator = new AuthStartupCapabilityValidator(new DefaultListableBeanFactory(),
				new AuthMetadataResolver(), false);
		assertThatIllegalStateException().isThrownBy(validator::report).withMessageContaining("ObjectProvider");
	}

	static class DocumentController {

		@RequireRole("editor")
		public void delete() {
		}

		@PublicAccess
		public void list() {
		}

		public void undecorated() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ContributionConfiguration {

		@Bean
		AuthProviderContribution acmeContribution() {
			return new AuthProviderContribution("acme", Set.of(AuthCapability.AUTHENTICATION));
		}

	}

}
