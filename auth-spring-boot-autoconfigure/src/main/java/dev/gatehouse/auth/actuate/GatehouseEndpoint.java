package dev.gatehouse.auth.actuate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import dev.gatehouse.auth.metadata.AuthRequirement;
import dev.gatehouse.auth.outbound.OutboundCredentials;
import dev.gatehouse.auth.outbound.OutboundRegistrationStatus;
import dev.gatehouse.auth.spi.AuthCapability;
import dev.gatehouse.auth.startup.AuthCapabilityReport;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The Actuator endpoint {@code gatehouse}: capabilities with their provider beans and
 * every boundary with its requirements, as startup validation found them (nothing is
 * scanned again), and the outbound registrations' status; its write operation refreshes
 * outbound registrations. It shows no secret and no token.
 */
@Endpoint(id = "gatehouse")
public final class GatehouseEndpoint {

	private final Supplier<@Nullable AuthCapabilityReport> report;

	private final Supplier<@Nullable OutboundCredentials> outbound;

	/**
	 * Creates the endpoint.
	 * @param report supplies startup validation's report, or {@code null} when validation
	 * is off
	 * @param outbound supplies the outbound registrations, or {@code null} when there are
	 * none
	 */
	public GatehouseEndpoint(Supplier<@Nullable AuthCapabilityReport> report,
			Supplier<@Nullable OutboundCredentials> outbound) {
		this.report = Objects.requireNonNull(report, "report must not be null");
		this.outbound = Objects.requireNonNull(outbound, "outbound must not be null");
	}

	/**
	 * Describes capabilities, boundaries and outbound registrations.
	 * @return the description
	 */
	@ReadOperation
	public GatehouseDescriptor gatehouse() {
		AuthCapabilityReport report = this.report.get();
		Map<String, CapabilityDescriptor> capabilities = new LinkedHashMap<>();
		List<BoundaryDescriptor> boundaries = new ArrayList<>();
		if (report != null) {
			for (AuthCapability capability : AuthCapability.values()) {
				AuthCapabilityReport.Providers providers = report.providers(capability);
				List<String> requiredBy = report.requiredCapabilities().getOrDefault(capability, List.of());
				capabilities.put(capability.name(), new CapabilityDescriptor(report.isRequired(capability), requiredBy,
						providers.beanNames(), providers.providerIds()));
			}
			for (AuthCapabilityReport.Boundary boundary : report.boundaries()) {
				boundaries.add(new BoundaryDescriptor(boundary.name(), boundary.metadata().publicAccess(),
						boundary.metadata().requirements()));
			}
		}
		OutboundCredentials credentials = this.outbound.get();
		List<OutboundRegistrationStatus> outbound = (credentials != null) ? credentials.status() : List.of();
		return new GatehouseDescriptor(report != null, capabilities, boundaries, outbound);
	}

	/**
	 * Refreshes one outbound registration, or all of them when none is named.
	 * @param registration the registration name, or {@code null} for all
	 * @return each refreshed registration's name to whether its refresh succeeded
	 */
	@WriteOperation
	public Map<String, Boolean> refresh(@Nullable String registration) {
		OutboundCredentials credentials = this.outbound.get();
		if (credentials == null) {
			return Map.of();
		}
		if (registration == null) {
			return credentials.refreshAll();
		}
		if (!credentials.contains(registration)) {
			return Map.of();
		}
		return credentials.refresh(registration);
	}

	/**
	 * What the read operation shows.
	 *
	 * @param startupValidation whether startup validation ran (capabilities and
	 * boundaries are empty otherwise)
	 * @param capabilities each capability by name
	 * @param boundaries every boundary startup validation found
	 * @param outbound the outbound registrations' status
	 */
	public record GatehouseDescriptor(boolean startupValidation, Map<String, CapabilityDescriptor> capabilities,
			List<BoundaryDescriptor> boundaries, List<OutboundRegistrationStatus> outbound) {
	}

	/**
	 * One capability.
	 *
	 * @param required whether some boundary needs it
	 * @param requiredBy the boundaries that need it
	 * @param providers the provider bean names
	 * @param providerIds the provider ids that contributions declared
	 */
	public record CapabilityDescriptor(boolean required, List<String> requiredBy, List<String> providers,
			List<String> providerIds) {
	}

	/**
	 * One boundary.
	 *
	 * @param name the boundary ({@code Class#method} or the HTTP pattern)
	 * @param publicAccess whether it is declared public
	 * @param requirements its requirements
	 */
	public record BoundaryDescriptor(String name, boolean publicAccess, List<AuthRequirement> requirements) {
	}

}
