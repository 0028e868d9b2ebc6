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
