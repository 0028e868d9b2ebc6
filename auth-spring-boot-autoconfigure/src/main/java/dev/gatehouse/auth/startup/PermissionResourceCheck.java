package dev.gatehouse.auth.startup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.gatehouse.auth.enforcement.RolePermissionChecker;
import dev.gatehouse.auth.metadata.AuthRequirement;
import dev.gatehouse.auth.metadata.AuthRequirementKind;
import dev.gatehouse.auth.spi.AuthCapability;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Fails startup when a {@code @RequirePermission} names a {@code resource} while the one
 * permission checker is Gatehouse's default {@link RolePermissionChecker}: that checker
 * decides by the caller's roles and permission claim only, so
 * {@code @RequirePermission(value = "documents:delete", resource = "document:{id}")}
 * would let every holder of the permission act on every document while reading like a
 * per-object check. Each such boundary is one {@code RESOURCE_NOT_CHECKED} diagnostic in
 * startup validation's one failure report. Decided once, from what the scan found and the
 * checker bean's type; never on a call. The one
 * {@link dev.gatehouse.auth.spi.PermissionChecker} bean is found the way startup
 * validation finds every provider.
 */
public final class PermissionResourceCheck implements StartupDiagnosticsContributor {

	private final ConfigurableListableBeanFactory beanFactory;

	/**
	 * Creates the check.
	 * @param beanFactory where the permission checker bean is looked up, by type and
	 * without creating it
	 */
	public PermissionResourceCheck(ConfigurableListableBeanFactory beanFactory) {
		this.beanFactory = Objects.requireNonNull(beanFactory, "beanFactory must not be null");
	}

	/**
	 * Nothing without the scan: this check reads the boundaries startup validation found.
	 * @return an empty list
	 */
	@Override
	public List<AuthStartupCapabilityDiagnostic> diagnostics() {
		return List.of();
	}

	/**
	 * Lists every boundary with a permission requirement on a resource, when the default
	 * checker would decide it.
	 * @param report what the scan found
	 * @return one {@code RESOURCE_NOT_CHECKED} diagnostic per such boundary, sorted
	 */
	@Override
	public List<AuthStartupCapabilityDiagnostic> diagnostics(AuthCapabilityReport report) {
		Map<String, Set<String>> resourceRequirements = new TreeMap<>();
		for (AuthCapabilityReport.Boundary boundary : report.boundaries()) {
			for (AuthRequirement requirement : boundary.metadata().requirements()) {
				if (requirement.kind() == AuthRequirementKind.PERMISSION && requirement.resource() != null) {
					resourceRequirements.computeIfAbsent(boundary.name(), (key) -> new TreeSet<>())
						.add("@RequirePermission(value = \"" + requirement.ref() + "\", resource = \""
								+ requirement.resource() + "\")");
				}
			}
		}
		if (resourceRequirements.isEmpty() || !isDefaultCheckerTheOnlyOne(report)) {
			return List.of();
		}
		List<AuthStartupCapabilityDiagnostic> diagnostics = new ArrayList<>();
		resourceRequirements.forEach((boundary,
				requirements) -> diagnostics.add(AuthStartupCapabilityDiagnostic.resourceNotChecked(boundary, String
					.join(", ", requirements) + " names a resource, but the permission checker is Gatehouse's default "
						+ RolePermissionChecker.class.getSimpleName()
						+ ", which decides by the caller's roles and permissions only and never reads the resource, so "
						+ "every holder of the permission would pass for every object")));
		return diagnostics;
	}

	/**
	 * Whether the one provider of permission checks is the default. With none or several,
	 * the capability diagnostic already fails startup.
	 */
	private boolean isDefaultCheckerTheOnlyOne(AuthCapabilityReport report) {
		List<String> providers = report.providers(AuthCapability.PERMISSION_CHECK).beanNames();
		if (providers.size() != 1) {
			return false;
		}
		try {
			Class<?> type = this.beanFactory.getType(providers.get(0), false);
			return type != null && RolePermissionChecker.class.isAssignableFrom(ClassUtils.getUserClass(type));
		}
		catch (BeansException ex) {
			return false;
		}
	}

}
