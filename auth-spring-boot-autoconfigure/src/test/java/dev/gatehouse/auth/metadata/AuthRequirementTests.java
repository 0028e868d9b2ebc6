package dev.gatehouse.auth.metadata;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * The canonical requirement values ({@link AuthRequirement}, {@link AuthRequirementKind})
 * and the resolved metadata value ({@link EffectiveAuthMetadata}).
 */
class AuthRequirementTests {

	@Test
	void requirementKindsAreThoseOfTheContract() {
		assertThat(AuthRequirementKind.values()).extracting(Enum::name)
			.containsExactly("AUTHENTICATED", "PERMISSION", "POLICY", "RELATION", "ROLE", "SCOPE");
	}

	@Test
	void authenticatedIsSharedAndCanonical() {
		assertThat(AuthRequirement.authenticated()).isSameAs(AuthRequirement.authenticated());
		assertThat(AuthRequirement.authenticated())
			.isEqualTo(new AuthRequirement(AuthRequirementKind.AUTHENTICATED, "authenticated", null, null, null));
	}

	@Test
	void factoriesProduceCanonicalFields() {
		assertThat(AuthRequirement.role("admin", "acme"))
			.isEqualTo(new AuthRequirement(AuthRequirementKind.ROLE, "admin", null, null, "acme"));
		assertThat(AuthRequirement.scope("read"))
			.isEqualTo(new AuthRequirement(AuthRequirementKind.SCOPE, "read", null, null, null));
		assertThat(AuthRequirement.permission("delete", "doc:1", "acme"))
			.isEqualTo(new AuthRequirement(AuthRequirementKind.PERMISSION, "delete", "doc:1", null, "acme"));
		assertThat(AuthRequirement.policy("documents", "publish", "acme"))
			.isEqualTo(new AuthRequirement(AuthRequirementKind.POLICY, "documents", "documents", "publish", "acme"));
		assertThat(AuthRequirement.relation("owner", "doc:1", null))
			.isEqualTo(new AuthRequirement(AuthRequirementKind.RELATION, "owner", "doc:1", null, null));
	}

	@Test
	void equalityCoversAllFiveFields() {
		AuthRequirement base = new AuthRequirement(AuthRequirementKind.PERMISSION, "p", "r", "a", "t");

		assertThat(base).isEqualTo(new AuthRequirement(AuthRequirementKind.PERMISSION, "p", "r", "a", "t"))
			.hasSameHashCodeAs(new AuthRequirement(AuthRequirementKind.PERMISSION, "p", "r", "a", "t"));
		assertThat(base).isNotEqualTo(new AuthRequirement(AuthRequirementKind.RELATION, "p", "r", "a", "t"))
			.isNotEqualTo(new AuthRequirement(AuthRequirementKind.PERMISSION, "q", "r", "a", "t"))
			.isNotEqualTo(new AuthRequirement(AuthRequirementKind.PERMISSION, "p", null, "a", "t"))
			.isNotEqualTo(new AuthRequirement(AuthRequirementKind.PERMISSION, "p", "r", null, "t"))
			.isNotEqualTo(new AuthRequirement(AuthRequirementKind.PERMISSION, "p", "r", "a", null));
	}

	@Test
	void tenantQualifiedRoleDiffersFromPlainRole() {
		assertThat(AuthRequirement.role("admin", "acme")).isNotEqualTo(AuthRequirement.role("admin", null));
	}

	@Test
	void kindAndRefAreRequired() {
		assertThatNullPointerException().isThrownBy(() -> new AuthRequirement(null, "x", null, null, null))
			.withMessageContaining("kind");
		assertThatNullPointerException()
			.isThrownBy(() -> new AuthRequirement(AuthRequirementKind.ROLE, null, null, null, null))
			.withMessageContaining("ref");
	}

	@Test
	void noneIsNeitherPublicNorProtected() {
		assertThat(EffectiveAuthMetadata.NONE.publicAccess()).isFalse();
		assertThat(EffectiveAuthMetadata.NONE.isProtected()).isFalse();
		assertThat(EffectiveAuthMetadata.NONE.isBoundary()).isFalse();
	}

	@Test
	void publicIsABoundaryButNotProtected() {
		assertThat(EffectiveAuthMetadata.PUBLIC.publicAccess()).isTrue();
		assertThat(EffectiveAuthMetadata.PUBLIC.isProtected()).isFalse();
		assertThat(EffectiveAuthMetadata.PUBLIC.isBoundary()).isTrue();
	}

	@Test
	void metadataWithRequirementsIsProtected() {
		EffectiveAuthMetadata metadata = new EffectiveAuthMetadata(false, List.of(AuthRequirement.authenticated()));

		assertThat(metadata.isProtected()).isTrue();
		assertThat(metadata.isBoundary()).isTrue();
	}

	@Test
	void publicMetadataCannotCarryRequirements() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EffectiveAuthMetadata(true, List.of(AuthRequirement.authenticated())));
	}

	@Test
	void metadataRequirementsAreAnImmutableCopy() {
		List<AuthRequirement> requirements = new ArrayList<>(List.of(AuthRequirement.authenticated()));
		EffectiveAuthMetadata metadata = new EffectiveAuthMetadata(false, requirements);

		requirements.add(AuthRequirement.scope("late"));

		assertThat(metadata.requirements()).containsExactly(AuthRequirement.authenticated());
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> metadata.requirements().add(AuthRequirement.scope("x")));
	}

}
