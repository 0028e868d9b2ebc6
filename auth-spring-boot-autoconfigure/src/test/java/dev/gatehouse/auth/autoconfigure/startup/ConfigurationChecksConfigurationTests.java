package dev.gatehouse.auth.autoconfigure.startup;

import java.util.Map;
import java.util.TreeMap;

import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.startup.OptionalDependencyCheck;
import dev.gatehouse.auth.startup.UnknownPropertiesCheck;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration checks judge keys against every feature's properties class, whether
 * or not the feature's auto-configuration is active, and run with startup validation
 * switched off too.
 */
class ConfigurationChecksConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, GatehouseAutoConfiguration.class,
				GatehouseStartupValidationAutoConfiguration.class));

	@Test
	void knowsEveryPropertiesClassOfTheAutoConfiguration() {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
		Map<String, Class<?>> declared = new TreeMap<>();
		scanner.findCandidateComponents("dev.gatehouse.auth.autoconfigure").forEach((candidate) -> {
			Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), getClass().getClassLoader());
			declared.put(MergedAnnotations.from(type).get(ConfigurationProperties.class).getString("prefix"), type);
		});
		assertThat(declared).as("@ConfigurationProperties classes under dev.gatehouse.auth.autoconfigure")
			.hasSizeGreaterThan(1)
			.isEqualTo(new TreeMap<>(ConfigurationChecksConfiguration.propertiesClasses()));
	}

	@Test
	void acceptsTheKeysOfFeaturesWhoseAutoConfigurationIsNotActive() {
		this.runner
			.withPropertyValues("gatehouse.jwt.roles-claim=groups", "gatehouse.web.require-explicit-access=false",
					"gatehouse.snapshot.ttl=2m", "gatehouse.cache.ttl=10s", "gatehouse.observation.enabled=true",
					"gatehouse.audit.allowed=true", "gatehouse.outbound.timeout=3s",
					"gatehouse.permissions.claim=perms", "gatehouse.api-key-header=X-Key")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(UnknownPropertiesCheck.class).diagnostics()).isEmpty();
			});
	}

	@Test
	void runsTheChecksWithStartupValidationSwitchedOff() {
		this.runner.withPropertyValues("gatehouse.startup-validation.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(UnknownPropertiesCheck.class)
				.hasSingleBean(OptionalDependencyCheck.class);
			assertThat(context).doesNotHaveBean("authStartupCapabilityValidator");
		});
	}

}
