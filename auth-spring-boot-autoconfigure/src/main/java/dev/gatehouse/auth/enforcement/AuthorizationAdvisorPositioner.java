package dev.gatehouse.auth.enforcement;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Keeps the {@link AuthorizationAdvisor} first in a proxy's chain.
 *
 * <p>
 * Post-processors such as Spring's {@code AsyncAnnotationBeanPostProcessor} add their
 * advisor in front of the existing ones after auto-proxying, which would move the
 * authorization check onto the async executor's thread. This post-processor runs after
 * them (it is deliberately not {@code Ordered}) and moves the authorization advisor back
 * to the front, so a refused {@code @Async} call fails on the caller's thread and never
 * reaches the executor.
 */
public final class AuthorizationAdvisorPositioner implements BeanPostProcessor {

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof Advised advised && !advised.isFrozen()) {
			Advisor[] advisors = advised.getAdvisors();
			for (int i = 1; i < advisors.length; i++) {
				if (advisors[i] instanceof AuthorizationAdvisor authorizationAdvisor) {
					advised.removeAdvisor(i);
					advised.addAdvisor(0, authorizationAdvisor);
					break;
				}
			}
		}
		return bean;
	}

}
