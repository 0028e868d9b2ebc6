package dev.gatehouse.auth.startup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Finds {@code gatehouse.*} properties that no Gatehouse setting binds (typically a typo,
 * {@code gatehouse.jwt.sercet}), which would otherwise be ignored without a word. Each
 * one is an {@code UNKNOWN_PROPERTY} diagnostic in startup validation's one failure
 * report, naming where it is set and the nearest valid key; with
 * {@code gatehouse.strict-properties=false} the same list is logged as one WARN instead.
 * Never shows a property's value.
 *
 * <p>
 * Boot's binder decides what is unknown: every properties class under {@code gatehouse}
 * (the given targets and any other {@code @ConfigurationProperties} bean whose prefix
 * starts with {@code gatehouse}) is bound once more, into a fresh instance, with a
 * {@link NoUnboundElementsBindHandler}, so lists, maps and relaxed names (environment
 * variables) are judged exactly as binding judges them. Keys of maps are user data (role
 * names, key ids, registration names); the fields of their values are checked. An
 * environment variable is reported only when it is a near miss of a real key
 * ({@code GATEHOUSE_JWT_SERCET}): other software shares the {@code GATEHOUSE_} prefix,
 * for example as a placeholder ({@code ${GATEHOUSE_SAMPLE_SECRET}}). Runs once, when all
 * singletons are instantiated. Thread-safe.
 */
public final class UnknownPropertiesCheck implements StartupDiagnosticsContributor, SmartInitializingSingleton {

	/** The property that turns unknown keys from a startup failure into a WARN. */
	public static final String STRICT_PROPERTY = "gatehouse.strict-properties";

	private static final String ROOT = "gatehouse";

	private static final Log logger = LogFactory.getLog(UnknownPropertiesCheck.class);

	private final ConfigurableListableBeanFactory beanFactory;

	private final Binder binder;

	private final Map<String, Class<?>> targets;

	private final boolean strict;

	private volatile @Nullable List<AuthStartupCapabilityDiagnostic> found;

	/**
	 * Creates the check.
	 * @param beanFactory where further {@code gatehouse} properties beans are found, and
	 * whether startup validation runs
	 * @param binder binds the application's properties
	 * @param targets the properties classes by prefix, each prefix {@code gatehouse} or
	 * below it
	 * @param strict whether unknown keys fail startup ({@code true}) or are logged as a
	 * WARN
	 */
	public UnknownPropertiesCheck(ConfigurableListableBeanFactory beanFactory, Binder binder,
			Map<String, Class<?>> targets, boolean strict) {
		this.beanFactory = Objects.requireNonNull(beanFactory, "beanFactory must not be null");
		this.binder = Objects.requireNonNull(binder, "binder must not be null");
		this.targets = new LinkedHashMap<>(targets);
		this.strict = strict;
	}

	/**
	 * Lists every unknown {@code gatehouse.*} property; empty when
	 * {@code gatehouse.strict-properties=false} (they are logged then).
	 * @return one {@code UNKNOWN_PROPERTY} diagnostic per unknown property, sorted
	 */
	@Override
	public List<AuthStartupCapabilityDiagnostic> diagnostics() {
		List<AuthStartupCapabilityDiagnostic> diagnostics = this.found;
		if (diagnostics == null) {
			synchronized (this) {
				diagnostics = this.found;
				if (diagnostics == null) {
					diagnostics = find();
					this.found = diagnostics;
					if (!this.strict && !diagnostics.isEmpty() && logger.isWarnEnabled()) {
						logger.warn(warning(diagnostics));
					}
				}
			}
		}
		return this.strict ? diagnostics : List.of();
	}

	/**
	 * Fails startup with the unknown properties, unless startup validation runs and
	 * reports them with its own.
	 * @throws AuthStartupCapabilityValidationException listing every problem
	 */
	@Override
	public void afterSingletonsInstantiated() {
		StartupDiagnosticsContributor.reportUnlessValidated(this.beanFactory, this);
	}

	private List<AuthStartupCapabilityDiagnostic> find() {
		Map<ConfigurationPropertyName, Class<?>> all = allTargets();
		Map<ConfigurationPropertyName, ConfigurationProperty> unknown = new TreeMap<>();
		all.forEach((prefix, type) -> {
			for (ConfigurationProperty property : unbound(prefix, type)) {
				ConfigurationPropertyName name = property.getName();
				if (!isBelowOtherTarget(name, prefix, all.keySet())) {
					unknown.putIfAbsent(name, property);
				}
			}
		});
		if (unknown.isEmpty()) {
			return List.of();
		}
		KnownProperties known = KnownProperties.of(ROOT, all);
		List<AuthStartupCapabilityDiagnostic> diagnostics = new ArrayList<>();
		unknown.forEach((name, property) -> {
			KnownProperties.Suggestion suggestion = known.suggest(name);
			if (isEnvironmentVariable(property) && (suggestion == null || suggestion.name() == null)) {
				// Environment variables are shared with other software (placeholders such
				// as GATEHOUSE_SAMPLE_SECRET, container platforms' service variables):
				// only a near miss of a real key is a typo.
				return;
			}
			diagnostics.add(AuthStartupCapabilityDiagnostic.unknownProperty(name.toString(),
					problem(property, suggestion, this.strict)));
		});
		diagnostics.sort(AuthStartupCapabilityDiagnostic.ORDER);
		return List.copyOf(diagnostics);
	}

