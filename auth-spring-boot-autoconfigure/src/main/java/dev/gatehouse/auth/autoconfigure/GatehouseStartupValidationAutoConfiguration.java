package dev.gatehouse.auth.autoconfigure;

import dev.gatehouse.auth.metadata.AuthMetadataResolver;
import dev.gatehouse.auth.startup.AuthCapabilityReport;
import dev.gatehouse.auth.startup.AuthStartupCapabilityValidator;
import dev.gatehouse.auth.startup.PermissionResourceCheck;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * Startup validation: fails the application's startup, with a failure report, unless
 * every capability its auth annotations require is provided by exactly one bean and every
 * annotation can be enforced. Also exposes what was found as an
 * {@link AuthCapabilityReport} bean, and refuses a {@code @RequirePermission} resource
 * that the default permission checker would ignore.
 * {@code gatehouse.startup-validation.enabled=false} turns all of it off; protected calls
 * then still fail closed at call time.
 */
@AutoConfiguration(after = GatehouseAutoConfiguration.class)
@ConditionalOnGatehouseEnabled
@ConditionalOnBooleanProperty(name = "gatehouse.startup-validation.enabled", matchIfMissing = true)
@ConditionalOnBean(AuthMetadataResolver.class)
@EnableConfigurationProperties(GatehouseProperties.class)
public final class GatehouseStartupValidationAutoConfiguration {

	// Boot never makes a SmartInitializingSingleton lazy, so this runs even with
	// spring.main.lazy-initialization.
	@Bean
	@ConditionalOnMissingBean
	AuthStartupCapabilityValidator authStartupCapabilityValidator(ConfigurableListableBeanFactory beanFactory,
			AuthMetadataResolver metadataResolver, GatehouseProperties properties) {
		return new AuthStartupCapabilityValidator(beanFactory, metadataResolver,
				properties.getSnapshot().getPropagation().isEnabled());
	}

	@Bean
	@ConditionalOnMissingBean
	PermissionResourceCheck gatehousePermissionResourceCheck(ConfigurableListableBeanFactory beanFactory) {
		return new PermissionResourceCheck(beanFactory);
	}

	// Lazy: the report exists once the validator has run, after all singletons are
	// instantiated.
	@Bean
	@Lazy
	@ConditionalOnMissingBean
	AuthCapabilityReport authCapabilityReport(AuthStartupCapabilityValidator validator) {
		return validator.report();
	}

}
