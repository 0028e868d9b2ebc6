package dev.gatehouse.auth.test;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit Jupiter extension that binds the context of a {@link WithAuthContext} around each
 * test method, for tests that run without a Spring test context.
 *
 * <p>
 * Spring tests do not need it: {@link WithAuthContextTestExecutionListener} does the same
 * there, and using both would bind the context twice.
 */
public final class WithAuthContextExtension implements BeforeEachCallback, AfterEachCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(WithAuthContextExtension.class);

	/**
	 * Binds the context of the test method's or test class's {@link WithAuthContext}.
	 * @param context the test's extension context
	 */
	@Override
	public void beforeEach(ExtensionContext context) {
		AuthContext authContext = WithAuthContextResolver.resolve(context.getRequiredTestMethod(),
				context.getRequiredTestClass());
		if (authContext != null) {
			context.getStore(NAMESPACE).put(AuthContextScope.class, AuthContextHolder.open(authContext));
		}
	}

	/**
	 * Unbinds the context bound before the test.
	 * @param context the test's extension context
	 */
	@Override
	public void afterEach(ExtensionContext context) {
		AuthContextScope scope = context.getStore(NAMESPACE).remove(AuthContextScope.class, AuthContextScope.class);
		if (scope != null) {
			scope.close();
		}
	}

}
