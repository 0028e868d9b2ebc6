package dev.gatehouse.auth.autoconfigure.jwt;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.NamedBeanHolder;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The application's one {@link JwtDecoder} bean (unique, or the primary one), with its
 * name and, where the bean definition tells it, what defined it: the configuration class
 * and {@code @Bean} method (such as Spring Authorization Server's auto-configuration), or
 * the resource it was read from. Failure reports name it, so that the user knows which
 * bean Gatehouse found.
 *
 * @param name the bean name
 * @param decoder the bean
 * @param origin what defined it, or {@code null} when the bean factory does not say
 */
record JwtDecoderBean(String name, JwtDecoder decoder, @Nullable String origin) {

	/**
	 * Returns the unique (or primary) {@link JwtDecoder} bean, creating it if need be.
	 * @param beanFactory the bean factory
	 * @return the bean, or {@code null} when there is none or several and none primary
	 */
	static @Nullable JwtDecoderBean find(ConfigurableListableBeanFactory beanFactory) {
		NamedBeanHolder<JwtDecoder> holder;
		try {
			holder = beanFactory.resolveNamedBean(JwtDecoder.class);
		}
		catch (NoSuchBeanDefinitionException ex) {
			// Also NoUniqueBeanDefinitionException: several decoders are none to use.
			return null;
		}
		return new JwtDecoderBean(holder.getBeanName(), holder.getBeanInstance(),
				origin(beanFactory, holder.getBeanName()));
	}

	/**
	 * Describes the bean for a failure report: its name and what defined it.
	 * @return for example {@code 'jwtDecoder' (defined by
	 * org.example.SecurityConfiguration.jwtDecoder())}
	 */
	String description() {
		return "'" + this.name + "'" + ((this.origin != null) ? " (defined by " + this.origin + ")" : "");
	}

	private static @Nullable String origin(ConfigurableListableBeanFactory beanFactory, String name) {
		if (!beanFactory.containsBeanDefinition(name)) {
			return null;
		}
		BeanDefinition definition = beanFactory.getMergedBeanDefinition(name);
		String factoryMethod = definition.getFactoryMethodName();
		String factoryBean = definition.getFactoryBeanName();
		String factoryClass = (factoryBean != null && beanFactory.containsBeanDefinition(factoryBean))
				? beanFactory.getMergedBeanDefinition(factoryBean).getBeanClassName()
				: (factoryMethod != null) ? definition.getBeanClassName() : null;
		if (factoryClass != null) {
			return readable(factoryClass) + ((factoryMethod != null) ? "." + factoryMethod + "()" : "");
		}
		return definition.getResourceDescription();
	}

	// A configuration class's bean class is its CGLIB subclass; nested classes read
	// better with a dot, as in their source.
	private static String readable(String className) {
		int generated = className.indexOf("$$");
		return ((generated > 0) ? className.substring(0, generated) : className).replace('$', '.');
	}

}
