package dev.gatehouse.benchmarks.enforcement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Spring Security benchmarks measure real method security: the bound caller is
 * allowed or refused as the annotations say, and without an authentication every call is
 * refused.
 */
class SpringSecurityStackTests {

	private final SpringSecurityStack stack = new SpringSecurityStack();

	private final SpringSecurityCaller caller = new SpringSecurityCaller();

	private final EnforcementBenchmarks benchmarks = new EnforcementBenchmarks();

	@BeforeEach
	void start() {
		this.stack.start();
		this.caller.bind();
	}

	@AfterEach
	void stop() {
		this.caller.unbind();
		this.stack.stop();
	}

	@Test
	void callsThroughAClassBasedProxyLikeTheOtherStacks() {
		assertThat(AopUtils.isCglibProxy(this.stack.orders)).isTrue();
	}

	@Test
	void allowsThePreAuthorizeRole() {
		assertThat(this.benchmarks.springPreAuthorizeAllowed(this.stack, this.caller)).isEqualTo("order-42");
	}

	@Test
	void allowsTheSecuredAuthority() {
		assertThat(this.benchmarks.springSecuredAllowed(this.stack, this.caller)).isEqualTo("order-42");
	}

	@Test
	void returnsTheRefusalOfTheMissingRole() {
		assertThat(this.benchmarks.springPreAuthorizeDenied(this.stack, this.caller))
			.isInstanceOf(AuthorizationDeniedException.class);
	}

	@Test
	void refusesEveryCallWhenTheThreadHasNoAuthentication() {
		SecurityContextHolder.clearContext();
		assertThatExceptionOfType(AuthenticationCredentialsNotFoundException.class)
			.isThrownBy(() -> this.benchmarks.springPreAuthorizeAllowed(this.stack, this.caller));
		assertThatExceptionOfType(AuthenticationCredentialsNotFoundException.class)
			.isThrownBy(() -> this.benchmarks.springSecuredAllowed(this.stack, this.caller));
	}

}
