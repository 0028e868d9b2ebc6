package dev.gatehouse.benchmarks.filter;

import java.util.ArrayList;
import java.util.List;

import dev.gatehouse.auth.context.AuthClaim;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.web.AuthContextFilter;
import jakarta.servlet.FilterChain;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bridge benchmark measures real work on a realistic authentication: the thread's
 * security context holds what Spring Security's resource-server chain makes of the
 * request's token; the bridged filter binds that caller on every call of the reused
 * request without reading the token, and the HS256 peer verifies the same token to the
 * same caller.
 */
class SpringSecurityBridgeStackTests {

	private final SpringSecurityBridgeStack bridgeStack = new SpringSecurityBridgeStack();

	private final GatehouseFilterStack hs256Stack = new GatehouseFilterStack();

	private final BridgeRequests requests = new BridgeRequests();

	private final List<@Nullable AuthContext> seen = new ArrayList<>();

	private final FilterChain recordingChain = (request, response) -> this.seen
		.add(AuthContextHolder.current().orElse(null));

	@BeforeEach
	void start() {
		this.bridgeStack.start();
		this.hs256Stack.start();
		this.requests.create();
	}

	@AfterEach
	void stop() {
		this.requests.clear();
		this.bridgeStack.stop();
		this.hs256Stack.stop();
	}

	@Test
	void bridgeBindsSpringSecuritysCallerOnEveryCallOfTheReusedRequest() throws Exception {
		for (int i = 0; i < 3; i++) {
			this.requests.jwt.through(this.bridgeStack.filter, this.recordingChain);
		}
		assertThat(this.seen).hasSize(3).allSatisfy((context) -> {
			assertThat(context).isNotNull();
			assertCaller(context);
			CredentialCarrier credential = context.credentialCarrier();
			assertThat(credential).isNotNull();
			assertThat(credential.kind()).isEqualTo(CredentialCarrierKind.BEARER_TOKEN);
			assertThat(credential.material()).isEqualTo(this.requests.authentication.getToken().getTokenValue());
		});
		assertThat(this.requests.jwt.request.getAttribute(AuthContextFilter.AUTHENTICATION_FAILURE_ATTRIBUTE)).isNull();
		assertThat(AuthContextHolder.current()).isEmpty();
	}

	@Test
	void bridgeDoesNotReadTheRequestsToken() throws Exception {
		Exchange exchange = Exchange.withHeader("Authorization",
				"Bearer " + FilterCredentials.jwtSignedWithAnotherKey());
		exchange.through(this.bridgeStack.filter, this.recordingChain);
		exchange.through(this.hs256Stack.filter, this.recordingChain);
		assertThat(this.seen).hasSize(2);
		assertThat(this.seen.get(0)).isNotNull().satisfies(SpringSecurityBridgeStackTests::assertCaller);
		assertThat(this.seen.get(1)).isNull();
	}

	@Test
	void hs256PeerVerifiesTheSameRequestToTheSameCaller() throws Exception {
		this.requests.jwt.through(this.hs256Stack.filter, this.recordingChain);
		SecurityContextHolder.clearContext();
		this.requests.jwt.through(this.bridgeStack.filter, this.recordingChain);
		assertThat(this.seen).hasSize(2);
		assertThat(this.seen.get(0)).isNotNull().satisfies(SpringSecurityBridgeStackTests::assertCaller);
		// Without an authentication in the security context the bridged filter verifies
		// the token itself: the bridge is what made the difference.
		assertThat(this.seen.get(1)).isNotNull().satisfies(SpringSecurityBridgeStackTests::assertCaller);
	}

	@Test
	void theAuthenticationIsWhatSpringSecuritysResourceServerMakesOfTheToken() throws Exception {
		SpringSecurityJwtStack resourceServer = new SpringSecurityJwtStack();
		resourceServer.start();
		List<@Nullable Authentication> authentications = new ArrayList<>();
		try {
			SecurityContextHolder.clearContext();
			this.requests.jwt.through(resourceServer.filter,
					(request, response) -> authentications.add(SecurityContextHolder.getContext().getAuthentication()));
		}
		finally {
			resourceServer.stop();
		}
		JwtAuthenticationToken expected = this.requests.authentication;
		assertThat(authentications).singleElement().isInstanceOfSatisfying(JwtAuthenticationToken.class, (actual) -> {
			assertThat(actual.getName()).isEqualTo(expected.getName());
			assertThat(actual.getTokenAttributes()).isEqualTo(expected.getTokenAttributes());
			assertThat(authorities(actual)).containsExactlyInAnyOrderElementsOf(authorities(expected));
		});
		assertThat(authorities(expected)).containsExactlyInAnyOrder("SCOPE_reports.read", "SCOPE_reports.write",
				"SCOPE_openid", "FACTOR_BEARER");
	}

	@Test
	void clearsTheThreadsSecurityContextAtTheEndOfTheTrial() {
		assertThat(SecurityContextHolder.getContext().getAuthentication()).isSameAs(this.requests.authentication);
		this.requests.clear();
		assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
	}

	@Test
	void benchmarksRunTheFilterWithoutWritingAResponse() throws Exception {
		SpringSecurityBridgeBenchmarks benchmarks = new SpringSecurityBridgeBenchmarks();
		assertThat(benchmarks.bridge(this.bridgeStack, this.requests).getStatus()).isEqualTo(200);
		assertThat(this.requests.jwt.request.getAttribute(AuthContextFilter.AUTH_CONTEXT_ATTRIBUTE))
			.isInstanceOfSatisfying(AuthContext.class, SpringSecurityBridgeStackTests::assertCaller);
		assertThat(benchmarks.hs256(this.hs256Stack, this.requests).getStatus()).isEqualTo(200);
		assertThat(this.requests.jwt.request.getAttribute(AuthContextFilter.AUTH_CONTEXT_ATTRIBUTE))
			.isInstanceOfSatisfying(AuthContext.class, SpringSecurityBridgeStackTests::assertCaller);
	}

	private static void assertCaller(AuthContext context) {
		assertThat(context.subject().id()).isEqualTo(FilterCredentials.SUBJECT);
		assertThat(context.issuer()).isEqualTo(FilterCredentials.ISSUER);
		assertThat(context.roles()).containsExactlyElementsOf(FilterCredentials.RESOURCE_SERVER_ROLES);
		assertThat(context.scopes()).containsExactly("reports.read", "reports.write", "openid");
		assertThat(context.claims()).extracting(AuthClaim::name).containsExactly("email", "preferred_username");
	}

	private static List<String> authorities(Authentication authentication) {
		return AuthorityUtils.authorityListToSet(authentication.getAuthorities()).stream().toList();
	}

}
