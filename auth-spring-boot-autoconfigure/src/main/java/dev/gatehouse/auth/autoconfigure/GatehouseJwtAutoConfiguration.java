package dev.gatehouse.auth.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import dev.gatehouse.auth.authentication.JwtBearerAuthenticator;
import dev.gatehouse.auth.startup.ConfigurationProblems;
import dev.gatehouse.auth.startup.InvalidGatehouseConfigurationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Registers the {@link JwtBearerAuthenticator} when spring-security-oauth2-jose is on the
 * classpath and one of {@code gatehouse.jwt.issuer-uri}, {@code jwk-set-uri} or
 * {@code secret} is set, or the application defines a {@link JwtDecoder} bean. The
 * authentication auto-configuration combines it with the other credential handlers into
 * the application's one {@code Authenticator}.
 *
 * <p>
 * As with Spring Boot's resource-server support: an application {@link JwtDecoder} bean
 * verifies the tokens instead of one built from the key source properties (Gatehouse's
 * timestamp, issuer and audience checks still apply to what it returns);
 * {@code OAuth2TokenValidator<Jwt>} beans are added to the built-in checks; the time
 * checks read the application's {@link Clock} bean when there is exactly one (the system
 * UTC clock otherwise).
 *
 * <p>
 * Key sources: {@code secret} (HS256) stands alone; {@code jwk-set-uri} and
 * {@code issuer-uri} may be combined, in which case the keys come from the JWK set URI
 * without any discovery request and the issuer URI is only checked against the
 * {@code iss} claim. {@code issuer} checks {@code iss} with any key source. Unusable
 * values fail startup with an {@link InvalidGatehouseConfigurationException} naming the
 * property, never its value, reported through {@link ConfigurationProblems} in startup
 * validation's one failure report. Nothing is fetched from the identity provider at
 * startup.
 */
