package dev.gatehouse.auth.startup;

import java.util.List;

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

}
