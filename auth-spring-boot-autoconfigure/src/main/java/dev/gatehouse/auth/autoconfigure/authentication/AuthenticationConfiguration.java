package dev.gatehouse.auth.autoconfigure.authentication;

import java.util.List;

import dev.gatehouse.auth.authentication.ApiKeyAuthenticator;
import dev.gatehouse.auth.authentication.CompositeAuthenticator;
import dev.gatehouse.auth.authentication.CredentialAuthenticator;
import dev.gatehouse.auth.autoconfigure.core.GatehouseProperties;
import dev.gatehouse.auth.password.DelegatingPasswordHasher;
import dev.gatehouse.auth.password.DelegatingPasswordVerifier;
import dev.gatehouse.auth.spi.Authenticator;
import dev.gatehouse.auth.spi.PasswordHasher;
import dev.gatehouse.auth.spi.PasswordVerifier;
import dev.gatehouse.auth.startup.ConfigurationProblems;
import dev.gatehouse.auth.startup.InvalidGatehouseConfigurationException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * The built-in API-key authenticator, the composite authenticator and the default
 * password hasher and verifier.
 */
@Configuration(proxyBeanMethods = false)
class AuthenticationConfiguration {

	// Declared before the composite on purpose: bean conditions see the bean methods of
	// this class that
	// were processed earlier, so @ConditionalOnBean(CredentialAuthenticator) below sees
	// this one.
	@Bean
	@ConditionalOnMissingBean
	@Conditional(OnApiKeysConfiguredCondition.class)
	ApiKeyAuthenticator apiKeyAuthenticator(GatehouseProperties properties,
			ObjectProvider<ConfigurationProblems> problems) {
		List<ApiKeyAuthenticator.ApiKey> keys = properties.getApiKeys()
			.stream()
			.map((key) -> new ApiKeyAuthenticator.ApiKey(key.getSha256(), key.getSubject(), key.getDisplayName(),
					key.getRoles(), key.getScopes(), key.getTenant()))
			.toList();
		try {
			return new ApiKeyAuthenticator(keys);
		}
		catch (InvalidGatehouseConfigurationException ex) {
			// Reported with every other startup problem in one failure report; until then
			// no key is accepted. Without the core configuration (which declares the
			// collector) it fails here.
			problems.getIfAvailable(() -> {
				throw ex;
			}).add(ex);
			return new ApiKeyAuthenticator(List.of());
		}
	}

	@Bean
	@ConditionalOnMissingBean(Authenticator.class)
	@Conditional(OnCredentialHandlerOrPriorAuthentication.class)
	CompositeAuthenticator gatehouseAuthenticator(ObjectProvider<CredentialAuthenticator> credentialAuthenticators) {
		return new CompositeAuthenticator(credentialAuthenticators.orderedStream().toList());
	}

	/**
	 * Matches when a built-in credential handler is configured, or when requests are
	 * authenticated by an earlier filter (the Spring Security bridge): the composite then
	 * stands for that authentication as the one AUTHENTICATION provider, and serves the
	 * requests it leaves anonymous with whatever handlers there are (possibly none).
	 */
	static final class OnCredentialHandlerOrPriorAuthentication extends AnyNestedCondition {

		OnCredentialHandlerOrPriorAuthentication() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBean(CredentialAuthenticator.class)
		static final class CredentialHandler {

		}

		// By name: the type is a servlet one, absent from applications that are not web
		// applications.
		@ConditionalOnBean(type = "dev.gatehouse.auth.web.PriorAuthentication")
		static final class PriorAuthentication {

		}

	}

	/**
	 * Password hashing, only when spring-security-crypto is on the classpath. Bouncy
	 * Castle (for argon2 and scrypt) is looked for with the application's class loader.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.security.crypto.password.DelegatingPasswordEncoder")
	static class PasswordConfiguration {

		@Bean
		@ConditionalOnMissingBean(PasswordHasher.class)
		DelegatingPasswordHasher passwordHasher(ResourceLoader resourceLoader) {
			return new DelegatingPasswordHasher(resourceLoader.getClassLoader());
		}

		@Bean
		@ConditionalOnMissingBean(PasswordVerifier.class)
		DelegatingPasswordVerifier passwordVerifier(ResourceLoader resourceLoader) {
			return new DelegatingPasswordVerifier(resourceLoader.getClassLoader());
		}

	}

}
