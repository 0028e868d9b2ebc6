package dev.gatehouse.auth.correlation;

import java.util.Objects;
import java.util.function.Supplier;

import io.micrometer.tracing.BaggageInScope;
import io.micrometer.tracing.Tracer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Puts the correlation id into Micrometer Tracing baggage named {@value #BAGGAGE_NAME},
 * so that the spans of one call chain carry the same id as its log lines and signed
 * snapshots.
 *
 * <p>
 * The tracer is looked up on the first request and kept, also when there is none: an
 * application with Micrometer Tracing on the class path but no {@link Tracer} bean pays
 * one field read per request. Whether the baggage also travels to other services is the
 * tracer's configuration (with Spring Boot, list the name under
 * {@code management.tracing.baggage.remote-fields}); Gatehouse carries the id onwards in
 * its snapshots either way.
 */
public final class BaggageCorrelationIdBinder implements CorrelationIdBinder {

	/** Name of the baggage entry that holds the correlation id. */
	public static final String BAGGAGE_NAME = "gatehouse.correlationId";

	private static final Binding NOTHING_BOUND = () -> {
	};

	private static final Log logger = LogFactory.getLog(BaggageCorrelationIdBinder.class);

	private final Supplier<@Nullable Tracer> tracerLookup;

	private volatile boolean failureLogged;

	// Written once with the lookup's answer; a racing first request may look up twice,
	// which is harmless.
	private volatile @Nullable Lookup tracer;

	/**
	 * Creates the binder.
	 * @param tracerLookup finds the application's tracer, or answers {@code null} when
	 * there is not exactly one; asked once, on the first request
	 */
	public BaggageCorrelationIdBinder(Supplier<@Nullable Tracer> tracerLookup) {
		this.tracerLookup = Objects.requireNonNull(tracerLookup, "tracerLookup must not be null");
	}

	@Override
	public Binding bind(String correlationId) {
		Lookup lookup = this.tracer;
		if (lookup == null) {
			lookup = new Lookup(this.tracerLookup.get());
			this.tracer = lookup;
		}
		Tracer found = lookup.tracer();
		if (found == null) {
			return NOTHING_BOUND;
		}
		try {
			BaggageInScope baggage = found.createBaggageInScope(BAGGAGE_NAME, correlationId);
			return baggage::close;
		}
		catch (RuntimeException ex) {
			// Tracing is an aid, not a gate: a tracer that cannot take the baggage must
			// not
			// fail the request.
			if (!this.failureLogged) {
				this.failureLogged = true;
				logger.warn("Could not put the correlation id into the tracer's baggage '" + BAGGAGE_NAME
						+ "'; requests continue without it", ex);
			}
			return NOTHING_BOUND;
		}
	}

	private record Lookup(@Nullable Tracer tracer) {
	}

}
