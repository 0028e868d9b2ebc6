package dev.gatehouse.auth.enforcement;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.metadata.EffectiveAuthMetadata;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * Enforces the requirements of one protected method call, returning normally when the
 * call may proceed and throwing when it may not. {@link AuthorizationMethodInterceptor}
 * calls it; {@link AuthRequirementEvaluator} is the implementation that decides, and
 * observation decorates it (as Spring Security's {@code ObservationAuthorizationManager}
 * decorates an {@code AuthorizationManager}).
 *
 * <p>
 * A decorator must call its delegate exactly once and let whatever it throws propagate
 * unchanged, so that decorating never changes a decision.
 */
@FunctionalInterface
public interface MethodCallEnforcer {

	/**
	 * Enforces the metadata of a protected call.
	 * @param invocation the intercepted call (not to be proceeded)
	 * @param metadata the call's effective metadata, protected
	 * @param context the caller's context, or {@code null} when none is bound
	 */
	void enforce(MethodInvocation invocation, EffectiveAuthMetadata metadata, @Nullable AuthContext context);

}
