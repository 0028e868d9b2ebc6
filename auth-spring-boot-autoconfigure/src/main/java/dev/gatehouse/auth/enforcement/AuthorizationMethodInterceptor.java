package dev.gatehouse.auth.enforcement;

import java.lang.reflect.Method;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.decision.AuthException;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.metadata.AuthMetadataResolver;
import dev.gatehouse.auth.metadata.EffectiveAuthMetadata;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;

/**
 * Enforces a protected method's requirements before it runs: cached metadata, the ambient
 * context, the requirements in order, then the method. On refusal the method body never
 * runs. A method that returns a {@link java.util.concurrent.CompletionStage} (or
 * {@link java.util.concurrent.Future}) gets a failed future instead of a synchronous
 * throw, so callers handle every failure in one place. A request handler whose dynamic
 * reference the request left without a value is refused with a
 * {@link RequestValueMissingException} the same way.
 */
public final class AuthorizationMethodInterceptor implements MethodInterceptor {

	private static final Log logger = LogFactory.getLog(AuthorizationMethodInterceptor.class);

	private static final AuthorizationDecision ALLOWED = AuthorizationDecision.allow();

	private final AuthMetadataResolver metadataResolver;

	private final SingletonSupplier<MethodCallEnforcer> enforcer;

	// Set once at configuration time; NONE when nobody audits decisions.
	private AuthDecisionListener decisionListener = AuthDecisionListener.NONE;

	private boolean notifyAllowed;

	/**
	 * Creates the interceptor.
	 * @param metadataResolver resolves (and caches) each method's metadata
	 * @param enforcer supplies the enforcer on first use (the
	 * {@link AuthRequirementEvaluator}, possibly decorated by observation), so that no
	 * provider bean is created while the proxy infrastructure is still being set up
	 */
	public AuthorizationMethodInterceptor(AuthMetadataResolver metadataResolver,
			Supplier<? extends MethodCallEnforcer> enforcer) {
		this.metadataResolver = Objects.requireNonNull(metadataResolver, "metadataResolver must not be null");
		Objects.requireNonNull(enforcer, "enforcer must not be null");
		this.enforcer = SingletonSupplier.of(enforcer::get);
	}

	/**
	 * Tells the listener every refusal, and every allowed call when asked to.
	 * @param listener the listener
	 * @param includeAllowed whether allowed calls are reported too
	 */
	public void setDecisionListener(AuthDecisionListener listener, boolean includeAllowed) {
		this.decisionListener = Objects.requireNonNull(listener, "listener must not be null");
		this.notifyAllowed = includeAllowed;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Method method = invocation.getMethod();
		Object target = invocation.getThis();
		@Nullable EffectiveAuthMetadata metadata = null;
		try {
			// Resolution is inside the try: conflicting or invalid metadata must reach a
			// future-returning caller
			// as a failed future, like any other refusal.
			metadata = this.metadataResolver.resolve(method, (target != null) ? target.getClass() : null);
			if (metadata.isProtected()) {
				this.enforcer.obtain().enforce(invocation, metadata, AuthContextHolder.current().orElse(null));
				if (this.notifyAllowed) {
					notifyListener(invocation, metadata, ALLOWED);
				}
			}
		}
		catch (AuthException ex) {
			notifyListener(invocation, metadata, ex.decision());
			if (returnsFuture(method)) {
				return CompletableFuture.failedFuture(ex);
			}
			throw ex;
		}
		catch (RequestValueMissingException ex) {
			// The request lacks a value the check needs: no decision was taken, so none
			// is reported; the method does not run.
			if (returnsFuture(method)) {
				return CompletableFuture.failedFuture(ex);
			}
			throw ex;
		}
		return invocation.proceed();
	}

	private void notifyListener(MethodInvocation invocation, @Nullable EffectiveAuthMetadata metadata,
			AuthorizationDecision decision) {
		AuthDecisionListener listener = this.decisionListener;
		try {
			listener.decided(invocation, metadata, AuthContextHolder.current().orElse(null), decision);
		}
		catch (RuntimeException ex) {
			// Auditing never changes the call's outcome.
			logger.warn("AuthDecisionListener " + listener.getClass().getName() + " failed; the decision stands", ex);
		}
	}

	private static boolean returnsFuture(Method method) {
		Class<?> returnType = method.getReturnType();
		return returnType != Object.class && returnType.isAssignableFrom(CompletableFuture.class);
	}

}
