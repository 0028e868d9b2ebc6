package dev.gatehouse.auth.autoconfigure.startup;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.gatehouse.auth.autoconfigure.authzen.GatehouseAuthZenProperties;
import dev.gatehouse.auth.autoconfigure.audit.GatehouseAuditProperties;
import dev.gatehouse.auth.autoconfigure.checker.GatehouseCacheProperties;
import dev.gatehouse.auth.autoconfigure.core.GatehouseProperties;
import dev.gatehouse.auth.autoconfigure.jwt.GatehouseJwtProperties;
import dev.gatehouse.auth.autoconfigure.observation.GatehouseObservationProperties;
import dev.gatehouse.auth.autoconfigure.outbound.GatehouseOutboundProperties;
import dev.gatehouse.auth.autoconfigure.snapshot.GatehouseSnapshotProperties;
import dev.gatehouse.auth.autoconfigure.springsecurity.GatehouseSpringSecurityProperties;
import dev.gatehouse.auth.autoconfigure.web.GatehouseWebProperties;
import dev.gatehouse.auth.startup.OptionalDependencyCheck;
import dev.gatehouse.auth.startup.UnknownPropertiesCheck;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The configuration checks whose problems join startup validation's one failure report:
 * unknown {@code gatehouse.*} keys, judged against every feature's properties class
 * whether or not the feature is active, and properties whose optional dependency is
 * missing.
 */
@Configuration(proxyBeanMethods = false)
class ConfigurationChecksConfiguration {

	/**
	 * Every Gatehouse properties class by its prefix. All of them, not only those of the
	 * features that are active: a key of a feature that is off (JWT without
	 * spring-security-oauth2-jose, say) is still a valid key.
	 */
	static Map<String, Class<?>> propertiesClasses() {
		Map<String, Class<?>> targets = new LinkedHashMap<>();
		targets.put("gatehouse", GatehouseProperties.class);
		targets.put("gatehouse.jwt", GatehouseJwtProperties.class);
		targets.put("gatehouse.web", GatehouseWebProperties.class);
		targets.put("gatehouse.snapshot", GatehouseSnapshotProperties.class);
		targets.put("gatehouse.cache", GatehouseCacheProperties.class);
		targets.put("gatehouse.observation", GatehouseObservationProperties.class);
		targets.put("gatehouse.audit", GatehouseAuditProperties.class);
		targets.put("gatehouse.outbound", GatehouseOutboundProperties.class);
		targets.put("gatehouse.spring-security", GatehouseSpringSecurityProperties.class);
		targets.put("gatehouse.authzen", GatehouseAuthZenProperties.class);
		return targets;
	}

	@Bean
	@ConditionalOnMissingBean
	static UnknownPropertiesCheck gatehouseUnknownPropertiesCheck(ConfigurableListableBeanFactory beanFactory,
			Environment environment) {
		Binder binder = Binder.get(environment);
		return new UnknownPropertiesCheck(beanFactory, binder, propertiesClasses(),
				binder.bind(UnknownPropertiesCheck.STRICT_PROPERTY, Boolean.class).orElse(true));
	}

	@Bean
	@ConditionalOnMissingBean
	static OptionalDependencyCheck gatehouseOptionalDependencyCheck(ConfigurableListableBeanFactory beanFactory,
			Environment environment) {
		ClassLoader classLoader = Objects.requireNonNullElse(beanFactory.getBeanClassLoader(),
				ConfigurationChecksConfiguration.class.getClassLoader());
		return new OptionalDependencyCheck(beanFactory, Binder.get(environment), classLoader,
				OptionalDependencies.requirements(beanFactory, classLoader));
	}

}
