package dev.gatehouse.auth.startup;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import dev.gatehouse.auth.enforcement.AuthorizationAdvisor;
import dev.gatehouse.auth.error.AuthStartupCapabilityValidationException;
import dev.gatehouse.auth.error.AuthorizationException;
import dev.gatehouse.auth.error.ConflictingAuthMetadataException;
import dev.gatehouse.auth.error.InvalidAuthMetadataException;
import dev.gatehouse.auth.metadata.AuthMetadataResolver;
import dev.gatehouse.auth.metadata.AuthRequirement;
import dev.gatehouse.auth.metadata.AuthRequirementKind;
import dev.gatehouse.auth.metadata.Boundaries;
import dev.gatehouse.auth.metadata.EffectiveAuthMetadata;
import dev.gatehouse.auth.metadata.TypeHierarchy;
import dev.gatehouse.auth.spi.AuthCapability;
import dev.gatehouse.auth.spi.AuthProviderContribution;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Advisor;
import org.springframework.aop.TargetSource;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Fails startup unless every capability the application's auth annotations require is provided by exactly
 * one bean, and unless every annotated method can actually be enforced.
 *
 * <p>Runs once, after all singletons are instantiated. It scans every bean definition's user class once
 * (cached per class), without instantiating lazy beans or {@link FactoryBean}s: for a created singleton it
 * looks through CGLIB and JDK proxies to the target class, otherwise it uses the type the bean factory
 * predicts. A bean whose type cannot be determined is skipped (logged at DEBUG).
 *
 * <p>Required capabilities: every protected boundary requires {@link AuthCapability#AUTHENTICATION}, each
 * requirement kind its checker's capability, and {@code gatehouse.snapshot.propagation.enabled=true} requires
 * {@link AuthCapability#SNAPSHOT_SIGN} and {@link AuthCapability#SNAPSHOT_VERIFY}. Providers are the autowire
 * candidate beans assignable to a capability's port type; capabilities nothing requires are never checked.
 * {@code requiredBy} entries are {@code SimpleClassName#method}, sorted and deduplicated, so overloads of one
 * method appear once: that is the name a developer searches for.
 *
 * <p>What a proxy can intercept: Spring Boot proxies classes with CGLIB, a subclass generated in the bean
 * class's package that intercepts a call only by overriding the method. It therefore cannot intercept
 * {@code private}, {@code static} or {@code final} methods, nor package-private methods declared in a
 * superclass from another package. Such a method fails validation when it carries a Gatehouse annotation
 * itself (directly or through a composed annotation), and a non-private, non-static one also when it is
 * protected in the type that declares it (by that type's class-level annotations or the method it overrides),
 * since it would look covered and run unchecked. Final methods inherited from an unannotated superclass are
 * not reported: their author did not declare them protected, and framework base classes have many. Beans whose
 * class is a JDK proxy or a lambda are proxied through their interfaces, whose non-static, non-private methods
 * are all interceptable.
 */
public final class AuthStartupCapabilityValidator implements SmartInitializingSingleton {

	/** The property that makes snapshot signing and verification required. */
	public static final String SNAPSHOT_PROPAGATION_PROPERTY = "gatehouse.snapshot.propagation.enabled";

	private static final Log logger = LogFactory.getLog(AuthStartupCapabilityValidator.class);


	private static final Comparator<AuthCapabilityReport.Boundary> BOUNDARY_ORDER = Comparator
		.comparing(AuthCapabilityReport.Boundary::name)
		.thenComparing((boundary) -> boundary.metadata().toString());

	private final ConfigurableListableBeanFactory beanFactory;

	private final AuthMetadataResolver metadataResolver;

	private final boolean snapshotPropagationEnabled;

	private volatile @Nullable AuthCapabilityReport report;

	/**
	 * Creates the validator.
	 * @param beanFactory the factory whose bean definitions are scanned
	 * @param metadataResolver the resolver enforcement uses, so validation sees exactly the enforced metadata
	 * @param snapshotPropagationEnabled whether {@code gatehouse.snapshot.propagation.enabled} is set
	 */
	public AuthStartupCapabilityValidator(ConfigurableListableBeanFactory beanFactory,
			AuthMetadataResolver metadataResolver, boolean snapshotPropagationEnabled) {
		this.beanFactory = Objects.requireNonNull(beanFactory, "beanFactory must not be null");
		this.metadataResolver = Objects.requireNonNull(metadataResolver, "metadataResolver must not be null");
		this.snapshotPropagationEnabled = snapshotPropagationEnabled;
	}

	/**
	 * Scans the application and fails startup if anything cannot be enforced.
	 * @throws AuthStartupCapabilityValidationException carrying every problem found, sorted
	 */
	@Override
	public void afterSingletonsInstantiated() {
		long start = System.nanoTime();
		Findings findings = scan();
		Map<AuthCapability, AuthCapabilityReport.Providers> providers = findProviders();
		AuthCapabilityReport result = findings.toReport(providers);
		List<AuthStartupCapabilityDiagnostic> diagnostics = diagnose(result, findings, contributed());
		if (logger.isInfoEnabled()) {
			logger.info(summary(result, findings.scannedClasses, diagnostics.size(), System.nanoTime() - start));
		}
		this.report = result;
		if (!diagnostics.isEmpty()) {
			throw new AuthStartupCapabilityValidationException(diagnostics);
		}
	}

	/**
	 * One line saying what validation found, for example {@code Gatehouse startup validation: 12 protected
	 * boundaries (3 public); required AUTHENTICATION by apiKeyAuthenticator, ROLE_CHECK by contextRoleChecker;
	 * 240 classes scanned in 18 ms; 0 problems}.
	 */
	static String summary(AuthCapabilityReport report, int scannedClasses, int problems, long nanos) {
		long protectedCount = report.boundaries().stream().filter((boundary) -> boundary.metadata().isProtected())
			.count();
		StringBuilder line = new StringBuilder("Gatehouse startup validation: ").append(protectedCount)
			.append(" protected boundaries (")
			.append(report.boundaries().size() - protectedCount)
			.append(" public); required ");
		if (report.requiredCapabilities().isEmpty()) {
			line.append("nothing");
		}
		String separator = "";
		for (AuthCapability capability : report.requiredCapabilities().keySet()) {
			List<String> providers = report.providers(capability).beanNames();
			line.append(separator)
				.append(capability.name())
				.append(" by ")
				.append(providers.isEmpty() ? "no provider" : String.join(" and ", providers));
			separator = ", ";
		}
		return line.append("; ")
			.append(scannedClasses)
			.append(" classes scanned in ")
			.append(nanos / 1_000_000)
			.append(" ms; ")
			.append(problems)
			.append(problems == 1 ? " problem" : " problems")
			.toString();
	}

	/**
	 * Returns what validation found.
	 * @return the report
	 * @throws IllegalStateException when called before validation ran, that is before all singletons were
	 * instantiated; look the report up lazily (for example through an {@code ObjectProvider}) instead
	 */
	public AuthCapabilityReport report() {
		AuthCapabilityReport result = this.report;
		if (result == null) {
			throw new IllegalStateException("The Gatehouse capability report is available once all singletons "
					+ "are instantiated; look it up lazily, for example through an ObjectProvider");
		}
		return result;
	}

	private Findings scan() {
		Findings findings = new Findings();
		Set<Class<?>> seen = new HashSet<>();
		Set<Advisor> advisors = Collections.newSetFromMap(new IdentityHashMap<>());
		advisors.addAll(this.beanFactory.getBeansOfType(AuthorizationAdvisor.class, false, false).values());
		for (String beanName : beanNames()) {
			Class<?> userClass = userClass(beanName);
			if (userClass == null) {
				continue;
			}
			if (seen.add(userClass)) {
				findings.scannedClasses++;
				if (this.metadataResolver.hasAuthAnnotations(userClass)) {
					inspect(userClass, findings);
				}
			}
			if (findings.intercepted.contains(userClass)) {
				checkProxied(beanName, userClass, advisors, findings);
			}
		}
		if (this.snapshotPropagationEnabled) {
			findings.require(AuthCapability.SNAPSHOT_SIGN, SNAPSHOT_PROPAGATION_PROPERTY);
			findings.require(AuthCapability.SNAPSHOT_VERIFY, SNAPSHOT_PROPAGATION_PROPERTY);
		}
		return findings;
	}

	/** Bean definitions, then singletons registered without one ({@code registerSingleton}). */
	private Set<String> beanNames() {
		Set<String> names = new LinkedHashSet<>(List.of(this.beanFactory.getBeanDefinitionNames()));
		names.addAll(List.of(this.beanFactory.getSingletonNames()));
		return names;
	}

	/**
	 * A created singleton whose class has protected methods must be the proxy carrying Gatehouse's advisor;
	 * otherwise every call to it runs unchecked. Spring itself only logs that such a bean "is not eligible for
	 * getting processed by all BeanPostProcessors".
	 */
	private void checkProxied(String beanName, Class<?> userClass, Set<Advisor> advisors, Findings findings) {
		Object singleton = this.beanFactory.containsSingleton(beanName) ? this.beanFactory.getSingleton(beanName)
				: null;
		if (singleton == null || singleton instanceof FactoryBean || carriesAdvisor(singleton, advisors)) {
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
		findings.problem(AuthStartupCapabilityDiagnostic.notProxied(beanName, "bean of type "
				+ userClass.getName() + " has protected methods but " + why + ", so calls to them would run unchecked"));
	}

	private static boolean carriesAdvisor(Object bean, Set<Advisor> advisors) {
		Object current = bean;
		// Look through nested proxies (a proxy around another proxy) down to the target.
		for (int depth = 0; depth < 16 && current instanceof Advised advised; depth++) {
			for (Advisor advisor : advised.getAdvisors()) {
				if (advisors.contains(advisor)) {
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

	/** The class to validate a bean by, or {@code null} for abstract definitions and undeterminable types. */
	private @Nullable Class<?> userClass(String beanName) {
		try {
			if (this.beanFactory.containsBeanDefinition(beanName)
					&& this.beanFactory.getMergedBeanDefinition(beanName).isAbstract()) {
				return null;
			}
			Object singleton = this.beanFactory.containsSingleton(beanName) ? this.beanFactory.getSingleton(beanName)
					: null;
			if (singleton != null && !(singleton instanceof FactoryBean)) {
				// The created object shows the concrete class even where the definition only declares an interface.
				return ClassUtils.getUserClass(AopProxyUtils.ultimateTargetClass(singleton));
			}
			// Predicted from the definition; false: never initialise a FactoryBean just to ask for its type.
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

	private void inspect(Class<?> userClass, Findings findings) {
		if (userClass.isInterface() || Proxy.isProxyClass(userClass) || ClassUtils.isLambdaClass(userClass)) {
			inspectInterfaces(userClass, findings);
			return;
		}
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(userClass,
				ReflectionUtils.USER_DECLARED_METHODS)) {
			if (Boundaries.isObjectMethod(method)) {
				continue;
			}
			Unreachable unreachable = unreachable(method, userClass);
			if (unreachable != null) {
				checkNotInterceptable(method, unreachable, findings);
			}
			else {
				inspectBoundary(method, userClass, Boundaries.name(userClass, method), findings);
			}
		}
	}

	/** Interfaces and JDK proxies: a JDK proxy intercepts every interface method that is not static or private. */
	private void inspectInterfaces(Class<?> userClass, Findings findings) {
		for (Class<?> type : TypeHierarchy.allInterfaces(userClass)) {
			for (Method method : type.getDeclaredMethods()) {
				if (method.isBridge() || method.isSynthetic() || Boundaries.isObjectMethod(method)) {
					continue;
				}
				int modifiers = method.getModifiers();
				if (Modifier.isStatic(modifiers) || Modifier.isPrivate(modifiers)) {
					checkNotInterceptable(method,
							Modifier.isStatic(modifiers) ? Unreachable.STATIC : Unreachable.PRIVATE, findings);
				}
				else {
					inspectBoundary(method, userClass, Boundaries.name(type, method), findings);
				}
			}
		}
	}

	private void inspectBoundary(Method method, Class<?> userClass, String boundary, Findings findings) {
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
			findings.intercepted.add(userClass);
		}
		findings.boundaries.add(new AuthCapabilityReport.Boundary(boundary, metadata));
		for (AuthRequirement requirement : metadata.requirements()) {
			findings.require(capabilityOf(requirement.kind()), boundary);
		}
	}

	private void checkNotInterceptable(Method method, Unreachable unreachable, Findings findings) {
		String boundary = Boundaries.name(method.getDeclaringClass(), method);
		String annotation = declaredAuthAnnotation(method);
		if (annotation != null) {
			findings.problem(AuthStartupCapabilityDiagnostic.notInterceptable(boundary, unreachable.modifier()
					+ " method carries " + annotation + ", but " + unreachable.why()
					+ ", so Spring would silently ignore the annotation"));
		}
		else if (unreachable.callable() && isProtectedWhereDeclared(method)) {
			findings.problem(AuthStartupCapabilityDiagnostic.notInterceptable(boundary, unreachable.modifier()
					+ " method is protected (by its class's annotations or the method it overrides), but "
					+ unreachable.why() + ", so calls would run unchecked"));
		}
	}

	private boolean isProtectedWhereDeclared(Method method) {
		try {
			return this.metadataResolver.resolve(method, method.getDeclaringClass()).isProtected();
		}
		catch (AuthorizationException ex) {
			// Conflicting or invalid metadata where the method is declared: nothing can be said about whether
			// the method was meant to be protected; the interceptable methods of that type report the problem.
			return false;
		}
	}

	private static @Nullable Unreachable unreachable(Method method, Class<?> userClass) {
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

	/** Names the Gatehouse annotation the method itself carries, directly or through a composed annotation. */
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

	private Map<AuthCapability, AuthCapabilityReport.Providers> findProviders() {
		Map<AuthCapability, SortedSet<String>> providerIds = new EnumMap<>(AuthCapability.class);
		for (AuthProviderContribution contribution : this.beanFactory
			.getBeansOfType(AuthProviderContribution.class, true, false)
			.values()) {
			for (AuthCapability capability : contribution.capabilities()) {
				providerIds.computeIfAbsent(capability, (key) -> new TreeSet<>()).add(contribution.providerId());
			}
		}
		Map<AuthCapability, AuthCapabilityReport.Providers> providers = new EnumMap<>(AuthCapability.class);
		for (AuthCapability capability : AuthCapability.values()) {
			SortedSet<String> beanNames = new TreeSet<>();
			for (String beanName : this.beanFactory.getBeanNamesForType(capability.portType(), true, false)) {
				if (isAutowireCandidate(beanName)) {
					beanNames.add(beanName);
				}
			}
			SortedSet<String> ids = providerIds.getOrDefault(capability, new TreeSet<>());
			if (!beanNames.isEmpty() || !ids.isEmpty()) {
				providers.put(capability, new AuthCapabilityReport.Providers(List.copyOf(beanNames), List.copyOf(ids)));
			}
		}
		return providers;
	}

	/**
	 * Beans that are no autowire candidates (such as the target behind a scoped proxy) are invisible to
	 * enforcement, which looks providers up by type, so they do not count as providers either.
	 */
	private boolean isAutowireCandidate(String beanName) {
		if (!this.beanFactory.containsBeanDefinition(beanName)) {
			return true;
		}
		try {
			return this.beanFactory.getMergedBeanDefinition(beanName).isAutowireCandidate();
		}
		catch (BeansException ex) {
			return true;
		}
	}

	/** What other checks (such as the explicit-access check) found, to report in the same failure. */
	private List<AuthStartupCapabilityDiagnostic> contributed() {
		List<AuthStartupCapabilityDiagnostic> diagnostics = new ArrayList<>();
		// false, false: like the scan, never initialise a FactoryBean or trip over an unloadable bean class.
		for (StartupDiagnosticsContributor contributor : this.beanFactory
			.getBeansOfType(StartupDiagnosticsContributor.class, false, false)
			.values()) {
			diagnostics.addAll(contributor.diagnostics());
		}
		return diagnostics;
	}

	private static List<AuthStartupCapabilityDiagnostic> diagnose(AuthCapabilityReport report, Findings findings,
			List<AuthStartupCapabilityDiagnostic> contributed) {
		List<AuthStartupCapabilityDiagnostic> diagnostics = new ArrayList<>(findings.problems);
		diagnostics.addAll(contributed);
		report.requiredCapabilities().forEach((capability, requiredBy) -> {
			AuthCapabilityReport.Providers providers = report.providers(capability);
			if (providers.count() != 1) {
				diagnostics.add(new AuthStartupCapabilityDiagnostic(capability, providers.count(),
						providers.beanNames(), requiredBy, providers.providerIds()));
			}
		});
		diagnostics.sort(AuthStartupCapabilityDiagnostic.ORDER);
		return diagnostics;
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

	/**
	 * Why the proxy cannot intercept a method.
	 *
	 * @param modifier the modifier named in the diagnostic
	 * @param why the explanation
	 * @param callable whether callers can still invoke the method on the bean, so that class-level protection
	 * would silently not apply to it
	 */
	private record Unreachable(String modifier, String why, boolean callable) {

		static final Unreachable STATIC = new Unreachable("static", "no proxy sees calls to static methods", false);

		static final Unreachable PRIVATE = new Unreachable("private", "a proxy cannot intercept private methods",
				false);

		static final Unreachable FINAL = new Unreachable("final", "a CGLIB proxy cannot override final methods",
				true);

		// Only the garbage collector calls finalize(), and Spring's proxies never intercept it.
		static final Unreachable FINALIZE = new Unreachable("finalize()",
				"Spring's proxies never intercept finalize()", false);

	}

	/** Everything the scan collected, merged over all scanned classes. */
	private static final class Findings {

		private final Map<AuthCapability, SortedSet<String>> required = new EnumMap<>(AuthCapability.class);

		private final Set<AuthCapabilityReport.Boundary> boundaries = new HashSet<>();

		private final Set<AuthStartupCapabilityDiagnostic> problems = new LinkedHashSet<>();

		/** Classes with at least one protected method: their singletons must be Gatehouse proxies. */
		private final Set<Class<?>> intercepted = new HashSet<>();

		private int scannedClasses;

		void require(AuthCapability capability, String requiredBy) {
			this.required.computeIfAbsent(capability, (key) -> new TreeSet<>()).add(requiredBy);
		}

		void problem(AuthStartupCapabilityDiagnostic diagnostic) {
			this.problems.add(diagnostic);
		}

		AuthCapabilityReport toReport(Map<AuthCapability, AuthCapabilityReport.Providers> providers) {
			Map<AuthCapability, List<String>> requiredCapabilities = new EnumMap<>(AuthCapability.class);
			this.required.forEach((capability, requiredBy) -> requiredCapabilities.put(capability,
					List.copyOf(requiredBy)));
			List<AuthCapabilityReport.Boundary> sortedBoundaries = new ArrayList<>(this.boundaries);
			sortedBoundaries.sort(BOUNDARY_ORDER);
			return new AuthCapabilityReport(requiredCapabilities, providers, sortedBoundaries);
		}

	}

}
