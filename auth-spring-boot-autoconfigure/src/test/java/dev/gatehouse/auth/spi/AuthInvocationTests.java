package dev.gatehouse.auth.spi;

import java.util.HashMap;
import java.util.Map;

import dev.gatehouse.auth.context.AuthSubject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link AuthInvocation}: an immutable description of the call being authenticated or
 * authorized.
 */
class AuthInvocationTests {

	@Test
	void ofDescribesSimpleCall() {
		AuthInvocation invocation = AuthInvocation.of("HTTP", "GET /documents/{id}");

		assertThat(invocation.boundary()).isEqualTo("HTTP");
		assertThat(invocation.operation()).isEqualTo("GET /documents/{id}");
		assertThat(invocation.subject()).isNull();
		assertThat(invocation.attributes()).isEmpty();
		assertThat(invocation).isEqualTo(new AuthInvocation("HTTP", "GET /documents/{id}", null, Map.of()));
	}

	@Test
	void keepsSubjectAndAttributes() {
		AuthSubject subject = AuthSubject.of("user-1");

		AuthInvocation invocation = new AuthInvocation("METHOD", "DocumentService#delete", subject,
				Map.of("handler", "delete", "attempt", 2));

		assertThat(invocation.subject()).isSameAs(subject);
		assertThat(invocation.attributes()).containsEntry("handler", "delete").containsEntry("attempt", 2);
	}

	@Test
	void attributesAreADefensiveImmutableCopy() {
		Map<String, Object> attributes = new HashMap<>(Map.of("handler", "delete"));
		AuthInvocation invocation = new AuthInvocation("METHOD", "DocumentService#delete", null, attributes);

		attributes.put("injected", true);
		attributes.remove("handler");

		assertThat(invocation.attributes()).containsExactly(Map.entry("handler", "delete"));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> invocation.attributes().put("late", 1));
	}

	@Test
	void rejectsNullAttributeValues() {
		Map<String, Object> attributes = new HashMap<>();
		attributes.put("handler", null);

		assertThatNullPointerException().isThrownBy(() -> new AuthInvocation("METHOD", "op", null, attributes));
	}

	@Test
	void rejectsBadInput() {
		assertThatNullPointerException().isThrownBy(() -> AuthInvocation.of(null, "op"))
			.withMessageContaining("boundary");
		assertThatIllegalArgumentException().isThrownBy(() -> AuthInvocation.of(" ", "op"))
			.withMessageContaining("boundary");
		assertThatNullPointerException().isThrownBy(() -> AuthInvocation.of("HTTP", null))
			.withMessageContaining("operation");
		assertThatIllegalArgumentException().isThrownBy(() -> AuthInvocation.of("HTTP", ""))
			.withMessageContaining("operation");
		assertThatNullPointerException().isThrownBy(() -> new AuthInvocation("HTTP", "op", null, null))
			.withMessageContaining("attributes");
	}

}
