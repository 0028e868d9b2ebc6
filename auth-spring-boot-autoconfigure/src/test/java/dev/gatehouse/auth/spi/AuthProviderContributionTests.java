package dev.gatehouse.auth.spi;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link AuthProviderContribution}: a provider's name and the capabilities it claims, at
 * least one.
 */
class AuthProviderContributionTests {

	@Test
	void keepsIdAndCapabilities() {
		AuthProviderContribution contribution = new AuthProviderContribution("keycloak",
				Set.of(AuthCapability.AUTHENTICATION, AuthCapability.ROLE_CHECK));

		assertThat(contribution.providerId()).isEqualTo("keycloak");
		assertThat(contribution.capabilities()).containsExactlyInAnyOrder(AuthCapability.AUTHENTICATION,
				AuthCapability.ROLE_CHECK);
	}

	@Test
	void capabilitiesAreADefensiveImmutableCopy() {
		Set<AuthCapability> capabilities = new HashSet<>(Set.of(AuthCapability.SCOPE_CHECK));
		AuthProviderContribution contribution = new AuthProviderContribution("scopes", capabilities);

		capabilities.add(AuthCapability.PASSWORD_HASH);

		assertThat(contribution.capabilities()).containsExactly(AuthCapability.SCOPE_CHECK);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> contribution.capabilities().add(AuthCapability.ROLE_CHECK));
	}

	@Test
	void rejectsEmptyCapabilities() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AuthProviderContribution("keycloak", EnumSet.noneOf(AuthCapability.class)))
			.withMessageContaining("at least one capability");
		assertThatNullPointerException().isThrownBy(() -> new AuthProviderContribution("keycloak", null))
			.withMessageContaining("capabilities");
	}

	@Test
	void rejectsBlankOrNullId() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AuthProviderContribution(" ", Set.of(AuthCapability.ROLE_CHECK)))
			.withMessageContaining("providerId");
		assertThatNullPointerException()
			.isThrownBy(() -> new AuthProviderContribution(null, Set.of(AuthCapability.ROLE_CHECK)))
			.withMessageContaining("providerId");
	}

}
