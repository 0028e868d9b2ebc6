package dev.gatehouse.auth.startup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import dev.gatehouse.auth.spi.AuthCapability;

/**
 * Everything the scan collected, merged over all scanned classes, and how it becomes the
 * {@link AuthCapabilityReport}, the sorted diagnostics and the one INFO summary line.
 */
final class BoundaryScanResult {

	private static final Comparator<AuthCapabilityReport.Boundary> BOUNDARY_ORDER = Comparator
		.comparing(AuthCapabilityReport.Boundary::name)
		.thenComparing((boundary) -> boundary.metadata().toString());

	private final Map<AuthCapability, SortedSet<String>> required = new EnumMap<>(AuthCapability.class);

	private final Set<AuthCapabilityReport.Boundary> boundaries = new HashSet<>();

	private final Set<AuthStartupCapabilityDiagnostic> problems = new LinkedHashSet<>();

	/**
	 * Classes with at least one protected method: their singletons must be Gatehouse
	 * proxies.
	 */
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
		this.required
			.forEach((capability, requiredBy) -> requiredCapabilities.put(capability, List.copyOf(requiredBy)));
		List<AuthCapabilityReport.Boundary> sortedBoundaries = new ArrayList<>(this.boundaries);
		sortedBoundaries.sort(BOUNDARY_ORDER);
		return new AuthCapabilityReport(requiredCapabilities, providers, sortedBoundaries);
	}

	void boundary(AuthCapabilityReport.Boundary boundary) {
		this.boundaries.add(boundary);
	}

	void classScanned() {
		this.scannedClasses++;
	}

	/**
	 * Classes with at least one protected method, whose singletons must be Gatehouse
	 * proxies.
	 */
	boolean isIntercepted(Class<?> userClass) {
		return this.intercepted.contains(userClass);
	}

	void intercepted(Class<?> userClass) {
		this.intercepted.add(userClass);
	}

	List<AuthStartupCapabilityDiagnostic> diagnose(AuthCapabilityReport report,
			List<AuthStartupCapabilityDiagnostic> contributed) {
		List<AuthStartupCapabilityDiagnostic> diagnostics = new ArrayList<>(this.problems);
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

	/**
	 * One line saying what validation found, for example
	 * {@code Gatehouse startup validation: 12 protected
	 * boundaries (3 public); required AUTHENTICATION by apiKeyAuthenticator, ROLE_CHECK by contextRoleChecker;
	 * 240 classes scanned in 18 ms; 0 problems}.
	 */
	String summary(AuthCapabilityReport report, int problems, long nanos) {
		long protectedCount = report.boundaries()
			.stream()
			.filter((boundary) -> boundary.metadata().isProtected())
			.count();
		StringBuilder line = new StringBuilder("Gatehouse startup validation: ").append(protectedCount)
			.append((protectedCount == 1) ? " protected boundary (" : " protected boundaries (")
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
			.append(this.scannedClasses)
			.append(" classes scanned in ")
			.append(nanos / 1_000_000)
			.append(" ms; ")
			.append(problems)
			.append(problems == 1 ? " problem" : " problems")
			.toString();
	}

}
