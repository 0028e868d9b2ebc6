package dev.gatehouse.auth.autoconfigure.jwt;

import java.time.Clock;

import dev.gatehouse.auth.authentication.JwtBearerAuthenticator;
import dev.gatehouse.auth.startup.ConfigurationProblems;
import dev.gatehouse.auth.startup.InvalidGatehouseConfigurationException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The JWT bearer authenticator.
 */
@Configuration(proxyBeanMethods = false)
class JwtConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JwtBearerAuthenticator jwtBearerAuthenticator(GatehouseJwtProperties jwt,
			ConfigurableListableBeanFactory beanFactory, ObjectProvider<OAuth2TokenValidator<Jwt>> validators,
			ObjectProvider<Clock> clock, ObjectProvider<ConfigurationProblems> problems) {
		try {
			// The decoder bean is looked up only when it may be used, so that with
			// use-decoder-bean=false it is not created on Gatehouse's account.
			return JwtAuthenticatorFactory.authenticator(jwt, () -> JwtDecoderBean.find(beanFactory), validators,
					clock);
		}
		catch (InvalidGatehouseConfigurationException ex) {
			// Reported with every other startup problem in one failure report; until then
			// every token is refused as unverifiable. Without the core configuration
			// (which declares the collector) it fails here.
			problems.getIfAvailable(() -> {
				throw ex;
			}).add(ex);
			return JwtBearerAuthenticator.withDecoder((token) -> {
				throw new JwtException("JWT verification is misconfigured (" + ex.property() + ")");
			}).build();
		}
	}

}
