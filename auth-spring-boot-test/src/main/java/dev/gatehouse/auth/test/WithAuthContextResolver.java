package dev.gatehouse.auth.test;

import java.lang.reflect.Method;

import dev.gatehouse.auth.context.AuthContext;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Finds the {@link WithAuthContext} that applies to a test method: the method's own
 * (direct or meta-present) before the test class's (including its superclasses and, for
 * {@code @Nested} classes, the enclosing ones).
 */
final class WithAuthContextResolver {

	private WithAuthContextResolver() {
	}

	static @Nullable AuthContext resolve(Method testMethod, Class<?> testClass) {
		WithAuthContext annotation = AnnotatedElementUtils.findMergedAnnotation(testMethod, WithAuthContext.class);
		if (annotation == null) {
			annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, WithAuthContext.class);
		}
		return (annotation != null) ? AuthContexts.from(annotation) : null;
	}

}
