package dev.gatehouse.auth.autoconfigure;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import dev.gatehouse.auth.authentication.JwtBearerAuthenticator;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * Registers the {@link JwtBearerAuthenticator} when spring-security-oauth2-jose is on the classpath and one of
 * {@code gatehouse.jwt.issuer-uri}, {@code jwk-set-uri} or {@code secret} is set. The authentication
 * auto-configuration combines it with the other credential handlers into the application's one
 * {@code Authenticator}.
 *
 * <p>Key sources: {@code secret} (HS256) stands alone; {@code jwk-set-uri} and {@code issuer-uri} may be combined,
 * in which case the keys come from the JWK set URI without any discovery request and the issuer URI is only
 * checked against the {@code iss} claim. A secret together with either URI fails startup, as does an unusable
 * secret (its value is never printed). Nothing is fetched from the identity provider at startup.
 */
@AutoConfiguration(after = GatehouseAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.security.oauth2.jwt.JwtDecoder")
@ConditionalOnGatehouseEnabled
@Conditional(GatehouseJwtAutoConfiguration.OnJwtKeySource.class)
@EnableConfigurationProperties(GatehouseProperties.class)
public final class GatehouseJwtAutoConfiguration {

	private static final String SECRET = "gatehouse.jwt.secret";

	private static final String JWK_SET_URI = "gatehouse.jwt.jwk-set-uri";

	private static final String ISSUER_URI = "gatehouse.jwt.issuer-uri";

	@Bean
	@ConditionalOnMissingBean
	JwtBearerAuthenticator jwtBearerAuthenticator(GatehouseProperties properties, ResourceLoader resourceLoader) {
		GatehouseProperties.Jwt jwt = properties.getJwt();
		JwtBearerAuthenticator.Builder builder = keySource(jwt, resourceLoader.getClassLoader());
		try {
			return builder.audiences(jwt.getAudiences())
				.clockSkew(jwt.getClockSkew())
				.rolesClaim(jwt.getRolesClaim())
				.tenantClaim(jwt.getTenantClaim())
				.copiedClaims(jwt.getCopiedClaims())
				.build();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Invalid Gatehouse JWT configuration under gatehouse.jwt: "
					+ ex.getMessage(), ex);
		}
	}

	private static JwtBearerAuthenticator.Builder keySource(GatehouseProperties.Jwt jwt,
			@Nullable ClassLoader classLoader) {
		String secret = jwt.getSecret();
		String jwkSetUri = jwt.getJwkSetUri();
		String issuerUri = jwt.getIssuerUri();
		if (secret != null && (jwkSetUri != null || issuerUri != null)) {
			Map<String, @Nullable Object> configured = new TreeMap<>();
			configured.put(SECRET, secret);
			configured.put(JWK_SET_URI, jwkSetUri);
			configured.put(ISSUER_URI, issuerUri);
			configured.values().removeIf((value) -> value == null);
			// The failure analyzer for this exception names the properties and where they are set, never values.
			throw new MutuallyExclusiveConfigurationPropertiesException(configured.keySet(), configured.keySet());
		}
		if (secret != null) {
			return property(SECRET, secret, JwtBearerAuthenticator::withSecret);
		}
		if (!ClassUtils.isPresent("org.springframework.web.client.RestOperations", classLoader)) {
			throw new IllegalStateException("Invalid Gatehouse JWT configuration: "
					+ ((jwkSetUri != null) ? JWK_SET_URI : ISSUER_URI) + " is set, but spring-web is not on the "
					+ "classpath; Spring Security fetches JWK sets with its RestTemplate. Add "
					+ "org.springframework:spring-web, or configure " + SECRET + " instead.");
		}
		if (jwkSetUri != null) {
			JwtBearerAuthenticator.Builder builder = property(JWK_SET_URI, jwkSetUri,
					JwtBearerAuthenticator::withJwkSetUri);
			return (issuerUri != null) ? builder.issuer(issuerUri) : builder;
		}
		if (issuerUri != null) {
			return property(ISSUER_URI, issuerUri, JwtBearerAuthenticator::withIssuerUri);
		}
		// Unreachable while OnJwtKeySource guards this configuration; fail loudly rather than build nothing.
		throw new IllegalStateException("Invalid Gatehouse JWT configuration: set one of " + SECRET + ", "
				+ JWK_SET_URI + " or " + ISSUER_URI);
	}

	private static JwtBearerAuthenticator.Builder property(String name, String value,
			Function<String, JwtBearerAuthenticator.Builder> factory) {
		try {
			return factory.apply(value);
		}
		catch (IllegalArgumentException ex) {
			// The builder's messages never contain a secret; wrap them so the property name is in the report.
			throw new IllegalStateException("Invalid Gatehouse JWT configuration: " + name + " is unusable. "
					+ ex.getMessage() + ".", ex);
		}
	}

	/**
	 * Matches when at least one JWT key source property is set.
	 */
	static final class OnJwtKeySource extends AnyNestedCondition {

		OnJwtKeySource() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@ConditionalOnProperty(ISSUER_URI)
		static final class IssuerUri {

		}

		@ConditionalOnProperty(JWK_SET_URI)
		static final class JwkSetUri {

		}

		@ConditionalOnProperty(SECRET)
		static final class Secret {

		}

	}

}
