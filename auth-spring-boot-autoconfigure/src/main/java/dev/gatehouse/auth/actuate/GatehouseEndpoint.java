package dev.gatehouse.auth.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import dev.gatehouse.auth.metadata.AuthRequirement;
import dev.gatehouse.auth.outbound.OutboundCredentials;
import dev.gatehouse.auth.outbound.OutboundRegistrationStatus;
import dev.gatehouse.auth.spi.AuthCapability;
import dev.gatehouse.auth.startup.AuthCapabilityReport;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The Actuator endpoint {@code gatehouse}: capabilities with their provider beans and
 * every boundary with its requirements, as startup validation found them (nothing is
 * scanned again), and the outbound registrations' status; its write operation refreshes
 * outbound registrations. It shows no secret and no token.
 *
 * <p>
 * The endpoint's default access is read-only: the write operation exists only when an
 * application grants it deliberately ({@code management.endpoint.gatehouse.access=
 * unrestricted}). Even then a registration is refreshed at most once per refresh interval
 * ({@code gatehouse.outbound.retry-backoff}), whoever asks: a refresh inside the interval
 * reports that registration as {@code false} without contacting its identity provider.
 */
@Endpoint(id = "gatehouse", defaultAccess = Access.READ_ONLY)
public final class GatehouseEndpoint {

	private static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(5);

	private final Supplier<@Nullable AuthCapabilityReport> report;

	private final Supplier<@Nullable OutboundCredentials> outbound;

	private final Duration refreshInterval;

	private final Clock clock;

	/** When each registration was last refreshed through this endpoint. */
	private final ConcurrentMap<String, Instant> lastRefresh = new ConcurrentHashMap<>();

	/**
	 * Creates the endpoint.
	 * @param report supplies startup validation's report, or {@code null} when validation
	 * is off
	 * @param outbound supplies the outbound registrations, or {@code null} when there are
	 * none
	 */
	public GatehouseEndpoint(Supplier<@Nullable AuthCapabilityReport> report,
			Supplier<@Nullable OutboundCredentials> outbound) {
		this(report, outbound, DEFAULT_REFRESH_INTERVAL, Clock.systemUTC());
	}

	/**
	 * Creates the endpoint with a refresh interval.
	 * @param report supplies startup validation's report, or {@code null} when validation
	 * is off
	 * @param outbound supplies the outbound registrations, or {@code null} when there are
	 * none
	 * @param refreshInterval how long after a refresh of a registration another one is
	 * refused; zero allows every refresh
	 * @param clock the time source
	 */
	public GatehouseEndpoint(Supplier<@Nullable AuthCapabilityReport> report,
			Supplier<@Nullable OutboundCredentials> outbound, Duration refreshInterval, Clock clock) {
		this.report = Objects.requireNonNull(report, "report must not be null");
		this.outbound = Objects.requireNonNull(outbound, "outbound must not be null");
		this.refreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval must not be null");
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
		if (refreshInterval.isNegative()) {
			throw new IllegalArgumentException("refreshInterval must not be negative");
		}
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
	 * Refreshes one outbound registration, or all of them when none is named; a
	 * registration refreshed less than the refresh interval ago is not refreshed again.
	 * @param registration the registration name, or {@code null} for all
	 * @return each asked registration's name to whether it was refreshed now and the
	 * refresh succeeded ({@code false} also when the interval had not passed)
	 */
	@WriteOperation
	public Map<String, Boolean> refresh(@Nullable String registration) {
		OutboundCredentials credentials = this.outbound.get();
		if (credentials == null) {
			return Map.of();
		}
		if (registration == null) {
			Map<String, Boolean> results = new LinkedHashMap<>();
			for (OutboundRegistrationStatus status : credentials.status()) {
				results.put(status.name(), refresh(credentials, status.name()));
			}
			return results;
		}
		if (!credentials.contains(registration)) {
			return Map.of();
		}
		return Map.of(registration, refresh(credentials, registration));
	}

	private boolean refresh(OutboundCredentials credentials, String registration) {
		if (!claimRefresh(registration)) {
			return false;
		}
		return Boolean.TRUE.equals(credentials.refresh(registration).get(registration));
	}

	/**
	 * Takes the registration's refresh slot atomically, so that concurrent callers cannot
	 * all pass the check before one of them records its refresh.
	 */
	private boolean claimRefresh(String registration) {
		if (this.refreshInterval.isZero()) {
			return true;
		}
		Instant now = this.clock.instant();
		boolean[] claimed = new boolean[1];
		this.lastRefresh.compute(registration, (name, last) -> {
			if (last != null && now.isBefore(last.plus(this.refreshInterval))) {
				return last;
			}
			claimed[0] = true;
			return now;
		});
		return claimed[0];
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
