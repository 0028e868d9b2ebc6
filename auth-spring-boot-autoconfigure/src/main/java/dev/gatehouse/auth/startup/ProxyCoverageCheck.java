package dev.gatehouse.auth.startup;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;

import dev.gatehouse.auth.decision.AuthorizationException;
import dev.gatehouse.auth.metadata.AuthMetadataResolver;
import dev.gatehouse.auth.metadata.Boundaries;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Advisor;
import org.springframework.aop.TargetSource;
import org.springframework.aop.framework.Advised;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.util.ClassUtils;

/**
 * Whether Gatehouse's proxy can actually enforce what the annotations say: methods a
 * CGLIB or JDK proxy cannot intercept ({@code private}, {@code static}, {@code final},
 * {@code finalize()}, package-private across packages), and created singletons that are
 * not the proxy carrying Gatehouse's advisor at all.
 */
final class ProxyCoverageCheck {

	private final ConfigurableListableBeanFactory beanFactory;

	private final AuthMetadataResolver metadataResolver;

	private final Set<Advisor> advisors;

	/**
	 * Creates the checks.
	 * @param advisors Gatehouse's advisor beans, compared by identity
	 */
	ProxyCoverageCheck(ConfigurableListableBeanFactory beanFactory, AuthMetadataResolver metadataResolver,
			Set<Advisor> advisors) {
		this.beanFactory = beanFactory;
		this.metadataResolver = metadataResolver;
		this.advisors = advisors;
	}

	void checkNotInterceptable(Method method, Unreachable unreachable, BoundaryScanResult findings) {
		String boundary = Boundaries.name(method.getDeclaringClass(), method);
		String annotation = declaredAuthAnnotation(method);
		if (annotation != null) {
			findings.problem(AuthStartupCapabilityDiagnostic.notInterceptable(boundary,
					unreachable.modifier() + " method carries " + annotation + ", but " + unreachable.why()
							+ ", so Spring would silently ignore the annotation"));
		}
		else if (unreachable.callable() && isProtectedWhereDeclared(method)) {
			findings.problem(AuthStartupCapabilityDiagnostic.notInterceptable(boundary,
					unreachable.modifier()
							+ " method is protected (by its class's annotations or the method it overrides), but "
							+ unreachable.why() + ", so calls would run unchecked"));
		}
	}

	private boolean isProtectedWhereDeclared(Method method) {
		try {
			return this.metadataResolver.resolve(method, method.getDeclaringClass()).isProtected();
		}
		catch (AuthorizationException ex) {
			// Conflicting or invalid metadata where the method is declared: nothing can
			// be said about whether
			// the method was meant to be protected; the interceptable methods of that
			// type report the problem.
			return false;
		}
	}

	static @Nullable Unreachable unreachable(Method method, Class<?> userClass) {
		int modifiers = method.getModifiers();
		if (Modifier.isStatic(modifiers)) {
			return Unreachable.STATIC;
		}
		if (Modifier.isPrivate(modifiers)) {
			return Unreachable.PRIVATE;
		}
		if (Modifier.isFinal(modifiers)) {
			return Unreachable.FINAL;
		}
		if (method.getName().equals("finalize") && method.getParameterCount() == 0) {
			return Unreachable.FINALIZE;
		}
		if (!Modifier.isPublic(modifiers) && !Modifier.isProtected(modifiers)) {
			String declaredIn = ClassUtils.getPackageName(method.getDeclaringClass());
			String proxiedIn = ClassUtils.getPackageName(userClass);
			if (!declaredIn.equals(proxiedIn)) {
				return new Unreachable("package-private", "the proxy, generated in package " + proxiedIn
						+ ", cannot override a package-private method of package " + declaredIn, true);
			}
		}
		return null;
	}

	/**
	 * Names the Gatehouse annotation the method itself carries, directly or through a
	 * composed annotation.
	 */
	private static @Nullable String declaredAuthAnnotation(Method method) {
		for (MergedAnnotation<Annotation> annotation : MergedAnnotations.from(method)) {
			Class<? extends Annotation> type = annotation.getType();
			if (AuthMetadataResolver.AUTH_ANNOTATIONS.contains(type)) {
				String name = "@" + type.getSimpleName();
				if (annotation.getDistance() == 0) {
					return name;
				}
				return "@" + annotation.getRoot().getType().getSimpleName() + " (composing " + name + ")";
			}
		}
		return null;
	}

	/**
	 * A created singleton whose class has protected methods must be the proxy carrying
	 * Gatehouse's advisor; otherwise every call to it runs unchecked. Spring itself only
	 * logs that such a bean "is not eligible for getting processed by all
	 * BeanPostProcessors".
	 */
	void checkProxied(String beanName, Class<?> userClass, BoundaryScanResult findings) {
		Object singleton = this.beanFactory.containsSingleton(beanName) ? this.beanFactory.getSingleton(beanName)
				: null;
		if (singleton == null || singleton instanceof FactoryBean || carriesAdvisor(singleton)) {
			return;
		}
		String why;
		if (!this.beanFactory.containsBeanDefinition(beanName)) {
			why = "was registered as a ready-made singleton (registerSingleton), so no BeanPostProcessor wrapped it";
		}
		else if (singleton instanceof Advised) {
			why = "is a proxy, but not one carrying Gatehouse's advisor";
		}
		else {
			why = "was created before Gatehouse's proxying applied (typically because a BeanPostProcessor, or "
					+ "something it depends on, injects it; Spring logs that it is not eligible for getting "
					+ "processed by all BeanPostProcessors)";
		}
		findings.problem(AuthStartupCapabilityDiagnostic.notProxied(beanName, "bean of type " + userClass.getName()
				+ " has protected methods but " + why + ", so calls to them would run unchecked"));
	}

	private boolean carriesAdvisor(Object bean) {
		Object current = bean;
		// Look through nested proxies (a proxy around another proxy) down to the target.
		for (int depth = 0; depth < 16 && current instanceof Advised advised; depth++) {
			for (Advisor advisor : advised.getAdvisors()) {
				if (this.advisors.contains(advisor)) {
					return true;
				}
			}
			TargetSource targetSource = advised.getTargetSource();
			if (!targetSource.isStatic()) {
				return false;
			}
			try {
				current = targetSource.getTarget();
			}
			catch (Exception ex) {
				return false;
			}
		}
		return false;
	}

	/**
	 * Why the proxy cannot intercept a method.
	 *
	 * @param modifier the modifier named in the diagnostic
	 * @param why the explanation
	 * @param callable whether callers can still invoke the method on the bean, so that
	 * class-level protection would silently not apply to it
	 */
	record Unreachable(String modifier, String why, boolean callable) {

		static final Unreachable STATIC = new Unreachable("static", "no proxy sees calls to static methods", false);

		static final Unreachable PRIVATE = new Unreachable("private", "a proxy cannot intercept private methods",
				false);

		static final Unreachable FINAL = new Unreachable("final", "a CGLIB proxy cannot override final methods", true);

		// Only the garbage collector calls finalize(), and Spring's proxies never
		// intercept it.
		static final Unreachable FINALIZE = new Unreachable("finalize()", "Spring's proxies never intercept finalize()",
				false);

	}

}
