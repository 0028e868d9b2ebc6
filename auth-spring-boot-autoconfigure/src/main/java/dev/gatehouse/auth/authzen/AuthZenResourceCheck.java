package dev.gatehouse.auth.authzen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.gatehouse.auth.metadata.AuthRequirement;
import dev.gatehouse.auth.metadata.AuthRequirementKind;
import dev.gatehouse.auth.spi.AuthCapability;
import dev.gatehouse.auth.startup.AuthCapabilityReport;
import dev.gatehouse.auth.startup.AuthStartupCapabilityDiagnostic;
import dev.gatehouse.auth.startup.StartupDiagnosticsContributor;
import org.jspecify.annotations.Nullable;

/**
 * Fails startup when a requirement the policy decision point decides names a static
 * resource that is not {@code type:id} (for example {@code @RequirePolicy(resource =
 * "reports")}): AuthZEN needs a resource type and id, and no call could ever send it. A
 * reference with a {@code {placeholder}} is checked when a call resolves it (ERROR when
 * it is not {@code type:id}). One {@code INVALID_METADATA} diagnostic per boundary, in
 * startup validation's one failure report.
 */
public final class AuthZenResourceCheck implements StartupDiagnosticsContributor {

	private final Set<AuthCapability> provided;

	/**
	 * Creates the check.
	 * @param provided the ports the decision point backs
	 */
	public AuthZenResourceCheck(Set<AuthCapability> provided) {
		this.provided = Set.copyOf(Objects.requireNonNull(provided, "provided must not be null"));
	}

	/**
	 * Nothing without the scan.
	 * @return an empty list
	 */
	@Override
	public List<AuthStartupCapabilityDiagnostic> diagnostics() {
		return List.of();
	}

	@Override
	public List<AuthStartupCapabilityDiagnostic> diagnostics(AuthCapabilityReport report) {
		Map<String, Set<String>> unsendable = new TreeMap<>();
		for (AuthCapabilityReport.Boundary boundary : report.boundaries()) {
			for (AuthRequirement requirement : boundary.metadata().requirements()) {
				String resource = sentResource(requirement);
				if (resource != null && !DefaultAuthZenRequestMapper.isSendable(resource)) {
					unsendable.computeIfAbsent(boundary.name(), (key) -> new TreeSet<>()).add("'" + resource + "'");
				}
			}
		}
		List<AuthStartupCapabilityDiagnostic> diagnostics = new ArrayList<>();
		unsendable.forEach((boundary, resources) -> diagnostics.add(AuthStartupCapabilityDiagnostic.invalidMetadata(
				boundary,
				"the resource " + String.join(", ", resources)
						+ " is decided by the AuthZEN policy decision point, which needs a type:id reference such as "
						+ "'document:{id}'")));
		return diagnostics;
	}

	private @Nullable String sentResource(AuthRequirement requirement) {
		AuthRequirementKind kind = requirement.kind();
		if (kind == AuthRequirementKind.RELATION && this.provided.contains(AuthCapability.RELATION_CHECK)
				|| kind == AuthRequirementKind.POLICY && this.provided.contains(AuthCapability.POLICY_EVALUATION)
				|| kind == AuthRequirementKind.PERMISSION && this.provided.contains(AuthCapability.PERMISSION_CHECK)) {
			return requirement.resource();
		}
		return null;
	}

}
