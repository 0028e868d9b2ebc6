package dev.gatehouse.auth.context;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link AuthContext}: the builder, role and scope membership, claim lookup, immutability
 * and equality.
 */
class AuthContextTests {

	private static final CredentialCarrier CARRIER = new CredentialCarrier(CredentialCarrierKind.BEARER_TOKEN,
			CredentialCarrierLocation.AUTHORIZATION_HEADER, "token-material", "Authorization", "Bearer");

	@Test
	void builderSetsEveryField() {
		AuthContext context = AuthContext.builder("user-1")
			.displayName("Ada")
			.issuer("https://idp.example")
			.tenant("acme")
			.roles("admin", "editor")
			.roles(List.of("auditor"))
			.scopes("documents:read")
			.scopes(List.of("documents:write"))
			.claim("email", "ada@example.com")
			.claims(List.of(AuthClaim.of("age", 36L)))
			.credentialCarrier(CARRIER)
			.metadata("clientIp", "127.0.0.1")
			.correlationId("corr-7")
			.delegationChain(List.of("gateway", "documents"))
			.build();

		assertThat(context.subject()).isEqualTo(new AuthSubject("user-1", "Ada"));
		assertThat(context.issuer()).isEqualTo("https://idp.example");
		assertThat(context.tenant()).isEqualTo("acme");
		assertThat(context.roles()).containsExactly("admin", "editor", "auditor");
		assertThat(context.scopes()).containsExactly("documents:read", "documents:write");
		assertThat(context.claims()).containsExactly(AuthClaim.of("email", "ada@example.com"),
				AuthClaim.of("age", 36L));
		assertThat(context.credentialCarrier()).isSameAs(CARRIER);
		assertThat(context.metadata()).containsExactly(AuthClaim.of("clientIp", "127.0.0.1"));
		assertThat(context.correlationId()).isEqualTo("corr-7");
		assertThat(context.delegationChain()).containsExactly("gateway", "documents");
	}

	@Test
	void withCorrelationIdChangesOnlyTheCorrelationIdAndSharesTheLookupLists() {
		AuthContext context = fullContext();
		AuthContext copy = context.withCorrelationId("corr-8");
		assertThat(copy).isEqualTo(context.toBuilder().correlationId("corr-8").build());
		assertThat(copy.roles()).isSameAs(context.roles());
		assertThat(copy.scopes()).isSameAs(context.scopes());
		assertThat(copy.claims()).isSameAs(context.claims());
		assertThat(copy.hasRole("editor")).isTrue();
		assertThat(context.correlationId()).isEqualTo("corr-7");
		assertThat(context.withCorrelationId(null).correlationId()).isNull();
	}

	@Test
	void withCredentialCarrierChangesOnlyTheCarrier() {
		AuthContext context = fullContext();
		CredentialCarrier other = new CredentialCarrier(CredentialCarrierKind.API_KEY, CredentialCarrierLocation.HEADER,
				"another-key", "X-API-Key", null);
		AuthContext copy = context.withCredentialCarrier(other);
		assertThat(copy).isEqualTo(context.toBuilder().credentialCarrier(other).build());
		assertThat(copy.credentialCarrier()).isSameAs(other);
		assertThat(copy.delegationChain()).isSameAs(context.delegationChain());
		assertThat(context.credentialCarrier()).isSameAs(CARRIER);
		assertThat(context.withCredentialCarrier(null).credentialCarrier()).isNull();
	}

	@Test
	void builderDefaultsToNothingButTheSubject() {
		AuthContext context = AuthContext.builder("user-1").build();

		assertThat(context.subject()).isEqualTo(AuthSubject.of("user-1"));
		assertThat(context.subject().displayName()).isNull();
		assertThat(context.issuer()).isNull();
		assertThat(context.tenant()).isNull();
		assertThat(context.roles()).isEmpty();
		assertThat(context.scopes()).isEmpty();
		assertThat(context.claims()).isEmpty();
		assertThat(context.credentialCarrier()).isNull();
		assertThat(context.metadata()).isEmpty();
		assertThat(context.correlationId()).isNull();
		assertThat(context.delegationChain()).isEmpty();
	}

