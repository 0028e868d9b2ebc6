package dev.gatehouse.auth.enforcement;

import java.util.function.Supplier;

import dev.gatehouse.auth.metadata.AuthMetadataResolver;
import dev.gatehouse.auth.spi.PermissionChecker;
import dev.gatehouse.auth.spi.PolicyEvaluator;
import dev.gatehouse.auth.spi.RelationChecker;
import dev.gatehouse.auth.spi.RoleChecker;
import dev.gatehouse.auth.spi.ScopeChecker;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * A missing collaborator fails when the enforcement components are built, naming it,
 * rather than turning into an INTERNAL_ERROR refusal on every protected call.
 */
class EnforcementConstructorArgumentsTests {

	private final AuthMetadataResolver resolver = new AuthMetadataResolver();

	private final Supplier<@Nullable RoleChecker> roles = () -> null;

	private final Supplier<@Nullable ScopeChecker> scopes = () -> null;

	private final Supplier<@Nullable PermissionChecker> permissions = () -> null;

	private final Supplier<@Nullable RelationChecker> relations = () -> null;

	private final Supplier<@Nullable PolicyEvaluator> policies = () -> null;

	@Test
	void evaluatorRefusesNullSupplierNamingThePort() {
		assertThatNullPointerException().isThrownBy(
				() -> new AuthRequirementEvaluator(null, this.scopes, this.permissions, this.relations, this.policies))
			.withMessage("RoleChecker supplier must not be null");
		assertThatNullPointerException()
			.isThrownBy(
					() -> new AuthRequirementEvaluator(this.roles, this.scopes, this.permissions, this.relations, null))
			.withMessage("PolicyEvaluator supplier must not be null");
	}

	@Test
	void interceptorRefusesNullResolverOrEnforcerSupplier() {
		assertThatNullPointerException().isThrownBy(() -> new AuthorizationMethodInterceptor(null, this::evaluator))
			.withMessage("metadataResolver must not be null");
		assertThatNullPointerException().isThrownBy(() -> new AuthorizationMethodInterceptor(this.resolver, null))
			.withMessage("enforcer must not be null");
	}

	@Test
	void advisorRefusesNullResolverOrInterceptor() {
		AuthorizationMethodInterceptor interceptor = new AuthorizationMethodInterceptor(this.resolver, this::evaluator);
		assertThatNullPointerException().isThrownBy(() -> new AuthorizationAdvisor(null, interceptor))
			.withMessage("metadataResolver must not be null");
		assertThatNullPointerException().isThrownBy(() -> new AuthorizationAdvisor(this.resolver, null))
			.withMessage("interceptor must not be null");
	}

	private AuthRequirementEvaluator evaluator() {
		return new AuthRequirementEvaluator(this.roles, this.scopes, this.permissions, this.relations, this.policies);
	}

}
