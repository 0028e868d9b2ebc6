package dev.gatehouse.auth.enforcement;

import java.lang.reflect.Method;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.error.AuthException;
import dev.gatehouse.auth.metadata.AuthMetadataResolver;
import dev.gatehouse.auth.metadata.EffectiveAuthMetadata;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;

/**
 * Enforces a protected method's requirements before it runs: cached metadata, the ambient
 * context, the requirements in order, then the method. On refusal the method body never
 * runs. A method that returns a {@link java.util.concurrent.CompletionStage} (or
 * {@link java.util.concurrent.Future}) gets a failed future instead of a synchronous
 * throw, so callers handle every failure in one place.
 */
public final class AuthorizationMethodInterceptor implements MethodInterceptor {

	private final AuthMetadataResolver metadataResolver;

	private final SingletonSupplier<AuthRequirementEvaluator> evaluator;

	/**
	 * Creates the interceptor.
	 * @param metadataResolver resolves (and caches) each method's metadata
	 * @param evaluator supplies the evaluator on first use, so that no provider bean is
	 * created while the proxy infrastructure is still being set up
	 */
	public AuthorizationMethodInterceptor(AuthMetadataResolver metadataResolver,
			Supplier<AuthRequirementEvaluator> evaluator) {
		this.metadataResolver = Objects.requireNonNull(metadataResolver, "metadataResolver must not be null");
		this.evaluator = SingletonSupplier.of(Objects.requireNonNull(evaluator, "evaluator must not be null"));
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Method method = invocation.getMethod();
		Object target = invocation.getThis();
		try {
			// Resolution is inside the try: conflicting or invalid metadata must reach a
			// future-returning caller
			// as a failed future, like any other refusal.
			EffectiveAuthMetadata metadata = this.metadataResolver.resolve(method,
					(target != null) ? target.getClass() : null);
			if (metadata.isProtected()) {
				this.evaluator.obtain()
					.enforce(metadata, AuthContextHolder.current().orElse(null), invocation.getArguments());
			}
		}
		catch (AuthException ex) {
			if (returnsFuture(method)) {
				return CompletableFuture.failedFuture(ex);
			}
			throw ex;
		}
		return invocation.proceed();
	}

	private static boolean returnsFuture(Method method) {
		Class<?> returnType = method.getReturnType();
		return returnType != Object.class && returnType.isAssignableFrom(CompletableFuture.class);
	}

}