	/**
	 * The given targets and every other {@code @ConfigurationProperties} bean under
	 * {@code gatehouse}, found from the bean definitions without creating any bean.
	 */
	private Map<ConfigurationPropertyName, Class<?>> allTargets() {
		Map<ConfigurationPropertyName, Class<?>> all = new LinkedHashMap<>();
		this.targets.forEach((prefix, type) -> all.put(ConfigurationPropertyName.of(prefix), type));
		for (String beanName : this.beanFactory.getBeanDefinitionNames()) {
			try {
				ConfigurationProperties annotation = this.beanFactory.findAnnotationOnBean(beanName,
						ConfigurationProperties.class, false);
				Class<?> type = this.beanFactory.getType(beanName, false);
				if (annotation == null || type == null) {
					continue;
				}
				String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
				if (prefix.equals(ROOT) || prefix.startsWith(ROOT + ".")) {
					all.putIfAbsent(ConfigurationPropertyName.of(prefix), ClassUtils.getUserClass(type));
				}
			}
			catch (BeansException | LinkageError | IllegalArgumentException ex) {
				// A bean whose type cannot be determined binds no gatehouse prefix we
				// could check.
			}
		}
		return all;
	}

	private Set<ConfigurationProperty> unbound(ConfigurationPropertyName prefix, Class<?> type) {
		try {
			this.binder.bind(prefix, Bindable.of(type), new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
			return Set.of();
		}
		catch (BindException ex) {
			for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
				if (cause instanceof UnboundConfigurationPropertiesException unbound) {
					return unbound.getUnboundProperties();
				}
			}
			// Any other binding failure (a value that does not convert) fails the
			// properties bean itself, with Boot's own report.
			return Set.of();
		}
	}

	/**
	 * Whether a name belongs to a more specific target (gatehouse.outbound.* is bound by
	 * its own class, not by the root one).
	 */
	private static boolean isBelowOtherTarget(ConfigurationPropertyName name, ConfigurationPropertyName prefix,
			Set<ConfigurationPropertyName> prefixes) {
		for (ConfigurationPropertyName other : prefixes) {
			if (!other.equals(prefix) && prefix.isAncestorOf(other)
					&& (other.equals(name) || other.isAncestorOf(name))) {
				return true;
			}
		}
		return false;
	}

	private static boolean isEnvironmentVariable(ConfigurationProperty property) {
		ConfigurationPropertySource source = property.getSource();
		return source != null && source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource;
	}

	private static String problem(ConfigurationProperty property, KnownProperties.@Nullable Suggestion suggestion,
			boolean strict) {
		StringBuilder problem = new StringBuilder("is not a Gatehouse property");
		Origin origin = property.getOrigin();
		if (origin != null) {
			problem.append(" (set in ").append(origin).append(')');
		}
		problem.append(", so its value would be ignored");
		String suggested = (suggestion != null) ? suggestion.name() : null;
		if (suggested != null) {
			problem.append("; did you mean ").append(suggested).append("? Fix: Rename it to ").append(suggested);
		}
		else {
			if (suggestion != null && !suggestion.validSiblings().isEmpty()) {
				problem.append("; valid keys at that level are ")
					.append(String.join(", ", suggestion.validSiblings()))
					.append('.');
			}
			problem.append(" Fix: Correct the name (see Gatehouse's docs/reference/properties.md)");
		}
		problem.append(", or remove it");
		if (strict) {
			problem.append("; set ").append(STRICT_PROPERTY).append("=false to only log unknown keys as a warning");
		}
		return problem.append('.').toString();
	}

	private static String warning(List<AuthStartupCapabilityDiagnostic> diagnostics) {
		StringBuilder warning = new StringBuilder("Gatehouse ignores ").append(diagnostics.size())
			.append((diagnostics.size() == 1) ? " unknown property" : " unknown properties")
			.append(" (")
			.append(STRICT_PROPERTY)
			.append("=false):");
		for (AuthStartupCapabilityDiagnostic diagnostic : diagnostics) {
			warning.append("\n    ").append(diagnostic.describe());
		}
		return warning.toString();
	}

}
