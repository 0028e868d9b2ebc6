package dev.gatehouse.auth.startup;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import dev.gatehouse.auth.spi.AuthCapability;
import org.jspecify.annotations.Nullable;

/**
 * One problem found by startup validation: a required capability that is not provided by
 * exactly one bean ({@link Kind#CAPABILITY}), or one method whose auth metadata cannot be
 * enforced (conflicting, invalid, or on a method the proxy cannot intercept).
 *
 * <p>
 * Capability diagnostics are created with the four-argument constructor
 * {@code (capability, providerCount, providerBeanNames, requiredBy)}; method diagnostics
 * with {@link #conflictingMetadata}, {@link #invalidMetadata} and
 * {@link #notInterceptable}. {@link #ORDER} sorts capability diagnostics by capability
 * name first, then method diagnostics by boundary.
 *
 * @param kind what kind of problem this is
 * @param capability the capability; {@code null} exactly for method diagnostics
 * @param providerCount how many beans provide the capability; 0 for method diagnostics
 * @param providerBeanNames the names of those beans, sorted
 * @param requiredBy the boundaries (as sorted {@code Class#method} strings) or property
 * that require the capability
 * @param providerIds the {@code providerId}s of the
 * {@link dev.gatehouse.auth.spi.AuthProviderContribution AuthProviderContribution} beans
 * that claim the capability, sorted
 * @param boundary the {@code Class#method} the problem is about; {@code null} exactly for
 * capability diagnostics
 * @param problem what is wrong with the method; {@code null} exactly for capability
 * diagnostics
 */
