package dev.gatehouse.auth.enforcement;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.metadata.EffectiveAuthMetadata;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * Told the decision of a protected method call, for auditing:
 * {@link AuthorizationMethodInterceptor} calls it for every refusal, and for allowed
 * calls only when asked to. It must not throw; the interceptor's outcome never depends on
 * it.
 */
@FunctionalInterface
public interface AuthDecisionListener {

	/**
	 * The listener of an application that audits nothing: chosen once at configuration
	 * time, so that the interceptor tests no nullable field per call.
	 */
	AuthDecisionListener NONE = (invocation, metadata, context, decision) -> {
	};

	/**
	 * Receives one decision.
	 * @param invocation the intercepted call
	 * @param metadata the call's effective metadata, or {@code null} when it could not be
	 * resolved (conflicting annotations)
	 * @param context the caller's context, or {@code null} when none was bound
	 * @param decision the decision
	 */
	void decided(MethodInvocation invocation, @Nullable EffectiveAuthMetadata metadata, @Nullable AuthContext context,
			AuthorizationDecision decision);

}
