package dev.gatehouse.auth.spi;

/**
 * Implemented by a client of a remote decision engine (a policy decision point) that can
 * tell whether it can decide right now; the {@code gatehouse} health indicator reports
 * DOWN when any bean of this type is DOWN. It answers from what it saw on its last calls,
 * never by calling the engine, and its details never contain request headers or URLs.
 */
@FunctionalInterface
public interface DecisionEngineHealth {

	/**
	 * Checks whether the engine can decide right now. Never throws.
	 * @return the status and its details
	 */
	VerifierHealth.Status decisionEngineHealth();

}
