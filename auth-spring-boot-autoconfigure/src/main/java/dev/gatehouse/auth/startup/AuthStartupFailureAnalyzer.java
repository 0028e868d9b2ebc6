package dev.gatehouse.auth.startup;

import java.util.List;
import java.util.Objects;

import dev.gatehouse.auth.spi.AuthCapability;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link AuthStartupCapabilityValidationException} into Spring Boot's failure
 * report: the Description lists every problem on its own line, the Action says for each
 * exactly which bean or property to add or remove. Registered in
 * {@code META-INF/spring.factories}.
 */
final class AuthStartupFailureAnalyzer extends AbstractFailureAnalyzer<AuthStartupCapabilityValidationException> {

	private static final String INDENT = "    ";

	// Configuration diagnostics end with " Fix: " and the action to take.
	private static final String FIX = " Fix: ";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, AuthStartupCapabilityValidationException cause) {
		List<AuthStartupCapabilityDiagnostic> diagnostics = cause.diagnostics();
		StringBuilder description = new StringBuilder("Gatehouse cannot enforce the application's access rules (")
			.append(diagnostics.size())
			.append(diagnostics.size() == 1 ? " problem" : " problems")
			.append("):\n");
		StringBuilder action = new StringBuilder("Fix each problem:\n");
		for (AuthStartupCapabilityDiagnostic diagnostic : diagnostics) {
			description.append('\n').append(INDENT).append(diagnostic.describe());
			action.append('\n').append(INDENT).append(action(diagnostic));
		}
		return new FailureAnalysis(description.toString(), action.toString(), cause);
	}

	static String action(AuthStartupCapabilityDiagnostic diagnostic) {
		String boundary = diagnostic.boundary();
		return switch (diagnostic.kind()) {
			case CAPABILITY -> capabilityAction(Objects.requireNonNull(diagnostic.capability()), diagnostic);
			case CONFLICTING_METADATA -> boundary + ": remove either @PublicAccess or the requirement on " + boundary
					+ "; a boundary is either public or protected.";
			case INVALID_METADATA ->
				boundary + ": correct the annotation value named above (" + diagnostic.problem() + ")";
			case NOT_INTERCEPTABLE -> boundary + ": make the method public and non-final/non-static, or move the "
					+ "annotation to a method that callers invoke through the bean.";
			case UNDECLARED_ACCESS -> boundary + ": annotate the handler (or its controller class) with @PublicAccess "
					+ "or a requirement such as @Protected, or set gatehouse.web.require-explicit-access=false.";
			case NOT_PROXIED -> "bean '" + boundary + "': let Spring create it as a bean definition after the "
					+ "post-processors (do not inject it into a BeanPostProcessor or its @Bean method; use "
					+ "ObjectProvider or @Lazy there, and do not add it with registerSingleton).";
			case INVALID_CONFIGURATION, MISSING_DEPENDENCY, UNKNOWN_PROPERTY ->
				boundary + ": " + actionOf(Objects.requireNonNull(diagnostic.problem()));
			case RESOURCE_NOT_CHECKED -> boundary + ": decide per object with @RequireRelation (a RelationChecker), "
					+ "an AuthZEN decision engine, or your own PermissionChecker bean that reads "
					+ "PermissionCheckRequest#resource(); or remove resource from @RequirePermission if holding the "
					+ "permission is enough.";
		};
	}

	private static String actionOf(String problem) {
		int fix = problem.lastIndexOf(FIX);
		return (fix >= 0) ? problem.substring(fix + FIX.length()) : "correct the property as described above.";
	}

	private static String capabilityAction(AuthCapability capability, AuthStartupCapabilityDiagnostic diagnostic) {
		String port = capability.portType().getName();
		if (diagnostic.providerCount() > 1) {
			return capability.name() + ": remove all but one of the beans "
					+ String.join(", ", diagnostic.providerBeanNames()) + " (each implements " + port
					+ "). Marking one @Primary is NOT a fix: Gatehouse requires exactly one provider per capability.";
		}
		if (capability == AuthCapability.AUTHENTICATION) {
			// Most applications authenticate through configuration, not an own bean: name
			// the properties first.
			return "AUTHENTICATION: configure how callers authenticate: gatehouse.api-keys (API keys), "
					+ "gatehouse.jwt.* (JWT bearer tokens: issuer-uri, jwk-set-uri or secret), or gatehouse.snapshot.* "
					+ "with gatehouse.snapshot.propagation.accept-inbound=true (signed context snapshots from other "
					+ "services); or authenticate with Spring Security (a SecurityFilterChain bean, with "
					+ "gatehouse.spring-security.enabled left true); or define one bean implementing " + port
					+ " (it turns the credential a caller presents into an AuthContext).";
		}
		return capability.name() + ": define one bean implementing " + port + missingProviderHint(capability);
	}

	private static String missingProviderHint(AuthCapability capability) {
		return switch (capability) {
			case ROLE_CHECK -> ", or set gatehouse.checkers.context-roles=true to re-enable the default role "
					+ "checker (which checks the AuthContext's roles).";
			case SCOPE_CHECK -> ", or set gatehouse.checkers.context-scopes=true to re-enable the default scope "
					+ "checker (which checks the AuthContext's scopes).";
			case RELATION_CHECK ->
				"; Gatehouse has no built-in relation checker, since relations need a real " + "relationship store.";
			case SNAPSHOT_SIGN, SNAPSHOT_VERIFY ->
				", or set " + AuthStartupCapabilityValidator.SNAPSHOT_PROPAGATION_PROPERTY
						+ "=false if this service does not propagate signed context snapshots.";
			default -> ".";
		};
	}

}
