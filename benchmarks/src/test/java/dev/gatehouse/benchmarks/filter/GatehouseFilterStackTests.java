package dev.gatehouse.benchmarks.filter;

import java.util.ArrayList;
import java.util.List;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.web.AuthContextFilter;
import jakarta.servlet.FilterChain;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Gatehouse cases measure real authentication: the auto-configured filter binds the
 * caller of a valid API key or JWT for the chain, binds nothing for a request without a
 * credential or with a refused one, and does so again on every call of a reused request.
 */
class GatehouseFilterStackTests {

	private final GatehouseFilterStack stack = new GatehouseFilterStack();

	private final FilterRequests requests = new FilterRequests();

	private final List<@Nullable AuthContext> seen = new ArrayList<>();

	private final FilterChain recordingChain = (request, response) -> this.seen
		.add(AuthContextHolder.current().orElse(null));

	@BeforeEach
	void start() {
		this.stack.start();
		this.requests.create();
	}

	@AfterEach
	void stop() {
		this.stack.stop();
	}

	@Test
	void bindsTheApiKeysCallerOnEveryCallOfTheReusedRequest() throws Exception {
		for (int i = 0; i < 3; i++) {
			this.requests.apiKey.through(this.stack.filter, this.recordingChain);
		}
		assertThat(this.seen).hasSize(3).allSatisfy((context) -> {
			assertThat(context).isNotNull();
			assertThat(context.subject().id()).isEqualTo(FilterCredentials.SUBJECT);
			assertThat(context.roles()).containsExactly(FilterCredentials.ROLE);
		});
		assertThat(AuthContextHolder.current()).isEmpty();
	}

	@Test
	void bindsTheJwtsCaller() throws Exception {
		this.requests.jwt.through(this.stack.filter, this.recordingChain);
		assertThat(this.seen).singleElement().satisfies((context) -> {
			assertThat(context).isNotNull();
			assertThat(context.subject().id()).isEqualTo(FilterCredentials.SUBJECT);
			assertThat(context.roles()).containsExactly(FilterCredentials.ROLE);
			assertThat(context.scopes()).containsExactly(FilterCredentials.SCOPE);
		});
	}

	@Test
	void bindsTheSnapshotsCallerOnEveryCallOfTheReusedRequest() throws Exception {
		for (int i = 0; i < 3; i++) {
			this.requests.snapshot.through(this.stack.filter, this.recordingChain);
		}
		assertThat(this.seen).hasSize(3).allSatisfy((context) -> {
			assertThat(context).isNotNull();
			assertThat(context.subject().id()).isEqualTo(FilterCredentials.SUBJECT);
			assertThat(context.roles()).containsExactly(FilterCredentials.ROLE);
			assertThat(context.correlationId()).isEqualTo("bench-correlation");
			assertThat(context.delegationChain()).containsExactly("upstream");
		});
	}

	@Test
	void bindsNoCallerWithoutACredential() throws Exception {
		this.requests.noCredential.through(this.stack.filter, this.recordingChain);
		assertThat(this.seen).containsExactly((AuthContext) null);
		assertThat(this.requests.noCredential.request.getAttribute(AuthContextFilter.AUTHENTICATION_FAILURE_ATTRIBUTE))
			.isNull();
	}

	@Test
	void refusesAnUnknownApiKey() throws Exception {
		Exchange exchange = Exchange.withHeader(FilterCredentials.API_KEY_HEADER, FilterCredentials.UNKNOWN_API_KEY);
		exchange.through(this.stack.filter, this.recordingChain);
		assertThat(this.seen).containsExactly((AuthContext) null);
		assertThat(exchange.request.getAttribute(AuthContextFilter.AUTHENTICATION_FAILURE_ATTRIBUTE)).isNotNull();
	}

	@Test
	void refusesAJwtSignedWithAnotherKey() throws Exception {
		Exchange exchange = Exchange.withHeader("Authorization",
				"Bearer " + FilterCredentials.jwtSignedWithAnotherKey());
		exchange.through(this.stack.filter, this.recordingChain);
		assertThat(this.seen).containsExactly((AuthContext) null);
		assertThat(exchange.request.getAttribute(AuthContextFilter.AUTHENTICATION_FAILURE_ATTRIBUTE)).isNotNull();
	}

	@Test
	void benchmarksRunTheFilterWithoutWritingAResponse() throws Exception {
		FilterBenchmarks benchmarks = new FilterBenchmarks();
		assertThat(benchmarks.gatehouseApiKey(this.stack, this.requests).getStatus()).isEqualTo(200);
		assertThat(benchmarks.gatehouseJwt(this.stack, this.requests).getStatus()).isEqualTo(200);
		assertThat(benchmarks.gatehouseNoCredential(this.stack, this.requests).getStatus()).isEqualTo(200);
		assertThat(this.requests.apiKey.request.getAttribute(AuthContextFilter.AUTH_CONTEXT_ATTRIBUTE))
			.isInstanceOf(AuthContext.class);
	}

}
