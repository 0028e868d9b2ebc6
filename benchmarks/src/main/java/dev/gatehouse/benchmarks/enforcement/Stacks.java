package dev.gatehouse.benchmarks.enforcement;

import org.springframework.aop.support.AopUtils;

/**
 * Checks shared by the stacks' setups.
 */
final class Stacks {

	private Stacks() {
	}

	/**
	 * Returns the bean if it is an AOP proxy, so that a benchmark never silently measures
	 * a plain object.
	 * @param <T> the bean type
	 * @param bean the bean from the context
	 * @return the same bean
	 * @throws IllegalStateException when the bean was not proxied
	 */
	static <T> T requireProxy(T bean) {
		if (!AopUtils.isAopProxy(bean)) {
			throw new IllegalStateException(bean.getClass().getName()
					+ " was not proxied: the benchmark would measure a plain method call. Check the stack's "
					+ "configuration and annotations.");
		}
		return bean;
	}

}
