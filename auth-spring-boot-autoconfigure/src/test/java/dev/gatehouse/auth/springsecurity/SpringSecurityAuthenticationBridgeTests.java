package dev.gatehouse.auth.springsecurity;

import java.util.List;

import dev.gatehouse.auth.authentication.JwtClaimMapper;
import dev.gatehouse.auth.context.AuthContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.context.SecurityContextImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SpringSecurityAuthenticationBridgeTests {

	private final SecurityContextHolderStrategy strategy = SecurityContextHolder.getContextHolderStrategy();

	private final SpringSecurityAuthenticationBridge bridge = new SpringSecurityAuthenticationBridge(
			() -> this.strategy, new DefaultSecurityAuthenticationMapper("ROLE_", "SCOPE_",
					new JwtClaimMapper("roles", "tenant", List.of())));

	private final MockHttpServletRequest request = new MockHttpServletRequest();

	@AfterEach
	void clear() {
		this.strategy.clearContext();
	}

	@Test
	void mapsTheAuthenticatedCallerOfTheCurrentSecurityContext() {
		this.strategy.setContext(new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated("ada", null,
				AuthorityUtils.createAuthorityList("ROLE_auditor"))));
		AuthContext context = this.bridge.context(this.request);
		assertThat(context).isNotNull();
		assertThat(context.subject().id()).isEqualTo("ada");
		assertThat(context.roles()).containsExactly("auditor");
	}

	@Test
	void leavesAnonymousUnauthenticatedAndMissingAuthenticationsToGatehouse() {
		assertThat(this.bridge.context(this.request)).isNull();
		this.strategy.setContext(new SecurityContextImpl(new AnonymousAuthenticationToken("key", "anonymousUser",
				AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"))));
		assertThat(this.bridge.context(this.request)).isNull();
		this.strategy.setContext(new SecurityContextImpl(
				UsernamePasswordAuthenticationToken.unauthenticated("ada", "password-attempt")));
		assertThat(this.bridge.context(this.request)).isNull();
	}

	@Test
	void readsTheStrategyItIsGivenOnEveryRequest() {
		SecurityContextHolderStrategy own = SecurityContextHolder.getContextHolderStrategy();
		SpringSecurityAuthenticationBridge ownBridge = new SpringSecurityAuthenticationBridge(() -> own,
				(authentication) -> AuthContext.builder("mapped-" + authentication.getName()).build());
		own.setContext(new SecurityContextImpl(new TestingAuthenticationToken("bob", null, "ROLE_USER")));
		assertThat(ownBridge.context(this.request).subject().id()).isEqualTo("mapped-bob");
		own.setContext(new SecurityContextImpl(new TestingAuthenticationToken("carol", null, "ROLE_USER")));
		assertThat(ownBridge.context(this.request).subject().id()).isEqualTo("mapped-carol");
	}

	@Test
	void failsForAMapperThatReturnsNull() {
		SpringSecurityAuthenticationBridge broken = new SpringSecurityAuthenticationBridge(() -> this.strategy,
				(authentication) -> null);
		this.strategy.setContext(new SecurityContextImpl(new TestingAuthenticationToken("bob", null, "ROLE_USER")));
		assertThatIllegalStateException().isThrownBy(() -> broken.context(this.request))
			.withMessageContaining("returned null");
	}

}
