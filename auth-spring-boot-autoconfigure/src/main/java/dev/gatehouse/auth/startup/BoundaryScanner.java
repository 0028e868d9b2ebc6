package dev.gatehouse.auth.startup;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.gatehouse.auth.metadata.AuthMetadataResolver;
import dev.gatehouse.auth.metadata.AuthRequirement;
import dev.gatehouse.auth.metadata.AuthRequirementKind;
import dev.gatehouse.auth.metadata.Boundaries;
import dev.gatehouse.auth.metadata.ConflictingAuthMetadataException;
import dev.gatehouse.auth.metadata.EffectiveAuthMetadata;
import dev.gatehouse.auth.metadata.InvalidAuthMetadataException;
import dev.gatehouse.auth.metadata.TypeHierarchy;
import dev.gatehouse.auth.spi.AuthCapability;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Visits every bean once per class (bean definitions, then singletons registered without
 * one), resolves each method's metadata as enforcement will, and records boundaries,
 * required capabilities and problems, leaving the interceptability checks to
 * {@link ProxyCoverageCheck}.
 */
final class BoundaryScanner {

	// The validator's name: operators switch one logger to DEBUG to see what validation
	// skipped.
	private static final Log logger = LogFactory.getLog(AuthStartupCapabilityValidator.class);

	private final ConfigurableListableBeanFactory beanFactory;

	private final AuthMetadataResolver metadataResolver;

	private final ProxyCoverageCheck interceptability;

	BoundaryScanner(ConfigurableListableBeanFactory beanFactory, AuthMetadataResolver metadataResolver,
			ProxyCoverageCheck interceptability) {
		this.beanFactory = beanFactory;
		this.metadataResolver = metadataResolver;
		this.interceptability = interceptability;
	}

	void scan(BoundaryScanResult findings) {
		Set<Class<?>> seen = new HashSet<>();
		for (String beanName : beanNames()) {
			Class<?> userClass = userClass(beanName);
			if (userClass == null) {
				continue;
			}
			if (seen.add(userClass)) {
				findings.classScanned();
				if (this.metadataResolver.hasAuthAnnotations(userClass)) {
					inspect(userClass, findings);
				}
			}
			if (findings.isIntercepted(userClass)) {
				this.interceptability.checkProxied(beanName, userClass, findings);
			}
		}
	}

	/**
	 * Bean definitions, then singletons registered without one
	 * ({@code registerSingleton}).
	 */
	private Set<String> beanNames() {
		Set<String> names = new LinkedHashSet<>(List.of(this.beanFactory.getBeanDefinitionNames()));
		names.addAll(List.of(this.beanFactory.getSingletonNames()));
		return names;
	}

	/**
	 * The class to validate a bean by, or {@code null} for abstract definitions and
	 * undeterminable types.
	 */
	private @Nullable Class<?> userClass(String beanName) {
		try {
			if (this.beanFactory.containsBeanDefinition(beanName)
					&& this.beanFactory.getMergedBeanDefinition(beanName).isAbstract()) {
				return null;
			}
			Object singleton = this.beanFactory.containsSingleton(beanName) ? this.beanFactory.getSingleton(beanName)
					: null;
			if (singleton != null && !(singleton instanceof FactoryBean)) {
				// The created object shows the concrete class even where the definition
				// only declares an interface.
				return ClassUtils.getUserClass(AopProxyUtils.ultimateTargetClass(singleton));
			}
			// Predicted from the definition; false: never initialise a FactoryBean just
			// to ask for its type.
			Class<?> type = this.beanFactory.getType(beanName, false);
			if (type == null) {
				logSkipped(beanName, "its type cannot be determined without creating it");
				return null;
			}
			return ClassUtils.getUserClass(type);
		}
		catch (BeansException | LinkageError ex) {
			logSkipped(beanName, "its type cannot be determined (" + ex + ")");
			return null;
		}
	}

	private static void logSkipped(String beanName, String reason) {
		if (logger.isDebugEnabled()) {
			logger.debug("Gatehouse startup validation skipped bean '" + beanName + "': " + reason);
		}
	}

	private void inspect(Class<?> userClass, BoundaryScanResult findings) {
		if (userClass.isInterface() || Proxy.isProxyClass(userClass) || ClassUtils.isLambdaClass(userClass)) {
			inspectInterfaces(userClass, findings);
			return;
		}
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(userClass,
				ReflectionUtils.USER_DECLARED_METHODS)) {
			if (Boundaries.isObjectMethod(method)) {
				continue;
			}
			ProxyCoverageCheck.Unreachable unreachable = ProxyCoverageCheck.unreachable(method, userClass);
			if (unreachable != null) {
				this.interceptability.checkNotInterceptable(method, unreachable, findings);
			}
			else {
				inspectBoundary(method, userClass, Boundaries.name(userClass, method), findings);
			}
		}
	}

	/**
	 * Interfaces and JDK proxies: a JDK proxy intercepts every interface method that is
	 * not static or private.
	 */
	private void inspectInterfaces(Class<?> userClass, BoundaryScanResult findings) {
		for (Class<?> type : TypeHierarchy.allInterfaces(userClass)) {
			for (Method method : type.getDeclaredMethods()) {
				if (method.isBridge() || method.isSynthetic() || Boundaries.isObjectMethod(method)) {
					continue;
				}
				int modifiers = method.getModifiers();
				if (Modifier.isStatic(modifiers) || Modifier.isPrivate(modifiers)) {
					this.interceptability.checkNotInterceptable(method, Modifier.isStatic(modifiers)
							? ProxyCoverageCheck.Unreachable.STATIC : ProxyCoverageCheck.Unreachable.PRIVATE, findings);
				}
				else {
					inspectBoundary(method, userClass, Boundaries.name(type, method), findings);
				}
			}
		}
	}

	private void inspectBoundary(Method method, Class<?> userClass, String boundary, BoundaryScanResult findings) {
		EffectiveAuthMetadata metadata;
		try {
			metadata = this.metadataResolver.resolve(method, userClass);
		}
		catch (ConflictingAuthMetadataException ex) {
			findings.problem(AuthStartupCapabilityDiagnostic.conflictingMetadata(boundary, ex.getMessage()));
			return;
		}
		catch (InvalidAuthMetadataException ex) {
			findings.problem(AuthStartupCapabilityDiagnostic.invalidMetadata(boundary, ex.getMessage()));
			return;
		}
		if (!metadata.isBoundary()) {
			return;
		}
		if (metadata.isProtected()) {
			findings.intercepted(userClass);
		}
		findings.boundary(new AuthCapabilityReport.Boundary(boundary, metadata));
		for (AuthRequirement requirement : metadata.requirements()) {
			findings.require(capabilityOf(requirement.kind()), boundary);
		}
	}

	private static AuthCapability capabilityOf(AuthRequirementKind kind) {
		return switch (kind) {
			case AUTHENTICATED -> AuthCapability.AUTHENTICATION;
			case ROLE -> AuthCapability.ROLE_CHECK;
			case SCOPE -> AuthCapability.SCOPE_CHECK;
			case PERMISSION -> AuthCapability.PERMISSION_CHECK;
			case RELATION -> AuthCapability.RELATION_CHECK;
			case POLICY -> AuthCapability.POLICY_EVALUATION;
		};
	}

}
