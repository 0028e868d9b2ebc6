package dev.gatehouse.auth.startup;

import java.util.List;

import dev.gatehouse.auth.error.AuthStartupCapabilityValidationException;

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
	 * Fails startup with a contributor's problems when startup validation does not run
	 * (it is switched off), so that they are never silently ignored; when it runs, it
	 * reports them with its own and this does nothing.
	 * @param beanFactory the application's bean factory
	 * @param contributor the contributor whose problems to report
	 * @throws AuthStartupCapabilityValidationException listing the contributor's problems
	 */
	static void reportUnlessValidated(ListableBeanFactory beanFactory, StartupDiagnosticsContributor contributor) {
		if (beanFactory.getBeanNamesForType(AuthStartupCapabilityValidator.class, false, false).length > 0) {
			return;
		}
		List<AuthStartupCapabilityDiagnostic> diagnostics = contributor.diagnostics();
		if (!diagnostics.isEmpty()) {
			throw new AuthStartupCapabilityValidationException(diagnostics);
		}
	}

}