	@Test
	void hasRoleMatchesExactlyAndCaseSensitively() {
		AuthContext context = AuthContext.builder("user-1").roles("Admin", "editor").build();

		assertThat(context.hasRole("Admin")).isTrue();
		assertThat(context.hasRole("editor")).isTrue();
		assertThat(context.hasRole("admin")).isFalse();
		assertThat(context.hasRole("ADMIN")).isFalse();
		assertThat(context.hasRole("Adm")).isFalse();
		assertThat(context.hasRole("Admin ")).isFalse();
		assertThat(context.hasRole("auditor")).isFalse();
	}

	@Test
	void hasScopeMatchesExactlyAndCaseSensitively() {
		AuthContext context = AuthContext.builder("user-1").scopes("documents:read").build();

		assertThat(context.hasScope("documents:read")).isTrue();
		assertThat(context.hasScope("Documents:Read")).isFalse();
		assertThat(context.hasScope("documents")).isFalse();
		assertThat(context.hasScope("documents:read:all")).isFalse();
	}

	@Test
	void hasRoleAndHasScopeAnswerExactlyForShortAndLongListsAlike() {
		for (int size : new int[] { 1, MembershipList.LINEAR_LIMIT, MembershipList.LINEAR_LIMIT + 1, 40 }) {
			List<String> granted = new ArrayList<>();
			for (int i = 0; i < size; i++) {
				granted.add("role-" + i);
			}
			AuthContext context = AuthContext.builder("user-1").roles(granted).scopes(granted).build();

			for (String value : granted) {
				assertThat(context.hasRole(value)).isTrue();
				assertThat(context.hasScope(value)).isTrue();
				// Asked twice: a long list answers the second time from the set the first
				// look-up built.
				assertThat(context.hasRole(value)).isTrue();
			}
			assertThat(context.hasRole("role-" + size)).isFalse();
			assertThat(context.hasScope("ROLE-0")).isFalse();
			assertThat(context.roles().contains(null)).isFalse();
			assertThat(context.roles()).containsExactlyElementsOf(granted);
		}
	}

	@Test
	void rolesAreNotScopesAndScopesAreNotRoles() {
		AuthContext context = AuthContext.builder("user-1").roles("admin").scopes("read").build();

		assertThat(context.hasScope("admin")).isFalse();
		assertThat(context.hasRole("read")).isFalse();
	}

	@Test
	void emptyContextHasNoRoleOrScope() {
		AuthContext context = AuthContext.builder("user-1").build();

		assertThat(context.hasRole("admin")).isFalse();
		assertThat(context.hasScope("read")).isFalse();
	}

	@Test
	void rolesKeepProviderOrderAndDuplicates() {
		AuthContext context = AuthContext.builder("user-1").roles("b", "a", "b").build();

		assertThat(context.roles()).containsExactly("b", "a", "b");
		assertThat(context.roles().get(1)).isEqualTo("a");
		assertThat(context.hasRole("b")).isTrue();
	}

	@Test
	void rolesAndScopesCompareEqualToPlainLists() {
		AuthContext context = AuthContext.builder("user-1").roles("a", "b").scopes("s").build();

		assertThat(context.roles()).isEqualTo(List.of("a", "b")).hasSameHashCodeAs(List.of("a", "b"));
		assertThat(context.scopes()).isEqualTo(List.of("s"));
	}

	@Test
	void constructorGivesConstantTimeMembershipForPlainLists() {
		AuthContext context = new AuthContext(AuthSubject.of("user-1"), null, null, new ArrayList<>(List.of("admin")),
				List.of("read"), List.of(), null, List.of(), null, List.of());

		assertThat(context.hasRole("admin")).isTrue();
		assertThat(context.hasScope("read")).isTrue();
	}

