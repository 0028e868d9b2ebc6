package dev.gatehouse.auth.autoconfigure;

import java.util.List;

import dev.gatehouse.auth.authentication.ApiKeyAuthenticator;
import dev.gatehouse.auth.authentication.CompositeAuthenticator;
import dev.gatehouse.auth.authentication.CredentialAuthenticator;
import dev.gatehouse.auth.password.DelegatingPasswordHasher;
import dev.gatehouse.auth.password.DelegatingPasswordVerifier;
import dev.gatehouse.auth.spi.Authenticator;
import dev.gatehouse.auth.spi.PasswordHasher;
import dev.gatehouse.auth.spi.PasswordVerifier;
import dev.gatehouse.auth.startup.ConfigurationProblems;
import dev.gatehouse.auth.startup.InvalidGatehouseConfigurationException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * Authentication auto-configuration, for any kind of application (not only web ones): the
 * built-in API-key authenticator when {@code gatehouse.api-keys} is set, the composite
 * {@link Authenticator} that combines all built-in credential handlers into one provider,
 * and the default password hasher and verifier.
 *
 * <p>
 * The composite is registered only when at least one {@link CredentialAuthenticator} bean
 * exists (API keys here, JWT from {@code GatehouseJwtAutoConfiguration}, which therefore
 * runs first) and the application defines no {@link Authenticator} of its own. With no
 * credential type configured there is deliberately no authenticator, so protected code
 * fails startup validation instead of rejecting every call at run time.
 */
@AutoConfiguration(after = GatehouseAutoConfiguration.class,
		afterName = "dev.gatehouse.auth.autoconfigure.GatehouseJwtAutoConfiguration")
@ConditionalOnGatehouseEnabled
@EnableConfigurationProperties(GatehouseProperties.class)
public final class GatehouseAuthenticationAutoConfiguration {

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
	@ConditionalOnBean(CredentialAuthenticator.class)
	CompositeAuthenticator gatehouseAuthenticator(ObjectProvider<CredentialAuthenticator> credentialAuthenticators) {
		return new CompositeAuthenticator(credentialAuthenticators.orderedStream().toList());
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
