package dev.gatehouse.auth.test;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;

import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Binds the context of a {@link WithAuthContext} around each test method of a Spring
 * test; registered in {@code META-INF/spring.factories}, so it needs no declaration.
 *
 * <p>
 * The context is bound in {@link #beforeTestMethod} and the scope closed in
 * {@link #afterTestMethod}, also when the test fails, so no context outlives its test.
 */
public final class WithAuthContextTestExecutionListener implements TestExecutionListener, Ordered {

	/** Order of this listener: after Spring's own listeners that prepare the test. */
	public static final int ORDER = 10_000;

	private static final String SCOPE_ATTRIBUTE = WithAuthContextTestExecutionListener.class.getName() + ".SCOPE";

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		AuthContext context = WithAuthContextResolver.resolve(testContext.getTestMethod(), testContext.getTestClass());
		if (context != null) {
			testContext.setAttribute(SCOPE_ATTRIBUTE, AuthContextHolder.open(context));
		}
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		if (testContext.removeAttribute(SCOPE_ATTRIBUTE) instanceof AuthContextScope scope) {
			scope.close();
		}
	}

}
