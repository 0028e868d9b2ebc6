package dev.gatehouse.auth.autoconfigure.core;

import dev.gatehouse.auth.startup.ConfigurationProblems;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link ConfigurationProblems} that feature configurations record into, so that
 * their problems join startup validation's one failure report.
 */
@Configuration(proxyBeanMethods = false)
class ConfigurationProblemsConfiguration {

	// Static: the feature configurations record their problems here while their beans are
	// created, before this configuration class is needed for anything else.
	@Bean
	@ConditionalOnMissingBean
	static ConfigurationProblems gatehouseConfigurationProblems(ListableBeanFactory beanFactory) {
		return new ConfigurationProblems(beanFactory);
	}

}
