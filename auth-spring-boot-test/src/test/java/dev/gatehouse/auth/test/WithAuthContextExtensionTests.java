package dev.gatehouse.auth.test;

import dev.gatehouse.auth.context.AuthClaim;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WithAuthContextExtension} without Spring: the class's context by default, the
 * method's when present, every attribute applied, and nothing left bound afterwards.
 */
@ExtendWith(WithAuthContextExtension.class)
@WithAuthContext(subject = "class-user", roles = "reader")
class WithAuthContextExtensionTests {

	@AfterAll
	static void leavesNoContextBoundAfterTheTests() {
		assertThat(AuthContextHolder.current()).isEmpty();
	}

	@Test
	void bindsClassLevelContext() {
		AuthContext context = AuthContextHolder.require();
		assertThat(context.subject().id()).isEqualTo("class-user");
		assertThat(context.roles()).containsExactly("reader");
	}

	@Test
	@WithAuthContext(subject = "method-user", roles = { "editor", "admin" }, scopes = "articles:write", tenant = "acme",
			issuer = "https://issuer.test", claims = { "department=news", "level=3" })
	void methodLevelAnnotationWinsAndCarriesEveryAttribute() {
		AuthContext context = AuthContextHolder.require();
		assertThat(context.subject().id()).isEqualTo("method-user");
		assertThat(context.roles()).containsExactly("editor", "admin");
		assertThat(context.scopes()).containsExactly("articles:write");
		assertThat(context.tenant()).isEqualTo("acme");
		assertThat(context.issuer()).isEqualTo("https://issuer.test");
		assertThat(context.claims()).containsExactly(new AuthClaim("department", "news"), new AuthClaim("level", "3"));
		assertThat(context.credentialCarrier()).isNull();
	}

	@Nested
	class InNestedClass {

		@Test
		void nestedTestSeesEnclosingClassContext() {
			assertThat(AuthContextHolder.require().subject().id()).isEqualTo("class-user");
		}

	}

}
