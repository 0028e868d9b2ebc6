package dev.gatehouse.auth.autoconfigure.springsecurity;

import java.util.concurrent.atomic.AtomicReference;

import dev.gatehouse.auth.authentication.CompositeAuthenticator;
import dev.gatehouse.auth.autoconfigure.authentication.GatehouseAuthenticationAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.startup.GatehouseStartupValidationAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.web.GatehouseWebAutoConfiguration;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.springsecurity.DefaultSecurityAuthenticationMapper;
import dev.gatehouse.auth.springsecurity.SecurityAuthenticationMapper;
import dev.gatehouse.auth.springsecurity.SpringSecurityAuthenticationBridge;
import dev.gatehouse.auth.spi.Authenticator;
import dev.gatehouse.auth.web.AuthContextFilter;
import dev.gatehouse.auth.web.PriorAuthentication;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class GatehouseSpringSecurityAutoConfigurationTests {

	private static final String[] API_KEY = {
			"gatehouse.api-keys[0].sha256=62af8704764faf8ea82fc61ce9c4c3908b6cb97d463a634e9e587d7c885db0ef",
			"gatehouse.api-keys[0].subject=svc" };

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GatehouseAutoConfiguration.class,
				GatehouseSpringSecurityAutoConfiguration.class, GatehouseAuthenticationAutoConfiguration.class,
				GatehouseWebAutoConfiguration.class, GatehouseStartupValidationAutoConfiguration.class));

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void bridgesASecurityFilterChainAndCountsAsTheOneAuthenticator() {
		this.contextRunner.withUserConfiguration(FilterChainConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(SpringSecurityAuthenticationBridge.class);
			assertThat(context).hasSingleBean(DefaultSecurityAuthenticationMapper.class);
			assertThat(context).hasSingleBean(Authenticator.class);
			Authenticator composite = context.getBean(Authenticator.class);
			assertThat(composite).isInstanceOf(CompositeAuthenticator.class);
			// No Gatehouse credential type is configured: nothing is read from requests
			// Spring Security left anonymous.
			for (CredentialCarrierKind kind : CredentialCarrierKind.values()) {
				assertThat(composite.supports(kind)).as(kind.name()).isFalse();
			}
			assertThat(filterRegistration(context).getOrder()).isEqualTo(-99);
			assertThat(callerSeenByTheFilter(context, "ada", "ROLE_auditor")).satisfies((caller) -> {
				assertThat(caller.subject().id()).isEqualTo("ada");
				assertThat(caller.roles()).containsExactly("auditor");
			});
		});
	}

	@Test
	void servesRequestsSpringSecurityLeftAnonymousWithGatehouseCredentials() {
		this.contextRunner.withUserConfiguration(FilterChainConfiguration.class)
			.withPropertyValues(API_KEY)
			.run((context) -> {
				Authenticator composite = context.getBean(Authenticator.class);
				assertThat(composite.supports(CredentialCarrierKind.API_KEY)).isTrue();
				MockHttpServletRequest request = new MockHttpServletRequest("GET", "/reports");
				request.addHeader("X-API-Key", "test-key");
				assertThat(callerSeenByTheFilter(context, request).subject().id()).isEqualTo("svc");
			});
	}

	@Test
	void runsTheFilterAfterSpringSecuritysFilterChainWhateverItsOrder() {
		this.contextRunner.withUserConfiguration(FilterChainConfiguration.class)
			.withPropertyValues("spring.security.filter.order=7")
			.run((context) -> assertThat(filterRegistration(context).getOrder()).isEqualTo(8));
	}

	@Test
	void runsTheFilterRightAfterTheRegistrationOfSpringSecuritysFilterChain(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(FilterChainConfiguration.class, ChainRegistrationConfiguration.class)
			.run((context) -> assertThat(filterRegistration(context).getOrder()).isEqualTo(13));
		assertThat(output).doesNotContain("is not registered with a DelegatingFilterProxyRegistrationBean");
	}

	@Test
	void warnsWhenSpringSecuritysFilterChainIsAPlainFilterThatWouldRunAfterGatehouses(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(PlainFilterChainConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(PriorAuthentication.class));
		assertThat(output)
			.contains("springSecurityFilterChain is not registered with a " + "DelegatingFilterProxyRegistrationBean");
	}

	@Test
	void staysOffWithoutASecurityFilterChain() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(PriorAuthentication.class);
			assertThat(context).doesNotHaveBean(Authenticator.class);
			assertThat(filterRegistration(context).getOrder()).isEqualTo(AuthContextFilter.DEFAULT_ORDER);
		});
	}

	@Test
	void staysOffWhenDisabled() {
		this.contextRunner.withUserConfiguration(FilterChainConfiguration.class)
			.withPropertyValues("gatehouse.spring-security.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(PriorAuthentication.class);
				assertThat(context).doesNotHaveBean(Authenticator.class);
				assertThat(filterRegistration(context).getOrder()).isEqualTo(AuthContextFilter.DEFAULT_ORDER);
			});
	}

	@Test
	void staysOffWithoutSpringSecurityWeb() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SecurityFilterChain.class))
			.run((context) -> assertThat(context).doesNotHaveBean(PriorAuthentication.class));
	}

	@Test
	void staysOffOutsideServletApplications() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(GatehouseAutoConfiguration.class,
					GatehouseSpringSecurityAutoConfiguration.class, GatehouseAuthenticationAutoConfiguration.class))
			.withUserConfiguration(FilterChainConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(PriorAuthentication.class);
				assertThat(context).doesNotHaveBean(Authenticator.class);
			});
	}

	@Test
	void usesTheApplicationsMapper() {
		this.contextRunner.withUserConfiguration(FilterChainConfiguration.class, OwnMapperConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(DefaultSecurityAuthenticationMapper.class);
				assertThat(callerSeenByTheFilter(context, "ada", "ROLE_auditor").subject().id()).isEqualTo("own:ada");
			});
	}

	@Test
	void usesTheApplicationsSecurityContextHolderStrategy() {
		this.contextRunner.withUserConfiguration(FilterChainConfiguration.class, OwnStrategyConfiguration.class)
			.run((context) -> {
				SecurityContextHolderStrategy own = context.getBean(SecurityContextHolderStrategy.class);
				own.setContext(new SecurityContextImpl(new TestingAuthenticationToken("bob", null, "ROLE_USER")));
				try {
					assertThat(callerSeenByTheFilter(context, new MockHttpServletRequest("GET", "/")).subject().id())
						.isEqualTo("bob");
				}
				finally {
					own.clearContext();
				}
			});
	}

	@Test
	void appliesRolePrefixAndClaimRules() {
		this.contextRunner.withUserConfiguration(FilterChainConfiguration.class)
			.withPropertyValues("gatehouse.spring-security.role-prefix=GROUP_",
					"gatehouse.spring-security.scope-prefix=SCP_")
			.run((context) -> {
				AuthContext caller = callerSeenByTheFilter(context, "ada", "GROUP_ops", "SCP_read", "ROLE_x");
				assertThat(caller.roles()).containsExactly("ops");
				assertThat(caller.scopes()).containsExactly("read");
			});
	}

	@Test
	void reportsOverlappingPrefixesInTheOneFailureReport() {
		this.contextRunner.withUserConfiguration(FilterChainConfiguration.class)
			.withPropertyValues("gatehouse.spring-security.role-prefix=SCOPE")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("gatehouse.spring-security.scope-prefix"));
	}

	@Test
	void reportsABlankScopePrefix() {
		this.contextRunner.withUserConfiguration(FilterChainConfiguration.class)
			.withPropertyValues("gatehouse.spring-security.scope-prefix= ")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("gatehouse.spring-security.scope-prefix"));
	}

	private static FilterRegistrationBean<?> filterRegistration(AssertableWebApplicationContext context) {
		return context.getBean("gatehouseAuthContextFilter", FilterRegistrationBean.class);
	}

	private static AuthContext callerSeenByTheFilter(AssertableWebApplicationContext context, String name,
			String... authorities) throws Exception {
		SecurityContextHolder
			.setContext(new SecurityContextImpl(new TestingAuthenticationToken(name, null, authorities)));
		try {
			return callerSeenByTheFilter(context, new MockHttpServletRequest("GET", "/reports"));
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private static AuthContext callerSeenByTheFilter(AssertableWebApplicationContext context,
			MockHttpServletRequest request) throws Exception {
		Filter filter = filterRegistration(context).getFilter();
		AtomicReference<AuthContext> seen = new AtomicReference<>();
		filter.doFilter(request, new MockHttpServletResponse(),
				(req, res) -> seen.set(AuthContextHolder.current().orElse(null)));
		assertThat(seen.get()).as("the caller the filter bound").isNotNull();
		return seen.get();
	}

	@Configuration(proxyBeanMethods = false)
	static class FilterChainConfiguration {

		@Bean
		SecurityFilterChain securityFilterChain() {
			return new DefaultSecurityFilterChain(AnyRequestMatcher.INSTANCE);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ChainRegistrationConfiguration {

		@Bean
		DelegatingFilterProxyRegistrationBean securityFilterChainRegistration() {
			DelegatingFilterProxyRegistrationBean registration = new DelegatingFilterProxyRegistrationBean(
					"springSecurityFilterChain");
			registration.setOrder(12);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PlainFilterChainConfiguration {

		// The name @EnableWebSecurity gives it, without Boot's registration.
		@Bean
		SecurityFilterChain springSecurityFilterChain() {
			return new DefaultSecurityFilterChain(AnyRequestMatcher.INSTANCE);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnMapperConfiguration {

		@Bean
		SecurityAuthenticationMapper ownMapper() {
			return (authentication) -> AuthContext.builder("own:" + authentication.getName()).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnStrategyConfiguration {

		@Bean
		SecurityContextHolderStrategy ownStrategy() {
			ThreadLocal<SecurityContext> holder = new ThreadLocal<>();
			return new SecurityContextHolderStrategy() {

				@Override
				public void clearContext() {
					holder.remove();
				}

				@Override
				public SecurityContext getContext() {
					SecurityContext context = holder.get();
					return (context != null) ? context : createEmptyContext();
				}

				@Override
				public void setContext(SecurityContext context) {
					holder.set(context);
				}

				@Override
				public SecurityContext createEmptyContext() {
					return new SecurityContextImpl();
				}

			};
		}

	}

}
