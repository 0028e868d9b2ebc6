package dev.gatehouse.auth.startup;

import java.util.ArrayList;
import java.util.List;

import dev.gatehouse.auth.spi.AuthCapability;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link AuthStartupCapabilityValidationException} reports every capability problem in
 * one failed start, one {@link AuthStartupCapabilityDiagnostic#describe()} line each.
 */
class AuthStartupCapabilityValidationExceptionTests {

	private static final AuthStartupCapabilityDiagnostic MISSING_ROLE_CHECKER = new AuthStartupCapabilityDiagnostic(
			AuthCapability.ROLE_CHECK, 0, List.of(), List.of("A#b"));

	private static final AuthStartupCapabilityDiagnostic TWO_AUTHENTICATORS = new AuthStartupCapabilityDiagnostic(
			AuthCapability.AUTHENTICATION, 2, List.of("a", "b"),
			List.of("com.example.Docs#read", "com.example.Docs#write"));

	@Test
	void describesMissingProvider() {
		assertThat(MISSING_ROLE_CHECKER.describe()).isEqualTo("ROLE_CHECK: 0 providers; required by A#b");
	}

	@Test
	void describesAmbiguousProvidersWithTheirNames() {
		assertThat(TWO_AUTHENTICATORS.describe())
			.isEqualTo("AUTHENTICATION: 2 providers (a, b); required by com.example.Docs#read, com.example.Docs#write");
	}

	@Test
	void describesSingleProviderInSingular() {
		assertThat(new AuthStartupCapabilityDiagnostic(AuthCapability.SCOPE_CHECK, 1, List.of("scopes"), List.of("A#b"))
			.describe()).isEqualTo("SCOPE_CHECK: 1 provider (scopes); required by A#b");
	}

	@Test
	void describesDiagnosticWithoutBoundaries() {
		assertThat(new AuthStartupCapabilityDiagnostic(AuthCapability.SNAPSHOT_SIGN, 2, List.of("x", "y"), List.of())
			.describe()).isEqualTo("SNAPSHOT_SIGN: 2 providers (x, y)");
	}

	@Test
	void diagnosticCopiesItsLists() {
		List<String> required = new ArrayList<>(List.of("A#b"));
		AuthStartupCapabilityDiagnostic diagnostic = new AuthStartupCapabilityDiagnostic(AuthCapability.ROLE_CHECK, 0,
				List.of(), required);

		required.add("C#d");

		assertThat(diagnostic.requiredBy()).containsExactly("A#b");
		assertThat(diagnostic.describe()).doesNotContain("C#d");
	}

	@Test
	void diagnosticRejectsNegativeCountAndNullCapability() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AuthStartupCapabilityDiagnostic(AuthCapability.ROLE_CHECK, -1, List.of(), List.of()));
		assertThatNullPointerException()
			.isThrownBy(() -> new AuthStartupCapabilityDiagnostic(null, 0, List.of(), List.of()))
			.withMessageContaining("capability");
	}

	@Test
	void messageListsEveryDiagnosticOnItsOwnLine() {
		AuthStartupCapabilityValidationException ex = new AuthStartupCapabilityValidationException(
				List.of(MISSING_ROLE_CHECKER, TWO_AUTHENTICATORS));

		assertThat(ex.getMessage()).contains("Gatehouse startup validation failed")
			.contains(MISSING_ROLE_CHECKER.describe())
			.contains(TWO_AUTHENTICATORS.describe());
		assertThat(ex.getMessage().lines()).contains("  " + MISSING_ROLE_CHECKER.describe(),
				"  " + TWO_AUTHENTICATORS.describe());
	}

	@Test
	void keepsDiagnosticsInReportingOrderAsImmutableCopy() {
		List<AuthStartupCapabilityDiagnostic> diagnostics = new ArrayList<>(
				List.of(TWO_AUTHENTICATORS, MISSING_ROLE_CHECKER));
		AuthStartupCapabilityValidationException ex = new AuthStartupCapabilityValidationException(diagnostics);

		diagnostics.clear();

		assertThat(ex.diagnostics()).containsExactly(TWO_AUTHENTICATORS, MISSING_ROLE_CHECKER);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> ex.diagnostics().add(MISSING_ROLE_CHECKER));
	}

	@Test
	void requiresAtLeastOneDiagnostic() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AuthStartupCapabilityValidationException(List.of()))
			.withMessageContaining("at least one");
		assertThatNullPointerException().isThrownBy(() -> new AuthStartupCapabilityValidationException(null));
	}

}
