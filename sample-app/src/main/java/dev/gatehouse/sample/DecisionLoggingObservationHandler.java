package dev.gatehouse.sample;

import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.observation.AuthObservationContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every Gatehouse observation when it stops: which boundary was decided and how. A
 * newcomer sees each decision in the log next to the request's correlation id; a real
 * application would rather rely on Boot's metrics and tracing handlers.
 */
public final class DecisionLoggingObservationHandler implements ObservationHandler<AuthObservationContext> {

	private static final Logger logger = LoggerFactory.getLogger(DecisionLoggingObservationHandler.class);

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof AuthObservationContext;
	}

	@Override
	public void onStop(AuthObservationContext context) {
		if (!logger.isInfoEnabled()) {
			return;
		}
		AuthorizationDecision decision = context.getDecision();
		String outcome = (decision != null) ? decision.state() + "/" + decision.reasonCode() : "UNKNOWN";
		logger.info("{} {} {} {}", context.getName(), outcome, context.getBoundaryKind(), context.getBoundary());
	}

}
