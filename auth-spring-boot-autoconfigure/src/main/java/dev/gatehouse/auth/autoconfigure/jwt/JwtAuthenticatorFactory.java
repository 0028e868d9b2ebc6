package dev.gatehouse.auth.autoconfigure.jwt;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.gatehouse.auth.authentication.JwtBearerAuthenticator;
import dev.gatehouse.auth.startup.InvalidGatehouseConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Builds the {@link JwtBearerAuthenticator} from {@code gatehouse.jwt.*}: chooses between
 * the key source and an application {@link JwtDecoder} bean (never silently, see
 * {@code gatehouse.jwt.use-decoder-bean}), parses the secret and URIs and checks the
 * claims, durations and issuer. Each unusable value is an
 * {@link InvalidGatehouseConfigurationException} naming the property, never its value.
 */
final class JwtAuthenticatorFactory {

	private static final String PREFIX = "gatehouse.jwt.";

	static final String SECRET = PREFIX + "secret";

	static final String JWK_SET_URI = PREFIX + "jwk-set-uri";

	static final String ISSUER_URI = PREFIX + "issuer-uri";

	static final String USE_DECODER_BEAN = PREFIX + "use-decoder-bean";

	private static final String ISSUER = PREFIX + "issuer";

	private static final String REQUIRED_TYPE = PREFIX + "required-type";

	private JwtAuthenticatorFactory() {
	}

	static JwtBearerAuthenticator authenticator(GatehouseJwtProperties jwt, Supplier<@Nullable JwtDecoderBean> decoder,
			ObjectProvider<OAuth2TokenValidator<Jwt>> validators, ObjectProvider<Clock> clock) {
		JwtBearerAuthenticator.Builder builder = verifier(jwt, decoder);
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

	/**
	 * Chooses what verifies the tokens: the key source set under {@code gatehouse.jwt.*}
	 * or the application's {@link JwtDecoder} bean, never silently when both exist.
	 */
	private static JwtBearerAuthenticator.Builder verifier(GatehouseJwtProperties jwt,
			Supplier<@Nullable JwtDecoderBean> decoder) {
		List<String> keySource = keySourceProperties(jwt);
		Boolean useDecoderBean = jwt.getUseDecoderBean();
		if (Boolean.FALSE.equals(useDecoderBean)) {
			if (keySource.isEmpty()) {
				throw new InvalidGatehouseConfigurationException(USE_DECODER_BEAN,
						"is false, but none of " + SECRET + ", " + JWK_SET_URI + " or " + ISSUER_URI
								+ " is set, so nothing would verify bearer tokens",
						"Set one of " + SECRET + ", " + JWK_SET_URI + " or " + ISSUER_URI
								+ " to verify tokens with it, or set " + USE_DECODER_BEAN
								+ "=true to verify them with the application's JwtDecoder bean.");
			}
			// The application's JwtDecoder bean (if any) is left to whoever else uses it.
			return keySource(jwt);
		}
		JwtDecoderBean bean = decoder.get();
		if (Boolean.TRUE.equals(useDecoderBean)) {
			if (bean == null) {
				throw new InvalidGatehouseConfigurationException(USE_DECODER_BEAN,
						"is true, but the application has no JwtDecoder bean (or several and none is primary)",
						"Define exactly one JwtDecoder bean (or mark one @Primary), or "
								+ (keySource.isEmpty() ? "remove " + USE_DECODER_BEAN : "set " + USE_DECODER_BEAN
										+ "=false to verify tokens with " + String.join(" and ", keySource))
								+ ".");
			}
			return JwtBearerAuthenticator.withDecoder(bean.decoder());
		}
		if (bean == null) {
			return keySource(jwt);
		}
		if (!keySource.isEmpty()) {
			String properties = String.join(" and ", keySource);
			throw new InvalidGatehouseConfigurationException(keySource.get(0),
					"names a key source, and the application also has the JwtDecoder bean " + bean.description()
							+ ": two verifiers of the same bearer tokens, and Gatehouse does not choose one silently",
					"Set " + USE_DECODER_BEAN + "=false to verify tokens with " + properties
							+ " (Gatehouse then ignores the bean), or " + USE_DECODER_BEAN
							+ "=true to verify them with the bean '" + bean.name() + "'; or remove " + properties
							+ " or the bean.");
		}
		return JwtBearerAuthenticator.withDecoder(bean.decoder());
	}

	private static List<String> keySourceProperties(GatehouseJwtProperties jwt) {
		List<String> properties = new ArrayList<>(2);
		if (jwt.getSecret() != null) {
			properties.add(SECRET);
		}
		if (jwt.getJwkSetUri() != null) {
			properties.add(JWK_SET_URI);
		}
		if (jwt.getIssuerUri() != null) {
			properties.add(ISSUER_URI);
		}
		return properties;
	}

	private static JwtBearerAuthenticator.Builder keySource(GatehouseJwtProperties jwt) {
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
				"Set one of " + SECRET + ", " + JWK_SET_URI + " or " + ISSUER_URI
						+ ", or define exactly one JwtDecoder bean (or mark one @Primary).");
	}

	private static @Nullable String issuer(GatehouseJwtProperties jwt) {
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

}
