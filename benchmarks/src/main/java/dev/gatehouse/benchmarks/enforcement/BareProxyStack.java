package dev.gatehouse.benchmarks.enforcement;

import java.lang.reflect.Method;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.aop.support.StaticMethodMatcherPointcutAdvisor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;

/**
 * The baseline stack: Boot's AOP auto-configuration and one advisor whose interceptor
 * only proceeds, so a call pays for exactly what every advised call pays for (the CGLIB
 * proxy, the cached advisor chain, the method invocation object) and nothing for
 * security.
 */
@State(Scope.Benchmark)
public class BareProxyStack {

	/**
	 * The argument passed on every call; a field rather than a constant so the JIT cannot
	 * fold it.
	 */
	public String orderId = "order-42";

	BareOrderService orders;

	private AnnotationConfigApplicationContext context;

	/** Starts the Spring context and looks up the proxied service. */
	@Setup(Level.Trial)
	public void start() {
		this.context = new AnnotationConfigApplicationContext(BareProxyConfiguration.class);
		this.orders = Stacks.requireProxy(this.context.getBean(BareOrderService.class));
	}

	/** Closes the Spring context. */
	@TearDown(Level.Trial)
	public void stop() {
		this.context.close();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(AopAutoConfiguration.class)
	static class BareProxyConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static NoOpAdvisor noOpAdvisor() {
			return new NoOpAdvisor();
		}

		@Bean
		BareOrderService bareOrderService() {
			return new BareOrderService();
		}

	}

	/**
	 * Shaped like Gatehouse's advisor (highest precedence, a class filter and a static
	 * method matcher), so the two proxies differ only in what the interceptor does.
	 */
	static final class NoOpAdvisor extends StaticMethodMatcherPointcutAdvisor {

		private static final long serialVersionUID = 1L;

		NoOpAdvisor() {
			super(new NoOpInterceptor());
			setOrder(Ordered.HIGHEST_PRECEDENCE);
			setClassFilter(BareOrderService.class::isAssignableFrom);
		}

		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			return method.getDeclaringClass() == BareOrderService.class;
		}

	}

	/** Proceeds, and does nothing else. */
	static final class NoOpInterceptor implements MethodInterceptor {

		@Override
		public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
			return invocation.proceed();
		}

	}

}
