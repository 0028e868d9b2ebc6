package dev.gatehouse.auth.enforcement;

import java.lang.reflect.Method;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.gatehouse.auth.metadata.AuthMetadataResolver;
import org.aopalliance.aop.Advice;

import org.springframework.aop.ClassFilter;
import org.springframework.aop.MethodMatcher;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcher;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Applies the {@link AuthorizationMethodInterceptor} to exactly the methods with protected metadata, at
 * {@link Ordered#HIGHEST_PRECEDENCE} so the check runs on the caller's thread before {@code @Async},
 * {@code @Transactional} or {@code @Cacheable}. Classes without any Gatehouse annotation are rejected by the
 * class filter and never proxied.
 *
 * <p>Conflicting or invalid metadata surfaces here, while proxies are created, so it fails startup.
 */
public final class AuthorizationAdvisor extends AbstractPointcutAdvisor {

	private final transient Pointcut pointcut;

	private final transient AuthorizationMethodInterceptor interceptor;

	/**
	 * Creates the advisor.
	 * @param metadataResolver resolves metadata for the pointcut
	 * @param interceptor the enforcing interceptor
	 */
	public AuthorizationAdvisor(AuthMetadataResolver metadataResolver, AuthorizationMethodInterceptor interceptor) {
		this.pointcut = new ProtectedMethodPointcut(metadataResolver);
		this.interceptor = interceptor;
		setOrder(Ordered.HIGHEST_PRECEDENCE);
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Advice getAdvice() {
		return this.interceptor;
	}

	/** Matches methods whose effective metadata is protected. */
	private static final class ProtectedMethodPointcut extends StaticMethodMatcher implements Pointcut {

		private final AuthMetadataResolver metadataResolver;

		private final ClassFilter classFilter;

		private final Set<Class<?>> validatedTypes = ConcurrentHashMap.newKeySet();

		ProtectedMethodPointcut(AuthMetadataResolver metadataResolver) {
			this.metadataResolver = metadataResolver;
			this.classFilter = this::matchesType;
		}

		private boolean matchesType(Class<?> type) {
			if (!this.metadataResolver.hasAuthAnnotations(type)) {
				return false;
			}
			Class<?> userClass = ClassUtils.getUserClass(type);
			if (!this.validatedTypes.contains(userClass)) {
				// The proxy creator stops at the first matching method (and JDK proxies never look at the
				// others), so resolve every method now: conflicting or invalid metadata anywhere in the class
				// must fail startup, not the first call of that method.
				ReflectionUtils.doWithMethods(userClass, (method) -> this.metadataResolver.resolve(method, userClass),
						ReflectionUtils.USER_DECLARED_METHODS);
				this.validatedTypes.add(userClass);
			}
			return true;
		}

		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			return this.metadataResolver.resolve(method, targetClass).isProtected();
		}

		@Override
		public ClassFilter getClassFilter() {
			return this.classFilter;
		}

		@Override
		public MethodMatcher getMethodMatcher() {
			return this;
		}

	}

}
