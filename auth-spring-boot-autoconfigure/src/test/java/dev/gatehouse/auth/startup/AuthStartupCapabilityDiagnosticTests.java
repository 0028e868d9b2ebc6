package dev.gatehouse.auth.startup;

import java.util.ArrayList;
import java.util.List;

import dev.gatehouse.auth.spi.AuthCapability;
import dev.gatehouse.auth.startup.AuthStartupCapabilityDiagnostic.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Diagnostics describe one problem each, on one line, and sort into a stable reporting
 * order.
 */
class AuthStartupCapabilityDiagnosticTests {

	@Test
	void describesAMissingProvider() {
		assertThat(new AuthStartupCapabilityDiagnostic(AuthCapability.ROLE_CHECK, 0, List.of(),
				List.of("DocumentController#delete", "DocumentController#publish"))
			.describe()).isEqualTo(
					"ROLE_CHECK: 0 providers; required by DocumentController#delete, " + "DocumentController#publish");
	}

	@Test
	void describesDuplicateProvidersWithTheirBeanNamesAndProviderIds() {
		assertThat(new AuthStartupCapabilityDiagnostic(AuthCapability.AUTHENTICATION, 2,
				List.of("apiKeyAuthenticator", "jwtAuthenticator"), List.of("DocumentController#delete"),
				List.of("keycloak"))
			.describe())
			.isEqualTo("AUTHENTICATION: 2 providers (apiKeyAuthenticator, jwtAuthenticator) "
					+ "[provider ids: keycloak]; required by DocumentController#delete");
	}

	@Test
	void describesAMethodProblemWithItsKindAndBoundary() {
		assertThat(
				AuthStartupCapabilityDiagnostic.conflictingMetadata("PressService#publish", "declared both").describe())
			.isEqualTo("CONFLICTING_METADATA PressService#publish: declared both");
	}

	@Test
	void keepsTheContractsFourArgumentFormAsACapabilityDiagnostic() {
		AuthStartupCapabilityDiagnostic diagnostic = new AuthStartupCapabilityDiagnostic(AuthCapability.SCOPE_CHECK, 1,
				List.of("a"), List.of("X#y"));
		assertThat(diagnostic.kind()).isEqualTo(Kind.CAPABILITY);
		assertThat(diagnostic.providerIds()).isEmpty();
		assertThat(diagnostic.boundary()).isNull();
		assertThat(diagnostic.problem()).isNull();
		assertThat(diagnostic).isEqualTo(new AuthStartupCapabilityDiagnostic(AuthCapability.SCOPE_CHECK, 1,
				List.of("a"), List.of("X#y"), List.of()));
	}

	@Test
	void createsOneKindPerMethodProblem() {
		assertThat(AuthStartupCapabilityDiagnostic.invalidMetadata("A#b", "blank").kind())
			.isEqualTo(Kind.INVALID_METADATA);
		assertThat(AuthStartupCapabilityDiagnostic.notInterceptable("A#b", "private").kind())
			.isEqualTo(Kind.NOT_INTERCEPTABLE);
		assertThat(AuthStartupCapabilityDiagnostic.conflictingMetadata("A#b", "both").capability()).isNull();
	}

	@Test
	void rejectsInconsistentComponents() {
		assertThatNullPointerException()
			.isThrownBy(() -> new AuthStartupCapabilityDiagnostic(null, 0, List.of(), List.of()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AuthStartupCapabilityDiagnostic(AuthCapability.ROLE_CHECK, -1, List.of(), List.of()));
		assertThatIllegalArgumentException().isThrownBy(() -> new AuthStartupCapabilityDiagnostic(Kind.CAPABILITY,
				AuthCapability.ROLE_CHECK, 0, List.of(), List.of(), List.of(), "A#b", null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AuthStartupCapabilityDiagnostic(Kind.NOT_INTERCEPTABLE, AuthCapability.ROLE_CHECK, 0,
					List.of(), List.of(), List.of(), "A#b", "x"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AuthStartupCapabilityDiagnostic.notInterceptable(" ", "private"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AuthStartupCapabilityDiagnostic.notInterceptable("A#b", ""));
	}

	@Test
	void ordersCapabilitiesByNameThenMethodProblemsByBoundary() {
		AuthStartupCapabilityDiagnostic scope = missing(AuthCapability.SCOPE_CHECK);
		AuthStartupCapabilityDiagnostic authentication = missing(AuthCapability.AUTHENTICATION);
		AuthStartupCapabilityDiagnostic policy = missing(AuthCapability.POLICY_EVALUATION);
		AuthStartupCapabilityDiagnostic permission = missing(AuthCapability.PERMISSION_CHECK);
		AuthStartupCapabilityDiagnostic zeta = AuthStartupCapabilityDiagnostic.conflictingMetadata("Zeta#a", "x");
		AuthStartupCapabilityDiagnostic alphaPrivate = AuthStartupCapabilityDiagnostic.notInterceptable("Alpha#a", "x");
		AuthStartupCapabilityDiagnostic alphaConflict = AuthStartupCapabilityDiagnostic.conflictingMetadata("Alpha#a",
				"x");
		List<AuthStartupCapabilityDiagnostic> diagnostics = new ArrayList<>(
				List.of(zeta, scope, alphaPrivate, policy, authentication, alphaConflict, permission));
		diagnostics.sort(AuthStartupCapabilityDiagnostic.ORDER);
		assertThat(diagnostics).containsExactly(authentication, permission, policy, scope, alphaConflict, alphaPrivate,
				zeta);
	}

	@Test
	void exceptionMessageListsEveryDiagnostic() {
		AuthStartupCapabilityValidationException exception = new AuthStartupCapabilityValidationException(
				List.of(missing(AuthCapability.AUTHENTICATION), missing(AuthCapability.ROLE_CHECK)));
		assertThat(exception).hasMessage("Gatehouse startup validation failed:\n"
				+ "  AUTHENTICATION: 0 providers; required by X#y\n  ROLE_CHECK: 0 providers; required by X#y");
	}

	private static AuthStartupCapabilityDiagnostic missing(AuthCapability capability) {
		return new AuthStartupCapabilityDiagnostic(capability, 0, List.of(), List.of("X#y"));
	}

}
