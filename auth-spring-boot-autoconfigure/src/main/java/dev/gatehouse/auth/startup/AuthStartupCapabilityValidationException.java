package dev.gatehouse.auth.startup;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import dev.gatehouse.auth.decision.AuthException;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;

/**
 * The application cannot start because the capabilities its annotations require are not
 * each provided by exactly one bean (or its auth metadata is otherwise unusable). Carries
 * every problem found, sorted, so one failed start shows all of them.
 */
public class AuthStartupCapabilityValidationException extends AuthException {

	private static final AuthorizationDecision DECISION = AuthorizationDecision
		.error(AuthorizationReasonCode.INTERNAL_ERROR, "Gatehouse is misconfigured.");

	private final List<AuthStartupCapabilityDiagnostic> diagnostics;

	/**
	 * Creates the exception.
	 * @param diagnostics the problems found; at least one
	 */
	public AuthStartupCapabilityValidationException(List<AuthStartupCapabilityDiagnostic> diagnostics) {
		super(message(diagnostics), DECISION, null);
		this.diagnostics = List.copyOf(diagnostics);
	}

	private static String message(List<AuthStartupCapabilityDiagnostic> diagnostics) {
		Objects.requireNonNull(diagnostics, "diagnostics must not be null");
		if (diagnostics.isEmpty()) {
			throw new IllegalArgumentException("at least one diagnostic is required");
		}
		return diagnostics.stream()
			.map(AuthStartupCapabilityDiagnostic::describe)
			.collect(Collectors.joining("\n  ", "Gatehouse startup validation failed:\n  ", ""));
	}

	/**
	 * Returns the problems found.
	 * @return the diagnostics, in reporting order
	 */
	public List<AuthStartupCapabilityDiagnostic> diagnostics() {
		return this.diagnostics;
	}

}
