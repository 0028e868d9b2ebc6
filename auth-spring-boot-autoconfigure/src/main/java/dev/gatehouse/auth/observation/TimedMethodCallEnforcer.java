package dev.gatehouse.auth.observation;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.decision.AuthException;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.enforcement.MethodCallEnforcer;
import dev.gatehouse.auth.metadata.AuthBoundaryKind;
import dev.gatehouse.auth.metadata.EffectiveAuthMetadata;
import dev.gatehouse.auth.metadata.MethodBoundaries;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * Decorates a {@link MethodCallEnforcer} with the {@code gatehouse.authorization} timer
 * of a {@link MeterRegistry} ({@code gatehouse.observation.authorization=metrics}, the
 * default): the same name and low-cardinality tags that Micrometer's
 * {@code DefaultMeterObservationHandler} gives the {@code observation} mode's timer
 * ({@code gatehouse.decision.state}, {@code gatehouse.reason.code},
 * {@code gatehouse.boundary.kind} and {@code error}), without an {@code Observation} per
 * call.
 *
 * <p>
 * Each outcome's timer (boundary kind × state × reason code) is registered on its first
 * occurrence and then read from a table, so a call builds no tags and allocates nothing.
 * An unexpected failure (no decision) is tagged {@code UNKNOWN} with the exception's
 * simple class name as {@code error}, as the observation's timer would be.
 */
public final class TimedMethodCallEnforcer implements MethodCallEnforcer {

	private static final String ERROR_TAG = "error";

	// DefaultMeterObservationHandler's value of the error tag when nothing was thrown.
	private static final String NO_ERROR = "none";

	private static final int STATES = AuthorizationDecisionState.values().length;

	private static final int REASONS = AuthorizationReasonCode.values().length;

	private static final AuthorizationDecision ALLOWED = AuthorizationDecision.allow();

	private final MethodCallEnforcer delegate;

	private final MeterRegistry registry;

	private final Clock clock;

	private final MethodBoundaries boundaries;

	// Indexed by boundary kind, state and reason code; filled on first use (registering
	// the same timer twice in a race returns the same timer).
	private final AtomicReferenceArray<Timer> timers = new AtomicReferenceArray<>(
			AuthBoundaryKind.values().length * STATES * REASONS);

	// Unexpected failures: rare, keyed by boundary kind and exception type.
	private final Map<ErrorOutcome, Timer> errorTimers = new ConcurrentHashMap<>();

	/**
	 * Creates the decorator.
	 * @param delegate the enforcer that decides
	 * @param registry the registry that holds the timers
	 * @param boundaries names each protected method (here: its boundary kind)
	 */
	public TimedMethodCallEnforcer(MethodCallEnforcer delegate, MeterRegistry registry, MethodBoundaries boundaries) {
		this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
		this.registry = Objects.requireNonNull(registry, "registry must not be null");
		this.clock = registry.config().clock();
		this.boundaries = Objects.requireNonNull(boundaries, "boundaries must not be null");
	}

	@Override
	public void enforce(MethodInvocation invocation, EffectiveAuthMetadata metadata, @Nullable AuthContext context) {
		long start = this.clock.monotonicTime();
		AuthorizationDecision decision = ALLOWED;
		@Nullable Throwable failure = null;
		try {
			this.delegate.enforce(invocation, metadata, context);
		}
		catch (AuthException ex) {
			decision = ex.decision();
			throw ex;
		}
		catch (RuntimeException | Error ex) {
			failure = ex;
			throw ex;
		}
		finally {
			long duration = this.clock.monotonicTime() - start;
			AuthBoundaryKind kind = this.boundaries.get(invocation.getMethod(), invocation.getThis()).kind();
			Timer timer = (failure != null) ? errorTimer(kind, failure) : timer(kind, decision);
			timer.record(duration, TimeUnit.NANOSECONDS);
		}
	}

	private Timer timer(AuthBoundaryKind kind, AuthorizationDecision decision) {
		int index = (kind.ordinal() * STATES + decision.state().ordinal()) * REASONS + decision.reasonCode().ordinal();
		Timer timer = this.timers.get(index);
		if (timer == null) {
			timer = register(kind, decision.state().name(), decision.reasonCode().name(), NO_ERROR);
			this.timers.set(index, timer);
		}
		return timer;
	}

	private Timer errorTimer(AuthBoundaryKind kind, Throwable failure) {
		return this.errorTimers.computeIfAbsent(new ErrorOutcome(kind, failure.getClass()), (outcome) -> register(kind,
				AuthObservationKeys.UNKNOWN, AuthObservationKeys.UNKNOWN, outcome.type().getSimpleName()));
	}

	private Timer register(AuthBoundaryKind kind, String state, String reasonCode, String error) {
		return Timer.builder(DefaultAuthorizationObservationConvention.NAME)
			.tag(AuthObservationKeys.DECISION_STATE, state)
			.tag(AuthObservationKeys.REASON_CODE, reasonCode)
			.tag(AuthObservationKeys.BOUNDARY_KIND, kind.name())
			.tag(ERROR_TAG, error)
			.register(this.registry);
	}

	/**
	 * An unexpected failure's timer key.
	 */
	private record ErrorOutcome(AuthBoundaryKind kind, Class<?> type) {
	}

}
