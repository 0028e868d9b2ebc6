package dev.gatehouse.auth.springsecurity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.gatehouse.auth.authentication.JwtClaimMapper;
import dev.gatehouse.auth.context.AuthClaim;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.AuthenticationFailedException;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DefaultSecurityAuthenticationMapperTests {

	private static final String ISSUER = "https://idp.example.com/realms/reports";

	private final DefaultSecurityAuthenticationMapper mapper = new DefaultSecurityAuthenticationMapper("ROLE_",
			"SCOPE_", new JwtClaimMapper("realm_access.roles", "tenant", List.of("email", "preferred_username")));

	@Test
	void mapsAResourceServerJwtWithKeycloakRolesScopesAndTheTokenAsCredential() {
		Jwt jwt = jwt(Map.of("sub", "user-7", "iss", ISSUER, "name", "Ada Lovelace", "tenant", "acme", "email",
				"ada@example.com", "realm_access", Map.of("roles", List.of("auditor", "viewer")), "scope",
				"reports.read reports.write"));
		JwtAuthenticationToken token = new JwtAuthenticationToken(jwt,
				List.of(authority("SCOPE_reports.read"), authority("SCOPE_reports.write"), authority("ROLE_viewer"),
						authority("ROLE_admin"),
						FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.BEARER_AUTHORITY)));

		AuthContext context = this.mapper.map(token);

		assertThat(context.subject().id()).isEqualTo("user-7");
		assertThat(context.subject().displayName()).isEqualTo("Ada Lovelace");
		assertThat(context.issuer()).isEqualTo(ISSUER);
		assertThat(context.tenant()).isEqualTo("acme");
		assertThat(context.roles()).containsExactly("auditor", "viewer", "admin");
		assertThat(context.scopes()).containsExactly("reports.read", "reports.write");
		assertThat(context.claims()).extracting(AuthClaim::name).containsExactly("email");
		assertThat(context.credentialCarrier()).satisfies((carrier) -> {
			assertThat(carrier.kind()).isEqualTo(CredentialCarrierKind.BEARER_TOKEN);
			assertThat(carrier.material()).isEqualTo(jwt.getTokenValue());
			assertThat(carrier.scheme()).isEqualTo("Bearer");
		});
	}

	@Test
	void takesTheSubjectFromThePrincipalNameAsTheResourceServerConfiguredIt() {
		Jwt jwt = jwt(Map.of("sub", "user-7", "iss", ISSUER, "preferred_username", "ada"));
		AuthContext context = this.mapper.map(new JwtAuthenticationToken(jwt, List.of(), "ada"));
		assertThat(context.subject().id()).isEqualTo("ada");
	}

	@Test
	void refusesATokenWhoseRolesClaimHasAnUnexpectedShape() {
		Jwt jwt = jwt(Map.of("sub", "user-7", "realm_access", Map.of("roles", Map.of("admin", true))));
		assertThatExceptionOfType(AuthenticationFailedException.class)
			.isThrownBy(() -> this.mapper.map(new JwtAuthenticationToken(jwt, List.of())))
			.satisfies((ex) -> assertThat(ex.decision().reasonCode())
				.isEqualTo(AuthorizationReasonCode.INVALID_CREDENTIAL));
	}

	@Test
	void mapsAnIntrospectedOpaqueTokenWithItsUrlIssuer() throws Exception {
		Map<String, Object> attributes = Map.of("sub", "svc-1", "iss", new java.net.URI(ISSUER).toURL(), "tenant",
				"acme", "exp", Instant.now().plusSeconds(60));
		DefaultOAuth2AuthenticatedPrincipal principal = new DefaultOAuth2AuthenticatedPrincipal("svc-1", attributes,
				AuthorityUtils.createAuthorityList("SCOPE_reports.read"));
		OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "opaque-7f3a",
				Instant.now(), Instant.now().plusSeconds(60));

		AuthContext context = this.mapper
			.map(new BearerTokenAuthentication(principal, accessToken, principal.getAuthorities()));

		assertThat(context.subject().id()).isEqualTo("svc-1");
		assertThat(context.issuer()).isEqualTo(ISSUER);
		assertThat(context.tenant()).isEqualTo("acme");
		assertThat(context.scopes()).containsExactly("reports.read");
		assertThat(context.credentialCarrier().material()).isEqualTo("opaque-7f3a");
	}

	@Test
	void mapsAnOidcLoginFromItsIdTokenWithoutCarryingACredential() {
		OidcIdToken idToken = OidcIdToken.withTokenValue("id-token-value")
			.subject("user-7")
			.issuer(ISSUER)
			.claim("name", "Ada Lovelace")
			.claim("email", "ada@example.com")
			.claim("realm_access", Map.of("roles", List.of("auditor")))
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60))
			.build();
		List<GrantedAuthority> authorities = List.of(authority("OIDC_USER"), authority("SCOPE_openid"),
				FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.AUTHORIZATION_CODE_AUTHORITY));
		DefaultOidcUser user = new DefaultOidcUser(authorities, idToken, "email");

		AuthContext context = this.mapper.map(new OAuth2AuthenticationToken(user, authorities, "keycloak"));

		assertThat(context.subject().id()).isEqualTo("user-7");
		assertThat(context.issuer()).isEqualTo(ISSUER);
		assertThat(context.subject().displayName()).isEqualTo("Ada Lovelace");
		assertThat(context.roles()).containsExactly("auditor");
		assertThat(context.scopes()).containsExactly("openid");
		assertThat(context.claim("email"))
			.hasValueSatisfying((claim) -> assertThat(claim.value()).isEqualTo("ada@example.com"));
		assertThat(context.credentialCarrier()).isNull();
	}

	@Test
	void mapsAPlainOAuth2LoginByItsNameWithoutAnIssuer() {
		DefaultOAuth2User user = new DefaultOAuth2User(AuthorityUtils.createAuthorityList("OAUTH2_USER"),
				Map.of("login", "octocat", "id", 583231L), "login");
		AuthContext context = this.mapper.map(new OAuth2AuthenticationToken(user, user.getAuthorities(), "github"));
		assertThat(context.subject().id()).isEqualTo("octocat");
		assertThat(context.issuer()).isNull();
		assertThat(context.roles()).isEmpty();
	}

	@Test
	void mapsABasicLoginToItsNameAndRolesWithoutPrefixesFactorsOrPassword() {
		UsernamePasswordAuthenticationToken login = UsernamePasswordAuthenticationToken.authenticated("ada",
				"secret-password-9f",
				List.of(authority("ROLE_auditor"), authority("ROLE_USER"),
						FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY),
						authority("FACTOR_WEBAUTHN"), authority("reports:export")));

		AuthContext context = this.mapper.map(login);

		assertThat(context.subject().id()).isEqualTo("ada");
		assertThat(context.roles()).containsExactly("auditor", "USER");
		assertThat(context.roles()).noneMatch((role) -> role.startsWith("ROLE_") || role.startsWith("FACTOR_"));
		assertThat(context.scopes()).isEmpty();
		assertThat(context.credentialCarrier()).isNull();
		assertThat(context.toString()).doesNotContain("secret-password-9f");
	}

	@Test
	void anEmptyRolePrefixMakesEveryOtherAuthorityARoleButNeverAFactor() {
		DefaultSecurityAuthenticationMapper unprefixed = new DefaultSecurityAuthenticationMapper("", "SCOPE_",
				new JwtClaimMapper("roles", "tenant", List.of()));
		AuthContext context = unprefixed
			.map(new TestingAuthenticationToken("ada", null, "admin", "SCOPE_read", "FACTOR_PASSWORD", "admin"));
		assertThat(context.roles()).containsExactly("admin");
		assertThat(context.scopes()).containsExactly("read");
	}

	@Test
	void honoursCustomPrefixes() {
		DefaultSecurityAuthenticationMapper custom = new DefaultSecurityAuthenticationMapper("GROUP_", "SCP:",
				new JwtClaimMapper("roles", "tenant", List.of()));
		AuthContext context = custom
			.map(new TestingAuthenticationToken("ada", null, "GROUP_ops", "SCP:read", "ROLE_ignored"));
		assertThat(context.roles()).containsExactly("ops");
		assertThat(context.scopes()).containsExactly("read");
	}

	@Test
	void refusesAnAuthenticationWithoutAName() {
		assertThatExceptionOfType(AuthenticationFailedException.class)
			.isThrownBy(() -> this.mapper.map(new TestingAuthenticationToken(" ", null, "ROLE_USER")))
			.satisfies((ex) -> assertThat(ex.decision().reasonCode())
				.isEqualTo(AuthorizationReasonCode.INVALID_CREDENTIAL));
	}

	@Test
	void rejectsPrefixesThatCannotTellRolesFromScopes() {
		JwtClaimMapper claims = new JwtClaimMapper("roles", "tenant", List.of());
		assertThatIllegalArgumentException().isThrownBy(() -> new DefaultSecurityAuthenticationMapper("", " ", claims));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DefaultSecurityAuthenticationMapper("SCOPE", "SCOPE_", claims));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DefaultSecurityAuthenticationMapper("X_", "X_", claims));
	}

	private static Jwt jwt(Map<String, Object> claims) {
		Instant now = Instant.now();
		return Jwt.withTokenValue("header.payload-" + claims.hashCode() + ".signature")
			.header("alg", "RS256")
			.claims((all) -> all.putAll(claims))
			.issuedAt(now)
			.expiresAt(now.plusSeconds(300))
			.build();
	}

	private static GrantedAuthority authority(String authority) {
		return new SimpleGrantedAuthority(authority);
	}

}
