package dev.gatehouse.auth.startup;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.util.ClassUtils;

/**
 * Fails startup when a {@code gatehouse.*} property configures a feature whose optional
 * dependency is not on the class path: the auto-configuration that would act on the
 * property then backs off, and the feature would silently be off (a configured JWT secret
 * without spring-security-oauth2-jose answers every token as if none had been sent). Each
 * such property is one {@code MISSING_DEPENDENCY} diagnostic in startup validation's one
 * failure report, naming the dependency to add. The properties are read through the
 * {@link Binder} once, when all singletons are instantiated, and no optional class is
 * ever loaded. Thread-safe.
 */
public final class OptionalDependencyCheck implements StartupDiagnosticsContributor, SmartInitializingSingleton {

	private final ListableBeanFactory beanFactory;

	private final Binder binder;

	private final ClassLoader classLoader;

	private final List<Requirement> requirements;

	/**
	 * Creates the check.
	 * @param beanFactory used to find out whether startup validation runs and reports
	 * these problems itself
	 * @param binder reads the configured properties
	 * @param classLoader the application's class loader, where the dependencies are
	 * looked for
	 * @param requirements what each feature needs
	 */
	public OptionalDependencyCheck(ListableBeanFactory beanFactory, Binder binder, ClassLoader classLoader,
			List<Requirement> requirements) {
		this.beanFactory = Objects.requireNonNull(beanFactory, "beanFactory must not be null");
		this.binder = Objects.requireNonNull(binder, "binder must not be null");
		this.classLoader = Objects.requireNonNull(classLoader, "classLoader must not be null");
		this.requirements = List.copyOf(requirements);
	}

	/**
	 * Lists every configured property whose dependency is missing.
	 * @return one {@code MISSING_DEPENDENCY} diagnostic per such property, sorted
	 */
	@Override
	public List<AuthStartupCapabilityDiagnostic> diagnostics() {
		List<AuthStartupCapabilityDiagnostic> diagnostics = new ArrayList<>();
		for (Requirement requirement : this.requirements) {
			if (ClassUtils.isPresent(requirement.className(), this.classLoader)) {
				continue;
			}
			for (String property : configured(requirement)) {
				diagnostics.add(AuthStartupCapabilityDiagnostic.missingDependency(property,
						"is set, but " + requirement.feature() + " needs " + requirement.coordinates()
								+ ", which is not on the class path, so it would silently be off. Fix: Add the "
								+ "dependency " + requirement.coordinates() + ", or remove " + property + "."));
			}
		}
		diagnostics.sort(AuthStartupCapabilityDiagnostic.ORDER);
		return diagnostics;
	}

	private List<String> configured(Requirement requirement) {
		try {
			return requirement.configuredProperties().apply(this.binder);
		}
		catch (BindException ex) {
			// A value that does not convert fails its properties bean with Boot's own
			// report.
			return List.of();
		}
	}

	/**
	 * Fails startup with the missing dependencies, unless startup validation runs and
	 * reports them with its own.
	 * @throws AuthStartupCapabilityValidationException listing every problem
	 */
	@Override
	public void afterSingletonsInstantiated() {
		StartupDiagnosticsContributor.reportUnlessValidated(this.beanFactory, this);
	}

	/**
	 * What one feature needs.
	 *
	 * @param feature the feature, as the diagnostic names it (for example
	 * {@code "JWT bearer authentication"})
	 * @param className a class of the dependency, looked for without loading it
	 * @param coordinates the dependency's {@code groupId:artifactId}
	 * @param configuredProperties the properties that configure the feature and are set;
	 * empty when the feature is not configured
	 */
	public record Requirement(String feature, String className, String coordinates,
			Function<Binder, List<String>> configuredProperties) {

		public Requirement {
			Objects.requireNonNull(feature, "feature must not be null");
			Objects.requireNonNull(className, "className must not be null");
			Objects.requireNonNull(coordinates, "coordinates must not be null");
			Objects.requireNonNull(configuredProperties, "configuredProperties must not be null");
		}

		/**
		 * A feature configured by any of the given properties being set.
		 * @param feature the feature
		 * @param className a class of the dependency
		 * @param coordinates the dependency's {@code groupId:artifactId}
		 * @param properties the properties, any of which configures the feature
		 * @return the requirement
		 */
		public static Requirement anyOf(String feature, String className, String coordinates, String... properties) {
			List<String> names = List.of(properties);
			return new Requirement(feature, className, coordinates,
					(binder) -> names.stream().filter((name) -> binder.bind(name, String.class).isBound()).toList());
		}

	}

}