	@Test
	void contextBuiltFromAnotherContextsListsKeepsConstantTimeMembership() {
		AuthContext source = AuthContext.builder("user-1").roles("admin").scopes("read").build();

		AuthContext copy = new AuthContext(AuthSubject.of("user-2"), null, null, source.roles(), source.scopes(),
				List.of(), null, List.of(), null, List.of());

		assertThat(copy.roles()).isSameAs(source.roles());
		assertThat(copy.hasRole("admin")).isTrue();
		assertThat(copy.hasScope("read")).isTrue();
	}

	@Test
	void claimReturnsFirstClaimWithThatName() {
		AuthContext context = AuthContext.builder("user-1")
			.claim("email", "first@example.com")
			.claim("email", "second@example.com")
			.claim("age", 36)
			.build();

		assertThat(context.claim("email")).contains(AuthClaim.of("email", "first@example.com"));
		assertThat(context.claim("age")).hasValueSatisfying((claim) -> assertThat(claim.value()).isEqualTo(36));
	}

	@Test
	void claimIsEmptyWhenAbsent() {
		AuthContext context = AuthContext.builder("user-1").claim("email", "a@example.com").build();

		assertThat(context.claim("phone")).isEmpty();
		assertThat(context.claim("Email")).isEmpty();
	}

	@Test
	void claimLookupDoesNotSearchCallMetadata() {
		AuthContext context = AuthContext.builder("user-1").metadata("clientIp", "127.0.0.1").build();

		assertThat(context.claim("clientIp")).isEmpty();
	}

	@Test
	void claimWithNullValueIsPresent() {
		AuthContext context = AuthContext.builder("user-1").claim("nickname", null).build();

		assertThat(context.claim("nickname")).hasValueSatisfying((claim) -> assertThat(claim.value()).isNull());
	}

