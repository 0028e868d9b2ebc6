package dev.gatehouse.auth.enforcement;

import java.lang.reflect.Method;
import java.util.Objects;

import dev.gatehouse.auth.decision.AuthorizationException;
import dev.gatehouse.auth.metadata.AuthMetadataResolver;
import org.aopalliance.aop.Advice;

import org.springframework.aop.ClassFilter;
import org.springframework.aop.MethodMatcher;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcher;
import org.springframework.core.Ordered;

/**
 * Applies the {@link AuthorizationMethodInterceptor} to exactly the methods with
 * protected metadata, at {@link Ordered#HIGHEST_PRECEDENCE} so the check runs on the
 * caller's thread before {@code @Async}, {@code @Transactional} or {@code @Cacheable}.
 * Classes without any Gatehouse annotation are rejected by the class filter and never
 * proxied.
 *
 * <p>
 * A method whose metadata is conflicting or invalid is matched (proxied) rather than
 * rejected: every call to it then fails closed with the resolver's exception from the
 * interceptor, and startup validation reports the problem, together with all others, in
 * one failure report instead of a bare proxy-creation error.
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
		this.pointcut = new ProtectedMethodPointcut(
				Objects.requireNonNull(metadataResolver, "metadataResolver must not be null"));
		this.interceptor = Objects.requireNonNull(interceptor, "interceptor must not be null");
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

		ProtectedMethodPointcut(AuthMetadataResolver metadataResolver) {
			this.metadataResolver = metadataResolver;
			this.classFilter = metadataResolver::hasAuthAnnotations;
		}

		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			try {
				return this.metadataResolver.resolve(method, targetClass).isProtected();
			}
			catch (AuthorizationException ex) {
				// Conflicting or invalid metadata: intercept, so that the interceptor's
				// own resolution throws on
				// every call and the method body never runs, whether or not startup
				// validation is enabled.
				return true;
			}
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