@AutoConfiguration(after = GatehouseAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.security.oauth2.jwt.JwtDecoder")
@ConditionalOnGatehouseEnabled
@Conditional(GatehouseJwtAutoConfiguration.OnJwtKeySource.class)
@EnableConfigurationProperties(GatehouseProperties.class)
public final class GatehouseJwtAutoConfiguration {

	private static final Log logger = LogFactory.getLog(GatehouseJwtAutoConfiguration.class);

	private static final String PREFIX = "gatehouse.jwt.";

	private static final String SECRET = PREFIX + "secret";

	private static final String JWK_SET_URI = PREFIX + "jwk-set-uri";

	private static final String ISSUER_URI = PREFIX + "issuer-uri";

	private static final String ISSUER = PREFIX + "issuer";

	private static final String REQUIRED_TYPE = PREFIX + "required-type";

	@Bean
	@ConditionalOnMissingBean
	JwtBearerAuthenticator jwtBearerAuthenticator(GatehouseProperties properties, ObjectProvider<JwtDecoder> decoder,
			ObjectProvider<OAuth2TokenValidator<Jwt>> validators, ObjectProvider<Clock> clock,
			ObjectProvider<ConfigurationProblems> problems) {
		try {
			return authenticator(properties, decoder, validators, clock);
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

	private static JwtBearerAuthenticator authenticator(GatehouseProperties properties,
			ObjectProvider<JwtDecoder> decoder, ObjectProvider<OAuth2TokenValidator<Jwt>> validators,
			ObjectProvider<Clock> clock) {
		GatehouseProperties.Jwt jwt = properties.getJwt();
		@Nullable JwtDecoder applicationDecoder = decoder.getIfUnique();
		JwtBearerAuthenticator.Builder builder;
		if (applicationDecoder != null) {
			if (jwt.getSecret() != null || jwt.getJwkSetUri() != null || jwt.getIssuerUri() != null) {
				logger.info("Gatehouse verifies JWTs with the application's JwtDecoder bean; the key source set "
						+ "under " + PREFIX + "* is not used");
			}
			builder = JwtBearerAuthenticator.withDecoder(applicationDecoder);
		}
		else {
			builder = keySource(jwt);
		}
		String issuer = issuer(jwt);
		if (issuer != null) {
			builder.issuer(issuer);
		}
		builder.audiences(nonBlank(jwt.getAudiences(), PREFIX + "audiences"))
			.requiredType(requiredType(jwt.getRequiredType()))
			.clockSkew(nonNegative(jwt.getClockSkew(), PREFIX + "clock-skew"))
			.rolesClaim(claimName(jwt.getRolesClaim(), PREFIX + "roles-claim"))
			.tenantClaim(claimName(jwt.getTenantClaim(), PREFIX + "tenant-claim"))
			.copiedClaims(nonBlank(jwt.getCopiedClaims(), PREFIX + "copied-claims"))
			.jwkSetTimeout(positive(jwt.getJwkSetTimeout(), PREFIX + "jwk-set-timeout"))
			.jwkSetRefetchInterval(positive(jwt.getJwkSetRefetchInterval(), PREFIX + "jwk-set-refetch-interval"))
			.additionalValidators(validators.orderedStream().toList())
			.clock(clock.getIfUnique(Clock::systemUTC));
		return builder.build();
	}

	private static JwtBearerAuthenticator.Builder keySource(GatehouseProperties.Jwt jwt) {
		String secret = jwt.getSecret();
		String jwkSetUri = jwt.getJwkSetUri();
		String issuerUri = jwt.getIssuerUri();
		if (secret != null && (jwkSetUri != null || issuerUri != null)) {
			throw new InvalidGatehouseConfigurationException(SECRET,
					"cannot be combined with " + ((jwkSetUri != null) ? JWK_SET_URI : ISSUER_URI)
							+ ": tokens are verified either with a shared secret or with the identity provider's keys",
					"Remove " + SECRET + " to verify tokens with the identity provider's keys, or remove " + JWK_SET_URI
							+ " and " + ISSUER_URI + " to verify HS256 tokens with the secret " + "(use " + ISSUER
							+ " to check the iss claim).");
		}
		if (secret != null) {
			return property(SECRET, secret, JwtBearerAuthenticator::withSecret,
					"Set it to a base64 or base64url string of at least 32 random bytes, for example the output of "
							+ "'openssl rand -base64 32'.");
		}
		if (jwkSetUri != null) {
			return property(JWK_SET_URI, jwkSetUri, JwtBearerAuthenticator::withJwkSetUri,
					"Set it to the absolute http(s) URI where the identity provider publishes its JWK set.");
		}
		if (issuerUri != null) {
			return property(ISSUER_URI, issuerUri, JwtBearerAuthenticator::withIssuerUri,
					"Set it to the identity provider's absolute http(s) issuer URI, exactly as its tokens' iss claim "
							+ "names it.");
		}
		// Unreachable while OnJwtKeySource guards this configuration; fail loudly rather
		// than build nothing.
		throw new InvalidGatehouseConfigurationException(PREFIX + "*", "names no key source",
				"Set one of " + SECRET + ", " + JWK_SET_URI + " or " + ISSUER_URI + ", or define a JwtDecoder bean.");
	}

	private static @Nullable String issuer(GatehouseProperties.Jwt jwt) {
		String issuer = jwt.getIssuer();
		String issuerUri = jwt.getIssuerUri();
		if (issuer == null) {
			return issuerUri;
		}
		if (issuer.isBlank()) {
			throw new InvalidGatehouseConfigurationException(ISSUER, "is blank",
					"Set it to the iss claim your tokens carry, or remove it to accept any issuer.");
		}
		if (issuerUri != null && !issuerUri.equals(issuer)) {
			throw new InvalidGatehouseConfigurationException(ISSUER,
					"differs from " + ISSUER_URI + ", which tokens' iss claim must equal as well",
					"Remove " + ISSUER + ": with " + ISSUER_URI + " set, the iss claim is already checked against it.");
		}
		return issuer;
	}

	private static @Nullable String requiredType(@Nullable String requiredType) {
		if (requiredType != null && requiredType.isBlank()) {
			throw new InvalidGatehouseConfigurationException(REQUIRED_TYPE, "is blank",
					"Set it to the JOSE header typ your identity provider puts on access tokens, such as at+jwt, or "
							+ "remove it to accept JWT, at+jwt or no typ.");
		}
		return requiredType;
	}

	private static JwtBearerAuthenticator.Builder property(String name, String value,
			Function<String, JwtBearerAuthenticator.Builder> factory, String action) {
		try {
			return factory.apply(value);
		}
		catch (IllegalArgumentException ex) {
			// The builder's messages never contain the value; the cause is dropped all
			// the same, so that no
			// parser's message (which might quote it) reaches the failure report.
			throw new InvalidGatehouseConfigurationException(name, "is unusable: " + ex.getMessage(), action);
		}
	}

	private static String claimName(String claim, String property) {
		if (claim == null || claim.isBlank()) {
			throw new InvalidGatehouseConfigurationException(property, "is blank",
					"Name a claim, or a dotted path into nested claims such as realm_access.roles.");
		}
		return claim;
	}

	private static List<String> nonBlank(List<String> values, String property) {
		for (String value : values) {
			if (value == null || value.isBlank()) {
				throw new InvalidGatehouseConfigurationException(property, "contains a blank value",
						"Remove the blank entry.");
			}
		}
		return values;
	}

	private static Duration nonNegative(Duration duration, String property) {
		if (duration.isNegative()) {
			throw new InvalidGatehouseConfigurationException(property, "is negative",
					"Set it to zero or a positive duration such as 60s.");
		}
		return duration;
	}

	private static Duration positive(Duration duration, String property) {
		if (duration.isNegative() || duration.isZero()) {
			throw new InvalidGatehouseConfigurationException(property, "is not positive",
					"Set it to a positive duration such as 5s.");
		}
		return duration;
	}

	/**
	 * Matches when at least one JWT key source property is set, or the application
	 * defines a {@link JwtDecoder}.
	 */
	static final class OnJwtKeySource extends AnyNestedCondition {

		OnJwtKeySource() {
			super(ConfigurationPhase.REGISTER_BEAN);
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

		@ConditionalOnBean(type = "org.springframework.security.oauth2.jwt.JwtDecoder")
		static final class Decoder {

		}

	}

}
