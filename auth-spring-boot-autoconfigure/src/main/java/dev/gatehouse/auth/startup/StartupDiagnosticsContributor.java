package dev.gatehouse.auth.startup;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * A check whose problems belong in startup validation's one failure report. The validator
 * collects every bean of this type once all singletons are instantiated and reports their
 * diagnostics together with its own, so an application sees all of its problems at once
 * instead of one per restart.
 */
@FunctionalInterface
public interface StartupDiagnosticsContributor {

	/**
	 * Checks the application; called once, after all singletons are instantiated.
	 * @return the problems found; empty when there are none
	 */
	List<AuthStartupCapabilityDiagnostic> diagnostics();

	/**
	 * Checks the application with what startup validation's scan found (every boundary
	 * and its metadata); called by the validator instead of {@link #diagnostics()}. A
	 * check that needs the scanned boundaries overrides this one.
	 * @param report what the scan found
	 * @return the problems found; empty when there are none
	 */
	default List<AuthStartupCapabilityDiagnostic> diagnostics(AuthCapabilityReport report) {
		return diagnostics();
	}

	/**
	 * Fails startup when startup validation does not run (it is switched off), so that a
	 * contributor's problems are never silently ignored; when it runs, it reports them
	 * with its own and this does nothing. The failure lists the problems of every
	 * contributor, not only this one's, so that they still arrive in one report.
	 * @param beanFactory the application's bean factory
	 * @param contributor the contributor whose problems to report
	 * @throws AuthStartupCapabilityValidationException listing every contributor's
	 * problems
	 */
	static void reportUnlessValidated(ListableBeanFactory beanFactory, StartupDiagnosticsContributor contributor) {
		if (beanFactory.getBeanNamesForType(AuthStartupCapabilityValidator.class, false, false).length > 0) {
			return;
		}
		Set<AuthStartupCapabilityDiagnostic> diagnostics = new LinkedHashSet<>(contributor.diagnostics());
		// false, false: never initialise a FactoryBean or a lazy bean for this.
		for (StartupDiagnosticsContributor other : beanFactory
			.getBeansOfType(StartupDiagnosticsContributor.class, false, false)
			.values()) {
			if (other != contributor) {
				diagnostics.addAll(other.diagnostics());
			}
		}
		if (!diagnostics.isEmpty()) {
			List<AuthStartupCapabilityDiagnostic> sorted = new ArrayList<>(diagnostics);
			sorted.sort(AuthStartupCapabilityDiagnostic.ORDER);
			throw new AuthStartupCapabilityValidationException(sorted);
		}
	}

}
