package dev.gatehouse.auth.enforcement;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.metadata.EffectiveAuthMetadata;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * Runs the enforcement of one protected method call so that it can be observed (timed,
 * traced, tagged with its decision); {@link AuthorizationMethodInterceptor} hands the
 * check to it when one is configured and runs the check directly otherwise.
 *
 * <p>
 * An implementation must call {@link AuthRequirementEvaluator#enforce} exactly once and
 * let whatever it throws propagate unchanged, so that observing never changes a decision.
 */
@FunctionalInterface
public interface EnforcementObserver {

	/**
	 * Enforces the metadata of a protected call, observing it.
	 * @param invocation the intercepted call (not to be proceeded)
	 * @param metadata the call's effective metadata, protected
	 * @param context the caller's context, or {@code null} when none is bound
	 * @param evaluator the evaluator that decides
	 */
	void enforce(MethodInvocation invocation, EffectiveAuthMetadata metadata, @Nullable AuthContext context,
			AuthRequirementEvaluator evaluator);

}
