package dev.gatehouse.auth.observation;

import java.util.function.Supplier;

import dev.gatehouse.auth.decision.AuthException;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.metadata.AuthBoundaryKind;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Runs one boundary authentication inside a {@code gatehouse.authentication} observation,
 * the same way at every boundary (the servlet filter, the message boundaries): a verified
 * credential is recorded as ALLOW, a refused one with its decision, anything else as an
 * error.
 */
public final class AuthenticationObservations {

	private static final AuthenticationObservationConvention DEFAULT_CONVENTION = new DefaultAuthenticationObservationConvention();

	private static final AuthorizationDecision AUTHENTICATED = AuthorizationDecision.allow();

	private AuthenticationObservations() {
	}

	/**
	 * Observes one authentication.
	 * @param <T> what the authentication returns (a context)
	 * @param registry the registry that records the observation
	 * @param convention the application's convention, or {@code null} for
	 * {@link DefaultAuthenticationObservationConvention}
	 * @param kind the kind of boundary
	 * @param boundary the boundary, as {@code gatehouse.boundary} shows it
	 * @param authentication the authentication; a {@code null} answer records no decision
	 * @return what the authentication returned
	 * @throws AuthException the authentication's refusal, after it was recorded
	 */
	public static <T> @Nullable T observe(ObservationRegistry registry,
			@Nullable AuthenticationObservationConvention convention, AuthBoundaryKind kind, String boundary,
			Supplier<@Nullable T> authentication) {
		AuthObservationContext observationContext = new AuthObservationContext(kind, boundary);
		Observation observation = Observation
			.createNotStarted(convention, DEFAULT_CONVENTION, () -> observationContext, registry)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			T result = authentication.get();
			if (result != null) {
				observationContext.setDecision(AUTHENTICATED);
			}
			return result;
		}
		catch (AuthException ex) {
			observationContext.setDecision(ex.decision());
			throw ex;
		}
		catch (RuntimeException ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

}
