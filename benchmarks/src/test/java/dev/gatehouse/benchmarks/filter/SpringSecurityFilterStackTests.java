package dev.gatehouse.benchmarks.filter;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.FilterChain;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spring Security peers measure real authentication: the API-key chain authenticates
 * the benchmark key with ROLE_REPORTER and leaves other requests anonymous; the
 * resource-server chain authenticates the HS256 JWT and answers 401 to one signed with
 * another key, without calling the rest of the chain.
 */
class SpringSecurityFilterStackTests {

	private final SpringSecurityApiKeyStack apiKeyStack = new SpringSecurityApiKeyStack();

	private final SpringSecurityJwtStack jwtStack = new SpringSecurityJwtStack();

	private final FilterRequests requests = new FilterRequests();

	private final List<@Nullable Authentication> seen = new ArrayList<>();

	private final FilterChain recordingChain = (request, response) -> this.seen
		.add(SecurityContextHolder.getContext().getAuthentication());

	@BeforeEach
	void start() {
		this.apiKeyStack.start();
		this.jwtStack.start();
		this.requests.create();
	}

	@AfterEach
	void stop() {
		this.apiKeyStack.stop();
		this.jwtStack.stop();
	}

	@Test
	void apiKeyChainAuthenticatesTheKeyOnEveryCallOfTheReusedRequest() throws Exception {
		for (int i = 0; i < 3; i++) {
			this.requests.apiKey.through(this.apiKeyStack.filter, this.recordingChain);
		}
		assertThat(this.seen).hasSize(3).allSatisfy((authentication) -> {
			assertThat(authentication).isInstanceOf(UsernamePasswordAuthenticationToken.class);
			assertThat(authentication.isAuthenticated()).isTrue();
			assertThat(authentication.getName()).isEqualTo(FilterCredentials.SUBJECT);
			assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
				.containsExactly("ROLE_" + FilterCredentials.ROLE);
		});
		assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
	}

	@Test
	void apiKeyChainLeavesRequestsWithoutAKnownKeyAnonymous() throws Exception {
		this.requests.noCredential.through(this.apiKeyStack.filter, this.recordingChain);
		Exchange.withHeader(FilterCredentials.API_KEY_HEADER, FilterCredentials.UNKNOWN_API_KEY)
			.through(this.apiKeyStack.filter, this.recordingChain);
		assertThat(this.seen).hasSize(2)
			.allSatisfy(
					(authentication) -> assertThat(authentication).isInstanceOf(AnonymousAuthenticationToken.class));
	}

	@Test
	void resourceServerChainAuthenticatesTheJwt() throws Exception {
		this.requests.jwt.through(this.jwtStack.filter, this.recordingChain);
		assertThat(this.seen).singleElement().satisfies((authentication) -> {
			assertThat(authentication).isInstanceOf(JwtAuthenticationToken.class);
			assertThat(authentication.getName()).isEqualTo(FilterCredentials.SUBJECT);
			// Spring Security 7 adds a FACTOR_BEARER authority of its own.
			assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
				.contains("SCOPE_" + FilterCredentials.SCOPE);
		});
	}

	@Test
	void resourceServerChainRefusesAJwtSignedWithAnotherKey() throws Exception {
		Exchange exchange = Exchange.withHeader("Authorization",
				"Bearer " + FilterCredentials.jwtSignedWithAnotherKey());
		assertThat(exchange.through(this.jwtStack.filter, this.recordingChain).getStatus()).isEqualTo(401);
		assertThat(this.seen).isEmpty();
	}

	@Test
	void benchmarksRunTheChainsWithoutRefusing() throws Exception {
		FilterBenchmarks benchmarks = new FilterBenchmarks();
		assertThat(benchmarks.springSecurityApiKey(this.apiKeyStack, this.requests).getStatus()).isEqualTo(200);
		assertThat(benchmarks.springSecurityNoCredential(this.apiKeyStack, this.requests).getStatus()).isEqualTo(200);
		assertThat(benchmarks.springSecurityJwt(this.jwtStack, this.requests).getStatus()).isEqualTo(200);
		assertThat(benchmarks.baseline(this.requests).getStatus()).isEqualTo(200);
	}

}
