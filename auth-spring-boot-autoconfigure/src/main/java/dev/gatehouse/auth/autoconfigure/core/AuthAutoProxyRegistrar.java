package dev.gatehouse.auth.autoconfigure.core;

import org.springframework.aop.config.AopConfigUtils;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Makes sure an auto-proxy creator exists even when Boot's AOP auto-configuration is off
 * ({@code spring.aop.auto=false}), so that enforcement cannot be switched off by
 * accident. When one exists already it is kept as it is, proxy-target-class setting
 * included.
 */
final class AuthAutoProxyRegistrar implements ImportBeanDefinitionRegistrar {

	@Override
	public void registerBeanDefinitions(AnnotationMetadata importingClassMetadata, BeanDefinitionRegistry registry) {
		AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
	}

}
