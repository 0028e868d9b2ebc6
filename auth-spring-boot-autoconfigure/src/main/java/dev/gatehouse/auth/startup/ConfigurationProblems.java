package dev.gatehouse.auth.startup;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Collects configuration problems found while Gatehouse's beans are created, so they are
 * reported in startup validation's one failure report beside every other problem instead
 * of stopping startup at the first bad property. A bean that finds its configuration
 * unusable records the problem here and stands in with a component that fails closed;
 * startup then fails before the application serves anything. When startup validation is
 * switched off, this collector fails startup itself, so a bad property is never ignored.
 * Thread-safe.
 */
public final class ConfigurationProblems implements StartupDiagnosticsContributor, SmartInitializingSingleton {

	private final ListableBeanFactory beanFactory;

	private final List<InvalidGatehouseConfigurationException> problems = new ArrayList<>();

	/**
	 * Creates the collector.
	 * @param beanFactory used to find out whether startup validation runs and reports
	 * these problems itself
	 */
	public ConfigurationProblems(ListableBeanFactory beanFactory) {
		this.beanFactory = Objects.requireNonNull(beanFactory, "beanFactory must not be null");
	}

	/**
	 * Records a problem; its property and action are reported, never the property's
	 * value.
	 * @param problem the problem
	 */
	public void add(InvalidGatehouseConfigurationException problem) {
		Objects.requireNonNull(problem, "problem must not be null");
		synchronized (this.problems) {
			this.problems.add(problem);
		}
	}

	@Override
	public List<AuthStartupCapabilityDiagnostic> diagnostics() {
		List<AuthStartupCapabilityDiagnostic> diagnostics = new ArrayList<>();
		synchronized (this.problems) {
			for (InvalidGatehouseConfigurationException problem : this.problems) {
				diagnostics.add(AuthStartupCapabilityDiagnostic.invalidConfiguration(problem));
			}
		}
		diagnostics.sort(AuthStartupCapabilityDiagnostic.ORDER);
		return diagnostics;
	}

	/**
	 * Fails startup with the recorded problems, unless startup validation runs and
	 * reports them with its own.
	 * @throws AuthStartupCapabilityValidationException listing every recorded problem
	 */
	@Override
	public void afterSingletonsInstantiated() {
		StartupDiagnosticsContributor.reportUnlessValidated(this.beanFactory, this);
	}

}
