package dev.gatehouse.auth.autoconfigure.startup;

import dev.gatehouse.auth.autoconfigure.snapshot.GatehouseSnapshotProperties;
import dev.gatehouse.auth.metadata.AuthMetadataResolver;
import dev.gatehouse.auth.startup.AuthCapabilityReport;
import dev.gatehouse.auth.startup.AuthStartupCapabilityValidator;
import dev.gatehouse.auth.startup.PermissionResourceCheck;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The startup validator, the permission resource check and the capability report, unless
 * {@code gatehouse.startup-validation.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "gatehouse.startup-validation.enabled", matchIfMissing = true)
@ConditionalOnBean(AuthMetadataResolver.class)
class StartupValidationConfiguration {

	// Boot never makes a SmartInitializingSingleton lazy, so this runs even with
	// spring.main.lazy-initialization.
	@Bean
	@ConditionalOnMissingBean
	AuthStartupCapabilityValidator authStartupCapabilityValidator(ConfigurableListableBeanFactory beanFactory,
			AuthMetadataResolver metadataResolver, GatehouseSnapshotProperties snapshot) {
		return new AuthStartupCapabilityValidator(beanFactory, metadataResolver, snapshot.getPropagation().isEnabled());
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
