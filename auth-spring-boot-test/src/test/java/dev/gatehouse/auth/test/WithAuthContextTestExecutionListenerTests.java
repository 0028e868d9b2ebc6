package dev.gatehouse.auth.test;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

import dev.gatehouse.auth.context.AuthContextHolder;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * {@link WithAuthContextTestExecutionListener} on its own: registered for every Spring
 * test, binding for the test method only, and a no-op without the annotation.
 */
class WithAuthContextTestExecutionListenerTests {

	private final WithAuthContextTestExecutionListener listener = new WithAuthContextTestExecutionListener();

	@Test
	void isRegisteredForSpringTestsThroughSpringFactories() {
		// Other listeners of spring-test need optional dependencies (transactions); only
		// this one matters here.
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
			.load(TestExecutionListener.class, SpringFactoriesLoader.FailureHandler.handleMessage((message, ex) -> {
			}))).hasAtLeastOneElementOfType(WithAuthContextTestExecutionListener.class);
	}

	@Test
	void bindsBeforeTheTestMethodAndUnbindsAfterIt() {
		TestContext testContext = testContext(Fixture.class, "annotated");
		this.listener.beforeTestMethod(testContext);
		try {
			assertThat(AuthContextHolder.require().subject().id()).isEqualTo("method");
		}
		finally {
			this.listener.afterTestMethod(testContext);
		}
		assertThat(AuthContextHolder.current()).isEmpty();
	}

	@Test
	void fallsBackToTheClassAnnotation() {
		TestContext testContext = testContext(Fixture.class, "plain");
		this.listener.beforeTestMethod(testContext);
		try {
			assertThat(AuthContextHolder.require().subject().id()).isEqualTo("class");
		}
		finally {
			this.listener.afterTestMethod(testContext);
		}
		assertThat(AuthContextHolder.current()).isEmpty();
	}

	@Test
	void bindsNothingWithoutAnnotation() {
		TestContext testContext = testContext(Unannotated.class, "plain");
		this.listener.beforeTestMethod(testContext);
		this.listener.afterTestMethod(testContext);
		verify(testContext, never()).setAttribute(anyString(), any());
		assertThat(AuthContextHolder.current()).isEmpty();
	}

	@Test
	void rejectsClaimNotWrittenAsNameEqualsValue() {
		TestContext testContext = testContext(Fixture.class, "badClaim");
		assertThatIllegalArgumentException().isThrownBy(() -> this.listener.beforeTestMethod(testContext))
			.withMessageContaining("name=value");
		assertThat(AuthContextHolder.current()).isEmpty();
	}

	private static TestContext testContext(Class<?> testClass, String methodName) {
		Method method = ReflectionUtils.findMethod(testClass, methodName);
		TestContext testContext = mock(TestContext.class);
		given(testContext.getTestMethod()).willReturn(method);
		willAnswer((invocation) -> testClass).given(testContext).getTestClass();
		Map<String, Object> attributes = new HashMap<>();
		willAnswer((invocation) -> attributes.put(invocation.getArgument(0), invocation.getArgument(1)))
			.given(testContext)
			.setAttribute(anyString(), any());
		willAnswer((invocation) -> attributes.remove(invocation.getArgument(0))).given(testContext)
			.removeAttribute(anyString());
		return testContext;
	}

	@WithAuthContext(subject = "class")
	static class Fixture {

		@WithAuthContext(subject = "method")
		void annotated() {
		}

		void plain() {
		}

		@WithAuthContext(claims = "no-separator")
		void badClaim() {
		}

	}

	static class Unannotated {

		void plain() {
		}

	}

}
