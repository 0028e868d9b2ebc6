package dev.gatehouse.auth.startup;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.gatehouse.auth.enforcement.AuthorizationAdvisor;
import dev.gatehouse.auth.metadata.AuthMetadataResolver;
import dev.gatehouse.auth.spi.AuthCapability;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Advisor;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Fails startup unless every capability the application's auth annotations require is
 * provided by exactly one bean, and unless every annotated method can actually be
 * enforced.
 *
 * <p>
 * Runs once, after all singletons are instantiated. It scans every bean definition's user
 * class once (cached per class), without instantiating lazy beans or
 * {@link FactoryBean}s: for a created singleton it looks through CGLIB and JDK proxies to
 * the target class, otherwise it uses the type the bean factory predicts. A bean whose
 * type cannot be determined is skipped (logged at DEBUG). Singletons registered without a
 * definition are scanned too, and every created singleton whose class has protected
 * methods must be the proxy carrying Gatehouse's advisor. Problems that other checks
 * contribute ({@link StartupDiagnosticsContributor} beans) are reported in the same
 * failure.
 *
 * <p>
 * Required capabilities: every protected boundary requires
 * {@link AuthCapability#AUTHENTICATION}, each requirement kind its checker's capability,
 * and {@code gatehouse.snapshot.propagation.enabled=true} requires
 * {@link AuthCapability#SNAPSHOT_SIGN} and {@link AuthCapability#SNAPSHOT_VERIFY}.
 * Providers are the autowire candidate beans assignable to a capability's port type;
 * capabilities nothing requires are never checked. {@code requiredBy} entries are
 * {@code SimpleClassName#method}, sorted and deduplicated, so overloads of one method
 * appear once: that is the name a developer searches for.
 *
 * <p>
 * What a proxy can intercept: Spring Boot proxies classes with CGLIB, a subclass
 * generated in the bean class's package that intercepts a call only by overriding the
 * method. It therefore cannot intercept {@code private}, {@code static} or {@code final}
 * methods, nor package-private methods declared in a superclass from another package.
 * Such a method fails validation when it carries a Gatehouse annotation itself (directly
 * or through a composed annotation), and a non-private, non-static one also when it is
 * protected in the type that declares it (by that type's class-level annotations or the
 * method it overrides), since it would look covered and run unchecked. Final methods
 * inherited from an unannotated superclass are not reported: their author did not declare
 * them protected, and framework base classes have many. Beans whose class is a JDK proxy
 * or a lambda are proxied through their interfaces, whose non-static, non-private methods
 * are all interceptable.
 */
public final class AuthStartupCapabilityValidator implements SmartInitializingSingleton {

	/** The property that makes snapshot signing and verification required. */
	public static final String SNAPSHOT_PROPAGATION_PROPERTY = "gatehouse.snapshot.propagation.enabled";

	private static final Log logger = LogFactory.getLog(AuthStartupCapabilityValidator.class);

	private final ConfigurableListableBeanFactory beanFactory;

	private final AuthMetadataResolver metadataResolver;

	private final boolean snapshotPropagationEnabled;

	private volatile @Nullable AuthCapabilityReport report;

	/**
	 * Creates the validator.
	 * @param beanFactory the factory whose bean definitions are scanned
	 * @param metadataResolver the resolver enforcement uses, so validation sees exactly
	 * the enforced metadata
	 * @param snapshotPropagationEnabled whether
	 * {@code gatehouse.snapshot.propagation.enabled} is set
	 */
	public AuthStartupCapabilityValidator(ConfigurableListableBeanFactory beanFactory,
			AuthMetadataResolver metadataResolver, boolean snapshotPropagationEnabled) {
		this.beanFactory = Objects.requireNonNull(beanFactory, "beanFactory must not be null");
		this.metadataResolver = Objects.requireNonNull(metadataResolver, "metadataResolver must not be null");
		this.snapshotPropagationEnabled = snapshotPropagationEnabled;
	}

	/**
	 * Scans the application and fails startup if anything cannot be enforced.
	 * @throws AuthStartupCapabilityValidationException carrying every problem found,
	 * sorted
	 */
	@Override
	public void afterSingletonsInstantiated() {
		long start = System.nanoTime();
		BoundaryScanResult findings = new BoundaryScanResult();
		Set<Advisor> advisors = Collections.newSetFromMap(new IdentityHashMap<>());
		advisors.addAll(this.beanFactory.getBeansOfType(AuthorizationAdvisor.class, false, false).values());
		new BoundaryScanner(this.beanFactory, this.metadataResolver,
				new ProxyCoverageCheck(this.beanFactory, this.metadataResolver, advisors))
			.scan(findings);
		if (this.snapshotPropagationEnabled) {
			findings.require(AuthCapability.SNAPSHOT_SIGN, SNAPSHOT_PROPAGATION_PROPERTY);
			findings.require(AuthCapability.SNAPSHOT_VERIFY, SNAPSHOT_PROPAGATION_PROPERTY);
		}
		AuthCapabilityReport result = findings.toReport(new ProviderDiscovery(this.beanFactory).findProviders());
		List<AuthStartupCapabilityDiagnostic> diagnostics = findings.diagnose(result, contributed(result));
		if (logger.isInfoEnabled()) {
			logger.info(findings.summary(result, diagnostics.size(), System.nanoTime() - start));
		}
		this.report = result;
		if (!diagnostics.isEmpty()) {
			throw new AuthStartupCapabilityValidationException(diagnostics);
		}
	}

	/**
	 * Returns what validation found.
	 * @return the report
	 * @throws IllegalStateException when called before validation ran, that is before all
	 * singletons were instantiated; look the report up lazily (for example through an
	 * {@code ObjectProvider}) instead
	 */
	public AuthCapabilityReport report() {
		AuthCapabilityReport result = this.report;
		if (result == null) {
			throw new IllegalStateException("The Gatehouse capability report is available once all singletons "
					+ "are instantiated; look it up lazily, for example through an ObjectProvider");
		}
		return result;
	}

	/**
	 * What other checks (such as the explicit-access check) found, to report in the same
	 * failure.
	 */
	private List<AuthStartupCapabilityDiagnostic> contributed(AuthCapabilityReport result) {
		List<AuthStartupCapabilityDiagnostic> diagnostics = new ArrayList<>();
		// false, false: like the scan, never initialise a FactoryBean or trip over an
		// unloadable bean class.
		for (StartupDiagnosticsContributor contributor : this.beanFactory
			.getBeansOfType(StartupDiagnosticsContributor.class, false, false)
			.values()) {
			diagnostics.addAll(contributor.diagnostics(result));
		}
		return diagnostics;
	}

}