	@Test
	void listsAreUnmodifiable() {
		AuthContext context = AuthContext.builder("user-1")
			.roles("admin")
			.scopes("read")
			.claim("email", "a@example.com")
			.metadata("clientIp", "127.0.0.1")
			.delegationChain(List.of("gateway"))
			.build();

		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> context.roles().add("root"));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> context.roles().remove(0));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> context.roles().clear());
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> context.scopes().add("write"));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> context.claims().add(AuthClaim.of("x", 1)));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> context.metadata().add(AuthClaim.of("x", 1)));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> context.delegationChain().add("attacker"));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> context.roles().set(0, "root"));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> context.roles().removeIf((role) -> true));
		Iterator<String> iterator = context.roles().iterator();
		iterator.next();
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(iterator::remove);
		assertThat(context.roles()).containsExactly("admin");
		assertThat(context.hasRole("root")).isFalse();
	}

	@Test
	void mutatingBuilderInputsAfterBuildDoesNotChangeContext() {
		List<String> roles = new ArrayList<>(List.of("user"));
		List<String> scopes = new ArrayList<>(List.of("read"));
		List<AuthClaim> claims = new ArrayList<>(List.of(AuthClaim.of("email", "a@example.com")));
		List<String> chain = new ArrayList<>(List.of("gateway"));
		AuthContext context = AuthContext.builder("user-1")
			.roles(roles)
			.scopes(scopes)
			.claims(claims)
			.delegationChain(chain)
			.build();

		roles.add("admin");
		scopes.add("write");
		claims.add(AuthClaim.of("admin", true));
		chain.add("attacker");

		assertThat(context.roles()).containsExactly("user");
		assertThat(context.hasRole("admin")).isFalse();
		assertThat(context.scopes()).containsExactly("read");
		assertThat(context.hasScope("write")).isFalse();
		assertThat(context.claims()).containsExactly(AuthClaim.of("email", "a@example.com"));
		assertThat(context.delegationChain()).containsExactly("gateway");
	}

	@Test
	void mutatingConstructorInputsAfterConstructionDoesNotChangeContext() {
		List<String> roles = new ArrayList<>(List.of("user"));
		List<String> scopes = new ArrayList<>(List.of("read"));
		List<AuthClaim> claims = new ArrayList<>();
		List<AuthClaim> metadata = new ArrayList<>();
		List<String> chain = new ArrayList<>();
		AuthContext context = new AuthContext(AuthSubject.of("user-1"), null, null, roles, scopes, claims, null,
				metadata, null, chain);

		roles.add("admin");
		scopes.add("write");
		claims.add(AuthClaim.of("admin", true));
		metadata.add(AuthClaim.of("clientIp", "10.0.0.1"));
		chain.add("attacker");

		assertThat(context.roles()).containsExactly("user");
		assertThat(context.hasRole("admin")).isFalse();
		assertThat(context.hasScope("write")).isFalse();
		assertThat(context.claims()).isEmpty();
		assertThat(context.metadata()).isEmpty();
		assertThat(context.delegationChain()).isEmpty();
	}

	@Test
	void usingBuilderAgainAfterBuildDoesNotChangeBuiltContext() {
		AuthContext.Builder builder = AuthContext.builder("user-1").roles("user");
		AuthContext first = builder.build();

		AuthContext second = builder.roles("admin").build();

		assertThat(first.roles()).containsExactly("user");
		assertThat(first.hasRole("admin")).isFalse();
		assertThat(second.roles()).containsExactly("user", "admin");
	}

	@Test
	void toBuilderCopiesEveryField() {
		AuthContext original = fullContext();

		assertThat(original.toBuilder().build()).isEqualTo(original);
	}

	@Test
	void toBuilderChangesDoNotAffectOriginal() {
		AuthContext original = fullContext();

		AuthContext changed = original.toBuilder().roles("root").scopes("admin:all").tenant("globex").build();

		assertThat(changed.hasRole("root")).isTrue();
		assertThat(changed.hasRole("admin")).isTrue();
		assertThat(changed.tenant()).isEqualTo("globex");
		assertThat(original.hasRole("root")).isFalse();
		assertThat(original.hasScope("admin:all")).isFalse();
		assertThat(original.tenant()).isEqualTo("acme");
		assertThat(changed).isNotEqualTo(original);
	}

	@Test
	void contextsWithEqualValuesAreEqual() {
		assertThat(fullContext()).isEqualTo(fullContext()).hasSameHashCodeAs(fullContext());
	}

	@Test
	void contextsDifferingInOneValueAreNotEqual() {
		AuthContext context = fullContext();

		assertThat(context).isNotEqualTo(context.toBuilder().roles("extra").build())
			.isNotEqualTo(context.toBuilder().issuer("other").build())
			.isNotEqualTo(context.toBuilder().correlationId("other").build())
			.isNotEqualTo(context.toBuilder().displayName("Bob").build())
			.isNotEqualTo(AuthContext.builder("user-2").build());
	}

	@Test
	void rejectsNullSubjectIdWithClearMessage() {
		assertThatNullPointerException().isThrownBy(() -> AuthContext.builder(null).build())
			.withMessageContaining("subject id");
	}

	@Test
	void rejectsBlankSubjectIdWithClearMessage() {
		assertThatIllegalArgumentException().isThrownBy(() -> AuthContext.builder("").build())
			.withMessageContaining("subject id")
			.withMessageContaining("blank");
		assertThatIllegalArgumentException().isThrownBy(() -> AuthContext.builder("  \t").build())
			.withMessageContaining("subject id");
	}

	@Test
	void rejectsNullSubject() {
		assertThatNullPointerException()
			.isThrownBy(() -> new AuthContext(null, null, null, List.of(), List.of(), List.of(), null, List.of(), null,
					List.of()))
			.withMessageContaining("subject");
	}

	@Test
	void rejectsBlankRoleWithClearMessage() {
		assertThatIllegalArgumentException().isThrownBy(() -> AuthContext.builder("user-1").roles("admin", " ").build())
			.withMessageContaining("roles")
			.withMessageContaining("blank");
		assertThatIllegalArgumentException().isThrownBy(() -> AuthContext.builder("user-1").roles("").build())
			.withMessageContaining("roles");
	}

	@Test
	void rejectsBlankScopeWithClearMessage() {
		assertThatIllegalArgumentException().isThrownBy(() -> AuthContext.builder("user-1").scopes("\t").build())
			.withMessageContaining("scopes")
			.withMessageContaining("blank");
	}

	@Test
	void rejectsNullElements() {
		assertThatNullPointerException()
			.isThrownBy(() -> AuthContext.builder("user-1").roles(Arrays.asList("admin", null)).build());
		assertThatNullPointerException()
			.isThrownBy(() -> AuthContext.builder("user-1").scopes(Arrays.asList(null, "read")).build());
		assertThatNullPointerException()
			.isThrownBy(() -> AuthContext.builder("user-1").claims(Arrays.asList((AuthClaim) null)).build());
		assertThatNullPointerException()
			.isThrownBy(() -> AuthContext.builder("user-1").delegationChain(Arrays.asList("gateway", null)).build());
		assertThatNullPointerException().isThrownBy(() -> AuthContext.builder("user-1").roles("admin", null));
	}

	@Test
	void rejectsNullLists() {
		AuthSubject subject = AuthSubject.of("user-1");

		assertThatNullPointerException()
			.isThrownBy(() -> new AuthContext(subject, null, null, null, List.of(), List.of(), null, List.of(), null,
					List.of()))
			.withMessageContaining("roles");
		assertThatNullPointerException()
			.isThrownBy(() -> new AuthContext(subject, null, null, List.of(), null, List.of(), null, List.of(), null,
					List.of()))
			.withMessageContaining("scopes");
		assertThatNullPointerException()
			.isThrownBy(() -> new AuthContext(subject, null, null, List.of(), List.of(), null, null, List.of(), null,
					List.of()))
			.withMessageContaining("claims");
		assertThatNullPointerException()
			.isThrownBy(() -> new AuthContext(subject, null, null, List.of(), List.of(), List.of(), null, null, null,
					List.of()))
			.withMessageContaining("metadata");
		assertThatNullPointerException()
			.isThrownBy(() -> new AuthContext(subject, null, null, List.of(), List.of(), List.of(), null, List.of(),
					null, null))
			.withMessageContaining("delegationChain");
	}

	@Test
	void rejectsNonScalarClaimValueWhenAdded() {
		AuthContext.Builder builder = AuthContext.builder("user-1");

		assertThatIllegalArgumentException().isThrownBy(() -> builder.claim("groups", List.of("a")))
			.withMessageContaining("groups");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.metadata("headers", new Object()))
			.withMessageContaining("headers");
	}

	@Test
	void toStringNeverShowsCredentialMaterial() {
		String secret = "eyJ-very-secret-ctx-9d2f41";
		AuthContext context = AuthContext.builder("user-1")
			.credentialCarrier(new CredentialCarrier(CredentialCarrierKind.BEARER_TOKEN,
					CredentialCarrierLocation.AUTHORIZATION_HEADER, secret, "Authorization", "Bearer"))
			.build();

		assertThat(context.toString()).doesNotContain(secret).contains("user-1");
	}

	private static AuthContext fullContext() {
		return AuthContext.builder("user-1")
			.displayName("Ada")
			.issuer("https://idp.example")
			.tenant("acme")
			.roles("admin", "editor")
			.scopes("documents:read")
			.claim("email", "ada@example.com")
			.credentialCarrier(CARRIER)
			.metadata("clientIp", "127.0.0.1")
			.correlationId("corr-7")
			.delegationChain(List.of("gateway"))
			.build();
	}

}