public record AuthStartupCapabilityDiagnostic(Kind kind, @Nullable AuthCapability capability, int providerCount,
		List<String> providerBeanNames, List<String> requiredBy, List<String> providerIds, @Nullable String boundary,
		@Nullable String problem) {

	/**
	 * Capability diagnostics by capability name, then method diagnostics by boundary,
	 * kind and problem.
	 */
	public static final Comparator<AuthStartupCapabilityDiagnostic> ORDER = Comparator
		.comparing((AuthStartupCapabilityDiagnostic diagnostic) -> diagnostic.kind() != Kind.CAPABILITY)
		.thenComparing((diagnostic) -> (diagnostic.capability() != null) ? diagnostic.capability().name() : "")
		.thenComparing((diagnostic) -> Objects.requireNonNullElse(diagnostic.boundary(), ""))
		.thenComparing(AuthStartupCapabilityDiagnostic::kind)
		.thenComparing((diagnostic) -> Objects.requireNonNullElse(diagnostic.problem(), ""));

	public AuthStartupCapabilityDiagnostic {
		Objects.requireNonNull(kind, "kind must not be null");
		providerBeanNames = List.copyOf(providerBeanNames);
		requiredBy = List.copyOf(requiredBy);
		providerIds = List.copyOf(providerIds);
		if (providerCount < 0) {
			throw new IllegalArgumentException("providerCount must not be negative");
		}
		if (kind == Kind.CAPABILITY) {
			Objects.requireNonNull(capability, "capability must not be null");
			if (boundary != null || problem != null) {
				throw new IllegalArgumentException("a capability diagnostic names no boundary or problem");
			}
		}
		else {
			if (capability != null || providerCount != 0 || !providerBeanNames.isEmpty() || !requiredBy.isEmpty()
					|| !providerIds.isEmpty()) {
				throw new IllegalArgumentException("a method diagnostic names no capability or providers");
			}
			requireText(boundary, "boundary");
			requireText(problem, "problem");
		}
	}

	/**
	 * Creates a capability diagnostic, the contract's four-argument form.
	 * @param capability the capability
	 * @param providerCount how many beans provide it
	 * @param providerBeanNames the names of those beans, sorted
	 * @param requiredBy the boundaries that need it, as sorted {@code Class#method}
	 * strings
	 */
	public AuthStartupCapabilityDiagnostic(AuthCapability capability, int providerCount, List<String> providerBeanNames,
			List<String> requiredBy) {
		this(capability, providerCount, providerBeanNames, requiredBy, List.of());
	}

	/**
	 * Creates a capability diagnostic that also names the providers' ids.
	 * @param capability the capability
	 * @param providerCount how many beans provide it
	 * @param providerBeanNames the names of those beans, sorted
	 * @param requiredBy the boundaries that need it, as sorted {@code Class#method}
	 * strings
	 * @param providerIds the ids of the provider contributions that claim it, sorted
	 */
	public AuthStartupCapabilityDiagnostic(AuthCapability capability, int providerCount, List<String> providerBeanNames,
			List<String> requiredBy, List<String> providerIds) {
		this(Kind.CAPABILITY, capability, providerCount, providerBeanNames, requiredBy, providerIds, null, null);
	}

	/**
	 * A boundary declared both {@code @PublicAccess} and protected.
	 * @param boundary the {@code Class#method}
	 * @param problem the resolver's message, naming the annotations
	 * @return the diagnostic
	 */
	public static AuthStartupCapabilityDiagnostic conflictingMetadata(String boundary, String problem) {
		return method(Kind.CONFLICTING_METADATA, boundary, problem);
	}

	/**
	 * An annotation value that cannot be enforced (blank, or a {@code {placeholder}} that
	 * names no parameter or accessor).
	 * @param boundary the {@code Class#method}
	 * @param problem the resolver's message, naming the annotation and attribute
	 * @return the diagnostic
	 */
	public static AuthStartupCapabilityDiagnostic invalidMetadata(String boundary, String problem) {
		return method(Kind.INVALID_METADATA, boundary, problem);
	}

	/**
	 * An auth annotation (or protection) on a method that the proxy cannot intercept, so
	 * calls would run unchecked.
	 * @param boundary the {@code Class#method}
	 * @param problem why the proxy cannot intercept it
	 * @return the diagnostic
	 */
	public static AuthStartupCapabilityDiagnostic notInterceptable(String boundary, String problem) {
		return method(Kind.NOT_INTERCEPTABLE, boundary, problem);
	}

	/**
	 * A controller handler with neither {@code @PublicAccess} nor a requirement, while
	 * {@code gatehouse.web.require-explicit-access=true}.
	 * @param boundary the handler, as {@code Class#method}
	 * @param problem what is missing, naming the request mapping
	 * @return the diagnostic
	 */
	public static AuthStartupCapabilityDiagnostic undeclaredAccess(String boundary, String problem) {
		return method(Kind.UNDECLARED_ACCESS, boundary, problem);
	}

	/**
	 * A created singleton whose class has protected methods but which is not a proxy
	 * carrying Gatehouse's advisor, so every call to it would run unchecked.
	 * @param beanName the bean's name
	 * @param problem why the bean is not proxied
	 * @return the diagnostic
	 */
	public static AuthStartupCapabilityDiagnostic notProxied(String beanName, String problem) {
		return method(Kind.NOT_PROXIED, beanName, problem);
	}

	/**
	 * A configuration property that cannot work, reported with the other startup
	 * problems.
	 * @param invalid the problem, naming the property and what to do
	 * @return the diagnostic; its {@link #problem()} ends with the action to take
	 */
	public static AuthStartupCapabilityDiagnostic invalidConfiguration(InvalidGatehouseConfigurationException invalid) {
		return method(Kind.INVALID_CONFIGURATION, invalid.property(), invalid.problem() + ". Fix: " + invalid.action());
	}

	/**
	 * A {@code gatehouse.*} property that needs an optional dependency which is not on
	 * the class path, so the feature it configures would silently be off.
	 * @param property the property that is set
	 * @param problem what it needs, ending with {@code ". Fix: "} and the action (the
	 * dependency's {@code groupId:artifactId} to add)
	 * @return the diagnostic
	 */
	public static AuthStartupCapabilityDiagnostic missingDependency(String property, String problem) {
		return method(Kind.MISSING_DEPENDENCY, property, problem);
	}

	/**
	 * A {@code gatehouse.*} property that no Gatehouse setting binds (a typo, or a key
	 * that does not exist), so its value would silently be ignored.
	 * @param property the unknown property, in its canonical form
	 * @param problem where it is set and the nearest valid key, ending with
	 * {@code ". Fix: "} and the action
	 * @return the diagnostic
	 */
	public static AuthStartupCapabilityDiagnostic unknownProperty(String property, String problem) {
		return method(Kind.UNKNOWN_PROPERTY, property, problem);
	}

	/**
	 * A {@code @RequirePermission} with a {@code resource} on a boundary whose permission
	 * checker is the default one, which decides by role and never reads the resource.
	 * @param boundary the {@code Class#method}
	 * @param problem which requirement names a resource and why it would not be checked
	 * @return the diagnostic
	 */
	public static AuthStartupCapabilityDiagnostic resourceNotChecked(String boundary, String problem) {
		return method(Kind.RESOURCE_NOT_CHECKED, boundary, problem);
	}

	private static AuthStartupCapabilityDiagnostic method(Kind kind, String boundary, String problem) {
		return new AuthStartupCapabilityDiagnostic(kind, null, 0, List.of(), List.of(), List.of(), boundary, problem);
	}

	private static void requireText(@Nullable String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
	}

	/**
	 * Describes the problem on one line, for example
	 * {@code ROLE_CHECK: 0 providers; required by DocumentController#delete} or
	 * {@code NOT_INTERCEPTABLE DocumentController#purge: private method carries @RequireRole; ...}.
	 * @return the description
	 */
	public String describe() {
		if (this.kind != Kind.CAPABILITY) {
			return this.kind.name() + " " + this.boundary + ": " + this.problem;
		}
		StringBuilder line = new StringBuilder(Objects.requireNonNull(this.capability).name()).append(": ")
			.append(this.providerCount)
			.append(this.providerCount == 1 ? " provider" : " providers");
		if (!this.providerBeanNames.isEmpty()) {
			line.append(" (").append(String.join(", ", this.providerBeanNames)).append(')');
		}
		if (!this.providerIds.isEmpty()) {
			line.append(" [provider ids: ").append(String.join(", ", this.providerIds)).append(']');
		}
		if (!this.requiredBy.isEmpty()) {
			line.append("; required by ").append(String.join(", ", this.requiredBy));
		}
		return line.toString();
	}

	/**
	 * The kinds of problem startup validation reports.
	 */
	public enum Kind {

		/** A required capability is provided by no bean or by more than one. */
		CAPABILITY,

		/** A boundary is declared both {@code @PublicAccess} and protected. */
		CONFLICTING_METADATA,

		/** An annotation carries a value that cannot be enforced. */
		INVALID_METADATA,

		/** An auth annotation sits on a method the proxy cannot intercept. */
		NOT_INTERCEPTABLE,

		/**
		 * A controller handler declares no access rule while explicit access is required.
		 */
		UNDECLARED_ACCESS,

		/**
		 * A singleton with protected methods is not a proxy carrying Gatehouse's advisor;
		 * {@code boundary} is the bean name.
		 */
		NOT_PROXIED,

		/**
		 * A {@code gatehouse.*} property has a value Gatehouse cannot work with;
		 * {@code boundary} is the property and {@code problem} says what is wrong with
		 * it, never its value.
		 */
		INVALID_CONFIGURATION,

		/**
		 * A {@code gatehouse.*} property is set whose feature needs an optional
		 * dependency that is not on the class path; {@code boundary} is the property.
		 */
		MISSING_DEPENDENCY,

		/**
		 * A {@code gatehouse.*} property is set that Gatehouse does not know;
		 * {@code boundary} is the property and {@code problem} names the nearest valid
		 * key.
		 */
		UNKNOWN_PROPERTY,

		/**
		 * A {@code @RequirePermission} names a {@code resource}, but the permission
		 * checker is the default one, which ignores it.
		 */
		RESOURCE_NOT_CHECKED

	}

}
