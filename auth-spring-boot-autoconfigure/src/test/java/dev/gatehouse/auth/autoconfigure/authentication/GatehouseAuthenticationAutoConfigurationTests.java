package dev.gatehouse.auth.autoconfigure.authentication;

import dev.gatehouse.auth.authentication.ApiKeyAuthenticator;
import dev.gatehouse.auth.authentication.CompositeAuthenticator;
import dev.gatehouse.auth.authentication.CredentialAuthenticator;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.context.CredentialCarrierLocation;
import dev.gatehouse.auth.password.DelegatingPasswordHasher;
import dev.gatehouse.auth.password.DelegatingPasswordVerifier;
import dev.gatehouse.auth.spi.AuthInvocation;
import dev.gatehouse.auth.spi.Authenticator;
import dev.gatehouse.auth.spi.PasswordHasher;
import dev.gatehouse.auth.spi.PasswordVerifier;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class GatehouseAuthenticationAutoConfigurationTests {

	// printf %s "test-key" | sha256sum
	private static final String TEST_KEY_SHA256 = "62af8704764faf8ea82fc61ce9c4c3908b6cb97d463a634e9e587d7c885db0ef";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(GatehouseAutoConfiguration.class, GatehouseAuthenticationAutoConfiguration.class));

	@Test
	void registersNoAuthenticatorWithoutConfiguredCredentials() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(ApiKeyAuthenticator.class);
			assertThat(context).doesNotHaveBean(Authenticator.class);
		});
	}

	@Test
	void registersApiKeysBehindOneCompositeAuthenticator() {
		this.contextRunner
			.withPropertyValues("gatehouse.api-keys[0].sha256=" + TEST_KEY_SHA256, "gatehouse.api-keys[0].subject=svc",
					"gatehouse.api-keys[0].roles=READER")
			.run((context) -> {
				assertThat(context).hasSingleBean(ApiKeyAuthenticator.class);
				assertThat(context).hasSingleBean(Authenticator.class);
				assertThat(context).hasBean("gatehouseAuthenticator");
				CompositeAuthenticator authenticator = context.getBean(CompositeAuthenticator.class);
				assertThat(authenticator.supports(CredentialCarrierKind.API_KEY)).isTrue();
				assertThat(authenticator.supports(CredentialCarrierKind.BEARER_TOKEN)).isFalse();
				AuthContext caller = authenticator.authenticate(new CredentialCarrier(CredentialCarrierKind.API_KEY,
						CredentialCarrierLocation.HEADER, "test-key", "X-API-Key", null),
						AuthInvocation.of("TEST", "op"));
				assertThat(caller.subject().id()).isEqualTo("svc");
				assertThat(caller.roles()).containsExactly("READER");
			});
	}

	@Test
	void validatesApiKeyEntriesEvenWithoutHash() {
		this.contextRunner.withPropertyValues("gatehouse.api-keys[0].subject=svc").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasMessageContaining("INVALID_CONFIGURATION gatehouse.api-keys[0].sha256: is missing");
		});
	}

	@Test
	void failsStartupOnMalformedHashWithoutShowingIt() {
		String malformed = TEST_KEY_SHA256.substring(0, 63) + "g";
		this.contextRunner
			.withPropertyValues("gatehouse.api-keys[0].sha256=" + TEST_KEY_SHA256, "gatehouse.api-keys[0].subject=a",
					"gatehouse.api-keys[1].sha256=" + malformed, "gatehouse.api-keys[1].subject=b")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.hasMessageContaining(
							"INVALID_CONFIGURATION gatehouse.api-keys[1].sha256: is not a SHA-256 hex digest")
					.hasMessageNotContaining(malformed);
			});
	}

	@Test
	void failsStartupOnDuplicateHash() {
		this.contextRunner
			.withPropertyValues("gatehouse.api-keys[0].sha256=" + TEST_KEY_SHA256, "gatehouse.api-keys[0].subject=a",
					"gatehouse.api-keys[1].sha256=" + TEST_KEY_SHA256, "gatehouse.api-keys[1].subject=b")
			.run((context) -> assertThat(context.getStartupFailure()).hasMessageContaining(
					"INVALID_CONFIGURATION gatehouse.api-keys[1].sha256: is the same hash as gatehouse.api-keys[0].sha256")
				.hasMessageNotContaining(TEST_KEY_SHA256));
	}

	@Test
	void backsOffWhenApplicationDefinesAuthenticator() {
		this.contextRunner.withUserConfiguration(CustomAuthenticatorConfiguration.class)
			.withPropertyValues("gatehouse.api-keys[0].sha256=" + TEST_KEY_SHA256, "gatehouse.api-keys[0].subject=svc")
			.run((context) -> {
				assertThat(context).hasSingleBean(Authenticator.class);
				assertThat(context).hasBean("customAuthenticator");
				assertThat(context).doesNotHaveBean(CompositeAuthenticator.class);
			});
	}

	@Test
	void combinesApplicationCredentialHandlersWithApiKeys() {
		this.contextRunner.withUserConfiguration(BearerHandlerConfiguration.class)
			.withPropertyValues("gatehouse.api-keys[0].sha256=" + TEST_KEY_SHA256, "gatehouse.api-keys[0].subject=svc")
			.run((context) -> {
				CompositeAuthenticator authenticator = context.getBean(CompositeAuthenticator.class);
				assertThat(authenticator.supports(CredentialCarrierKind.API_KEY)).isTrue();
				assertThat(authenticator.supports(CredentialCarrierKind.BEARER_TOKEN)).isTrue();
			});
	}

	@Test
	void registersCompositeForCredentialHandlerAlone() {
		this.contextRunner.withUserConfiguration(BearerHandlerConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(ApiKeyAuthenticator.class);
			assertThat(context.getBean(CompositeAuthenticator.class).supports(CredentialCarrierKind.BEARER_TOKEN))
				.isTrue();
		});
	}

	@Test
	void registersPasswordHasherAndVerifier() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(PasswordHasher.class).hasSingleBean(PasswordVerifier.class);
			assertThat(context.getBean(PasswordHasher.class)).isInstanceOf(DelegatingPasswordHasher.class);
			String hash = context.getBean(PasswordHasher.class).hash("pw");
			assertThat(context.getBean(PasswordVerifier.class).verify("pw", hash).isAllowed()).isTrue();
		});
	}

	@Test
	void replacesOnlyThePasswordBeanTheApplicationDefines() {
		this.contextRunner.withUserConfiguration(CustomHasherConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(PasswordHasher.class).hasBean("customHasher");
			assertThat(context).hasSingleBean(DelegatingPasswordVerifier.class);
			assertThat(context).doesNotHaveBean(DelegatingPasswordHasher.class);
		});
	}

	@Test
	void registersNoPasswordBeansWithoutSpringSecurityCrypto() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.security.crypto"))
			.withPropertyValues("gatehouse.api-keys[0].sha256=" + TEST_KEY_SHA256, "gatehouse.api-keys[0].subject=svc")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(PasswordHasher.class).doesNotHaveBean(PasswordVerifier.class);
				assertThat(context).hasSingleBean(Authenticator.class);
			});
	}

	@Test
	void registersNothingWhenGatehouseIsDisabled() {
		this.contextRunner
			.withPropertyValues("gatehouse.enabled=false", "gatehouse.api-keys[0].sha256=" + TEST_KEY_SHA256,
					"gatehouse.api-keys[0].subject=svc")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ApiKeyAuthenticator.class);
				assertThat(context).doesNotHaveBean(Authenticator.class);
				assertThat(context).doesNotHaveBean(PasswordHasher.class);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomAuthenticatorConfiguration {

		@Bean
		Authenticator customAuthenticator() {
			return (credential, invocation) -> AuthContext.builder("custom").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BearerHandlerConfiguration {

		@Bean
		CredentialAuthenticator bearerHandler() {
			return new CredentialAuthenticator() {

				@Override
				public CredentialCarrierKind kind() {
					return CredentialCarrierKind.BEARER_TOKEN;
				}

				@Override
				public AuthContext authenticate(CredentialCarrier credential, AuthInvocation invocation) {
					return AuthContext.builder("bearer").build();
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomHasherConfiguration {

		@Bean
		PasswordHasher customHasher() {
			return (password) -> "{custom}" + password.length();
		}

	}

}
