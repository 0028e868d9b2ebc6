package dev.gatehouse.auth.authentication;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.SecurityContext;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.AuthInvocation;
import dev.gatehouse.auth.spi.AuthenticationFailedException;
import dev.gatehouse.auth.spi.AuthenticationProviderUnavailableException;
import dev.gatehouse.auth.spi.VerifierHealth;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * Verifies JWT bearer tokens with Spring Security's {@link NimbusJwtDecoder} and maps
 * their claims to an {@link AuthContext}: {@code sub} to the subject id, {@code name} to
 * the display name, the configured tenant and roles claims (dotted paths such as
 * {@code realm_access.roles} allowed), {@code scope}/{@code scp} to scopes, selected
 * scalar claims copied, {@code iss} to the issuer. The raw token is kept only inside the
 * (redacted) credential carrier.
 *
 * <p>
 * Keys come from an HS256 shared secret, a JWK set URI (RS256 or ES256) or an issuer URI
 * whose discovery document names the JWK set; the issuer's discovery happens on the first
 * token, so the application starts while the identity provider is down. JWK sets are
 * fetched with connect and read timeouts and refetched for an unknown key id at most
 * twice per refetch interval (see {@link Builder#jwkSetRefetchInterval(Duration)}).
 * Alternatively an application's own {@link JwtDecoder} verifies the signature
 * ({@link #withDecoder(JwtDecoder)}); Gatehouse's checks below still apply to what it
 * returns. Every token must carry {@code exp} and pass the timestamp (with clock skew),
 * issuer, audience and additional checks that are configured; unsigned
 * ({@code alg: none}) tokens, tokens signed with an algorithm other than the configured
 * ones, sender-constrained tokens (with a {@code cnf} claim, which a bearer check cannot
 * honour) and anything but an access token are rejected: only a JOSE type of
 * {@code JWT}/{@code at+jwt} (or the {@link Builder#requiredType(String) required type})
 * is accepted, and OpenID Connect ID tokens are refused (see
 * {@link JwtAccessTokenValidator}).
 *
 * <p>
 * Failures: a malformed, forged, foreign or otherwise invalid token is an
 * {@link AuthenticationFailedException} with CHALLENGE/INVALID_CREDENTIAL and the one
 * reason "The bearer token is invalid.", whichever check failed; an expired one
 * CHALLENGE/EXPIRED_CREDENTIAL; when the keys cannot be obtained (JWK set or issuer
 * unreachable or returning garbage) the result is an
 * {@link AuthenticationProviderUnavailableException}
 * (ERROR/VERIFICATION_PROVIDER_UNAVAILABLE). Why a token was rejected (malformed,
 * unsigned, bad signature, unknown key id, wrong issuer, audience or type, an ID token,
 * expired, ...) is logged at DEBUG. No message, decision or log line contains the token
 * or any of its header or claim values. Thread-safe.
 *
 * <p>
 * {@link #verifierHealth() Health}: with a JWK set URI or issuer URI, UP while keys can
 * be obtained through the same cached, rate-limited source the tokens use (a cached set
 * stays usable until its cache expires), DOWN when discovery fails or the set is
 * unreachable, unparsable or empty; a shared secret is always UP; an application
 * {@link JwtDecoder} is reported UP as not checked.
 */
public final class JwtBearerAuthenticator implements CredentialAuthenticator, VerifierHealth {

	private static final Log logger = LogFactory.getLog(JwtBearerAuthenticator.class);

	// One answer for every invalid token, whatever check it failed: the client learns
	// nothing about the configuration or about which checks its token passed. Operators
	// find the reason at DEBUG.
	private static final AuthorizationDecision INVALID = AuthorizationDecision
		.challenge(AuthorizationReasonCode.INVALID_CREDENTIAL, "The bearer token is invalid.");

	private static final AuthorizationDecision EXPIRED = AuthorizationDecision
		.challenge(AuthorizationReasonCode.EXPIRED_CREDENTIAL, "The bearer token has expired.");

	// Validators report these very instances, so a failure can be told apart by identity,
	// not by message text.
	private static final OAuth2Error EXPIRED_ERROR = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
			"The token has expired", null);

	private static final OAuth2Error NOT_YET_VALID_ERROR = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
			"The token is not valid yet", null);

	private static final OAuth2Error NO_EXPIRY_ERROR = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
			"The token has no exp claim", null);

	private static final OAuth2Error ISSUER_ERROR = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
			"The iss claim is not valid", null);

	private static final OAuth2Error AUDIENCE_ERROR = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
			"The aud claim is not valid", null);

	private static final OAuth2Error CONFIRMATION_ERROR = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
			"Sender-constrained (cnf) tokens are not accepted as bearer tokens", null);

	private static final OAuth2TokenValidatorResult EXPIRED_FAILURE = OAuth2TokenValidatorResult.failure(EXPIRED_ERROR);

	private static final OAuth2TokenValidatorResult NOT_YET_VALID_FAILURE = OAuth2TokenValidatorResult
		.failure(NOT_YET_VALID_ERROR);

	private static final OAuth2TokenValidatorResult NO_EXPIRY_FAILURE = OAuth2TokenValidatorResult
		.failure(NO_EXPIRY_ERROR);

	private static final OAuth2TokenValidatorResult ISSUER_FAILURE = OAuth2TokenValidatorResult.failure(ISSUER_ERROR);

	private static final OAuth2TokenValidatorResult AUDIENCE_FAILURE = OAuth2TokenValidatorResult
		.failure(AUDIENCE_ERROR);

	private static final OAuth2TokenValidatorResult CONFIRMATION_FAILURE = OAuth2TokenValidatorResult
		.failure(CONFIRMATION_ERROR);

	private final JwtDecoder decoder;

	private final JwtClaimMapper claimMapper;

	private final VerifierHealth keyHealth;

	private JwtBearerAuthenticator(JwtDecoder decoder, JwtClaimMapper claimMapper, VerifierHealth keyHealth) {
		this.decoder = decoder;
		this.claimMapper = claimMapper;
		this.keyHealth = keyHealth;
	}

	/**
	 * Starts building an authenticator for HS256 tokens signed with a shared secret.
	 * @param secret the secret, base64 or base64url encoded (padding optional), at least
	 * 32 bytes once decoded
	 * @return a builder
	 * @throws IllegalArgumentException if the secret is not such a string; the message
	 * never contains it
	 */
	public static Builder withSecret(String secret) {
		return new Builder(KeySource.SECRET, null, hmacKey(secret));
	}

	/**
	 * Starts building an authenticator for RS256/ES256 tokens whose keys are published as
	 * a JWK set. Nothing is fetched until the first token arrives.
	 * @param jwkSetUri the absolute http(s) URI of the JWK set
	 * @return a builder
	 * @throws IllegalArgumentException if the URI is not an absolute http(s) URI
	 */
	public static Builder withJwkSetUri(String jwkSetUri) {
		return new Builder(KeySource.JWK_SET_URI, requireHttpUri(jwkSetUri, "JWK set URI"), null);
	}

	/**
	 * Starts building an authenticator for RS256/ES256 tokens from an OpenID Connect or
	 * OAuth 2.0 issuer: its discovery document names the JWK set, and the {@code iss}
	 * claim must equal the issuer URI. The discovery request is made on the first token,
	 * not at startup, and repeated until it succeeds.
	 * @param issuerUri the absolute http(s) issuer URI
	 * @return a builder
	 * @throws IllegalArgumentException if the URI is not an absolute http(s) URI
	 */
	public static Builder withIssuerUri(String issuerUri) {
		String issuer = requireHttpUri(issuerUri, "issuer URI");
		return new Builder(KeySource.ISSUER_URI, issuer, null).issuer(issuer);
	}

	/**
	 * Starts building an authenticator that lets an application's {@link JwtDecoder}
	 * verify the token (signature and whatever it checks itself); the timestamp, type,
	 * issuer, audience and additional checks configured on the builder are applied to the
	 * decoded token afterwards.
	 * @param decoder the decoder
	 * @return a builder
	 */
	public static Builder withDecoder(JwtDecoder decoder) {
		Objects.requireNonNull(decoder, "decoder must not be null");
		return new Builder(KeySource.DECODER, null, null).decoder(decoder);
	}

	@Override
	public CredentialCarrierKind kind() {
		return CredentialCarrierKind.BEARER_TOKEN;
	}

	/**
	 * The invocation is not read: the credential alone decides.
	 * @return {@code false}
	 */
	@Override
	public boolean readsInvocation() {
		return false;
	}

	/**
	 * Reports whether the verification keys are available; never fetches more often than
	 * the JWK set's cache and rate limit allow, and never shows a key or URI.
	 * @return the status
	 */
	@Override
	public Status verifierHealth() {
		return this.keyHealth.verifierHealth();
	}

	@Override
	public AuthContext authenticate(CredentialCarrier credential, AuthInvocation invocation) {
		Objects.requireNonNull(credential, "credential must not be null");
		if (credential.kind() != CredentialCarrierKind.BEARER_TOKEN) {
			throw new IllegalArgumentException(
					"JwtBearerAuthenticator verifies BEARER_TOKEN credentials, not " + credential.kind());
		}
		return this.claimMapper.toContext(decode(credential.material()), credential);
	}

	private Jwt decode(String token) {
		try {
			return this.decoder.decode(token);
		}
		catch (JwtValidationException ex) {
			Collection<OAuth2Error> errors = ex.getErrors();
			AuthorizationDecision decision = decisionFor(errors);
			if (logger.isDebugEnabled()) {
				logger.debug(rejection(decision, reasons(errors)));
			}
			throw new AuthenticationFailedException(decision);
		}
		catch (BadJwtException ex) {
			// The cause is dropped on purpose: parser messages may quote pieces of the
			// token.
			if (logger.isDebugEnabled()) {
				logger.debug(rejection(INVALID, reason(ex)));
			}
			throw new AuthenticationFailedException(INVALID);
		}
		catch (JwtException | JwtDecoderInitializationException ex) {
			// Anything but a BadJwtException means the keys could not be obtained (JWK
			// set or discovery
			// document unreachable or unparseable): the token was never judged, so
			// neither reject nor accept it.
			throw new AuthenticationProviderUnavailableException(
					"Cannot verify the bearer token: the signing keys could not be obtained from the JWK set "
							+ "or issuer (" + ex.getClass().getSimpleName() + ")",
					ex);
		}
	}

	// Every failed check counts; expiry only decides when nothing else is wrong, so that
	// a forged or foreign
	// token is never answered with "get a fresh one".
	private static AuthorizationDecision decisionFor(Collection<OAuth2Error> errors) {
		for (OAuth2Error error : errors) {
			if (error != EXPIRED_ERROR) {
				return INVALID;
			}
		}
		return errors.isEmpty() ? INVALID : EXPIRED;
	}

	private static String rejection(AuthorizationDecision decision, String reason) {
		// Only fixed texts: neither the token nor any of its header or claim values.
		return "Rejected a bearer token (" + decision.reasonCode() + "): " + reason;
	}

	private static String reasons(Collection<OAuth2Error> errors) {
		StringBuilder reasons = new StringBuilder();
		for (OAuth2Error error : errors) {
			if (!reasons.isEmpty()) {
				reasons.append("; ");
			}
			reasons.append(reason(error));
		}
		return reasons.isEmpty() ? "it failed validation" : reasons.toString();
	}

	private static String reason(OAuth2Error error) {
		if (error == EXPIRED_ERROR) {
			return "expired (exp has passed, beyond the clock skew)";
		}
		if (error == NOT_YET_VALID_ERROR) {
			return "not valid yet (nbf is in the future, beyond the clock skew)";
		}
		if (error == NO_EXPIRY_ERROR) {
			return "no exp claim";
		}
		if (error == ISSUER_ERROR) {
			return "wrong issuer (iss is not the configured issuer)";
		}
		if (error == AUDIENCE_ERROR) {
			return "wrong audience (aud names none of the configured audiences)";
		}
		if (error == CONFIRMATION_ERROR) {
			return "sender-constrained (cnf claim), which a bearer check cannot honour";
		}
		if (error == JwtAccessTokenValidator.PAYLOAD_TYPE_ERROR) {
			return "an ID token or other non-access token (the typ claim is not Bearer)";
		}
		if (error == JwtAccessTokenValidator.ID_TOKEN_CLAIMS_ERROR) {
			return "an ID token (nonce, at_hash or c_hash without an access-token type)";
		}
		if (error == JwtAccessTokenValidator.TYPE_ERROR) {
			return "wrong type (the header typ is neither JWT nor at+jwt)";
		}
		if (error == JwtAccessTokenValidator.REQUIRED_TYPE_ERROR) {
			return "wrong type (the header typ is not the required type)";
		}
		// An application's validator: its description is not shown, in case it quotes
		// the token.
		return "refused by an additional OAuth2TokenValidator";
	}

	private static String reason(BadJwtException failure) {
		for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof ParseException) {
				return "malformed (not a JWT with a JSON header and claims set)";
			}
			if (cause instanceof BadJWSException) {
				return "bad signature (it does not verify with the key its header names)";
			}
			if (cause instanceof BadJOSEException && String.valueOf(cause.getMessage()).contains("no matching key")) {
				return "unknown key id (no verification key matches its kid and alg)";
			}
		}
		if (failure.getCause() == null && String.valueOf(failure.getMessage()).endsWith(" none")) {
			return "unsigned (alg none)";
		}
		// Nimbus's message may name header values; only the kind of failure is shown.
		return "not verifiable ("
				+ ((failure.getCause() != null) ? failure.getCause().getClass().getSimpleName() : "BadJwtException")
				+ ")";
	}

	private static SecretKey hmacKey(String secret) {
		Objects.requireNonNull(secret, "secret must not be null");
		String encoded = secret.strip();
		int end = encoded.length();
		while (end > 0 && encoded.charAt(end - 1) == '=') {
			end--;
		}
		encoded = encoded.substring(0, end);
		boolean urlAlphabet = encoded.indexOf('-') >= 0 || encoded.indexOf('_') >= 0;
		byte[] key;
		try {
			key = (urlAlphabet ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(encoded);
		}
		catch (IllegalArgumentException ex) {
			// No cause: the JDK's message names the offending character of the secret.
			throw new IllegalArgumentException(
					"The JWT secret must be base64 or base64url encoded (padding optional); it is not");
		}
		try {
			if (key.length < 32) {
				throw new IllegalArgumentException("The JWT secret must decode to at least 32 bytes for HS256, but "
						+ "decodes to " + key.length + "; generate one with 'openssl rand -base64 32'");
			}
			return new SecretKeySpec(key, "HmacSHA256");
		}
		finally {
			Arrays.fill(key, (byte) 0);
		}
	}

	private static String requireHttpUri(String uri, String what) {
		Objects.requireNonNull(uri, () -> what + " must not be null");
		try {
			URI parsed = new URI(uri);
			String scheme = (parsed.getScheme() != null) ? parsed.getScheme().toLowerCase(Locale.ROOT) : "";
			if ((scheme.equals("http") || scheme.equals("https")) && parsed.getHost() != null) {
				return uri;
			}
		}
		catch (URISyntaxException ex) {
			// reported below
		}
		// The value is not repeated: a URI may carry credentials in its user-info part.
		throw new IllegalArgumentException("The " + what + " must be an absolute http or https URI");
	}

	private enum KeySource {

		SECRET, JWK_SET_URI, ISSUER_URI, DECODER

	}

	/**
	 * Configures a {@link JwtBearerAuthenticator}; obtain one from
	 * {@link #withSecret(String)}, {@link #withJwkSetUri(String)} or
	 * {@link #withIssuerUri(String)}. Not thread-safe.
	 */
	public static final class Builder {

		private static final Set<SignatureAlgorithm> ASYMMETRIC_ALGORITHMS = Set.of(SignatureAlgorithm.RS256,
				SignatureAlgorithm.ES256);

		private final KeySource keySource;

		private final @Nullable String uri;

		private final @Nullable SecretKey secretKey;

		private @Nullable String issuer;

		private Set<String> audiences = Set.of();

		private @Nullable String requiredType;

		private Duration clockSkew = Duration.ofSeconds(60);

		private String rolesClaim = "roles";

		private String tenantClaim = "tenant";

		private List<String> copiedClaims = List.of("email", "preferred_username");

		private Clock clock = Clock.systemUTC();

		private List<OAuth2TokenValidator<Jwt>> additionalValidators = List.of();

		private Duration jwkSetTimeout = Duration.ofSeconds(5);

		private Duration jwkSetRefetchInterval = Duration.ofSeconds(30);

		private @Nullable JwtDecoder decoder;

		private Builder(KeySource keySource, @Nullable String uri, @Nullable SecretKey secretKey) {
			this.keySource = keySource;
			this.uri = uri;
			this.secretKey = secretKey;
		}

		/**
		 * Requires the {@code iss} claim to equal this issuer. Set automatically by
		 * {@link JwtBearerAuthenticator#withIssuerUri(String)}.
		 * @param issuer the expected issuer, or {@code null} to accept any issuer
		 * @return this builder
		 */
		public Builder issuer(@Nullable String issuer) {
			this.issuer = issuer;
			return this;
		}

		/**
		 * Requires the {@code aud} claim to contain at least one of these audiences.
		 * @param audiences the accepted audiences; empty to accept any audience
		 * @return this builder
		 */
		public Builder audiences(Collection<String> audiences) {
			Objects.requireNonNull(audiences, "audiences must not be null");
			audiences.forEach((audience) -> {
				if (audience == null || audience.isBlank()) {
					throw new IllegalArgumentException("audiences must not contain blank values");
				}
			});
			this.audiences = Set.copyOf(audiences);
			return this;
		}

		/**
		 * Requires the JOSE header {@code typ} of every token to be this type (compared
		 * case-insensitively, with or without the {@code application/} prefix), for
		 * identity providers that mark their access tokens, such as RFC 9068's
		 * {@code at+jwt}.
		 * @param requiredType the type, or {@code null} to accept {@code JWT},
		 * {@code at+jwt} or no {@code typ}
		 * @return this builder
		 * @throws IllegalArgumentException if the type is blank
		 */
		public Builder requiredType(@Nullable String requiredType) {
			if (requiredType != null) {
				// Fails now, with the builder's message, rather than at build().
				new JwtAccessTokenValidator(requiredType);
			}
			this.requiredType = requiredType;
			return this;
		}

		/**
		 * Sets the tolerated clock difference when checking {@code exp} and {@code nbf}.
		 * @param clockSkew a non-negative duration (60 seconds unless set)
		 * @return this builder
		 */
		public Builder clockSkew(Duration clockSkew) {
			Objects.requireNonNull(clockSkew, "clockSkew must not be null");
			if (clockSkew.isNegative()) {
				throw new IllegalArgumentException("clockSkew must not be negative");
			}
			this.clockSkew = clockSkew;
			return this;
		}

		/**
		 * Sets the claim, or dotted path into nested claims, that holds the roles.
		 * @param rolesClaim the claim ({@code roles} unless set)
		 * @return this builder
		 */
		public Builder rolesClaim(String rolesClaim) {
			this.rolesClaim = rolesClaim;
			return this;
		}

		/**
		 * Sets the claim, or dotted path into nested claims, that holds the tenant.
		 * @param tenantClaim the claim ({@code tenant} unless set)
		 * @return this builder
		 */
		public Builder tenantClaim(String tenantClaim) {
			this.tenantClaim = tenantClaim;
			return this;
		}

		/**
		 * Sets the claims copied into the context when their values are JSON scalars.
		 * @param copiedClaims the claim names ({@code email} and
		 * {@code preferred_username} unless set)
		 * @return this builder
		 */
		public Builder copiedClaims(Collection<String> copiedClaims) {
			this.copiedClaims = List.copyOf(copiedClaims);
			return this;
		}

		/**
		 * Sets the clock the timestamp checks read, so that tests can pin the time.
		 * @param clock the clock (the system UTC clock unless set)
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock must not be null");
			return this;
		}

		/**
		 * Adds checks that every token must pass besides the built-in ones; a failing
		 * check rejects the token as CHALLENGE/INVALID_CREDENTIAL.
		 * @param validators the additional validators, applied in order after the
		 * built-in ones
		 * @return this builder
		 */
		public Builder additionalValidators(Collection<? extends OAuth2TokenValidator<Jwt>> validators) {
			Objects.requireNonNull(validators, "validators must not be null");
			this.additionalValidators = List.copyOf(validators);
			return this;
		}

		/**
		 * Sets the connect and the read timeout for fetching the JWK set and the issuer's
		 * discovery document.
		 * @param timeout a positive duration (5 seconds unless set)
		 * @return this builder
		 */
		public Builder jwkSetTimeout(Duration timeout) {
			this.jwkSetTimeout = requirePositive(timeout, "jwkSetTimeout");
			return this;
		}

		/**
		 * Sets the interval within which the JWK set is fetched at most twice (the first
		 * fetch or a regular refresh, and one more for a key id not in the cached set),
		 * however many tokens name unknown key ids; a failed issuer discovery is likewise
		 * retried at most once per interval.
		 * @param interval a positive duration (30 seconds unless set)
		 * @return this builder
		 */
		public Builder jwkSetRefetchInterval(Duration interval) {
			this.jwkSetRefetchInterval = requirePositive(interval, "jwkSetRefetchInterval");
			return this;
		}

		private Builder decoder(JwtDecoder decoder) {
			this.decoder = decoder;
			return this;
		}

		private static Duration requirePositive(Duration duration, String name) {
			Objects.requireNonNull(duration, () -> name + " must not be null");
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException(name + " must be positive");
			}
			return duration;
		}

		/**
		 * Builds the authenticator. Makes no network call.
		 * @return the authenticator
		 * @throws IllegalArgumentException if a claim name is blank
		 */
		public JwtBearerAuthenticator build() {
			JwtClaimMapper claimMapper = new JwtClaimMapper(this.rolesClaim, this.tenantClaim, this.copiedClaims);
			OAuth2TokenValidator<Jwt> validator = validator();
			Keys keys = keys(validator);
			return new JwtBearerAuthenticator(keys.decoder(), claimMapper, keys.health());
		}

		private Keys keys(OAuth2TokenValidator<Jwt> validator) {
			return switch (this.keySource) {
				case SECRET -> {
					NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(Objects.requireNonNull(this.secretKey))
						.macAlgorithm(MacAlgorithm.HS256)
						.build();
					decoder.setJwtValidator(validator);
					yield new Keys(decoder, () -> VerifierHealth.Status.up(Map.of("keySource", "secret")));
				}
				case JWK_SET_URI -> {
					// Building makes no request: the algorithms are given, so none are
					// discovered, and the JWK
					// set is fetched (and cached) when the first token needs it.
					JwkSetKeySource keySource = new JwkSetKeySource(toUrl(Objects.requireNonNull(this.uri)),
							this.jwkSetTimeout, this.jwkSetRefetchInterval);
					yield new Keys(jwkSetDecoder(keySource, validator), () -> keySource.health("jwk-set-uri"));
				}
				case ISSUER_URI -> {
					String issuerUri = Objects.requireNonNull(this.uri);
					// Discovery is a network call; deferring it keeps startup independent
					// of the identity
					// provider. SupplierJwtDecoder retries on a later token until
					// discovery succeeds, at most once
					// per refetch interval.
					IssuerDiscovery discovery = new IssuerDiscovery(issuerUri, this.jwkSetTimeout,
							this.jwkSetRefetchInterval);
					yield new Keys(new SupplierJwtDecoder(() -> jwkSetDecoder(discovery.keySource(), validator)),
							() -> issuerKeyHealth(discovery));
				}
				case DECODER -> {
					JwtDecoder applicationDecoder = Objects.requireNonNull(this.decoder);
					JwtDecoder decoder = (token) -> {
						Jwt jwt = applicationDecoder.decode(token);
						OAuth2TokenValidatorResult result = validator.validate(jwt);
						if (result.hasErrors()) {
							throw new JwtValidationException("The token failed validation", result.getErrors());
						}
						return jwt;
					};
					// The application's decoder holds its keys; Gatehouse cannot look
					// into it.
					Map<String, Object> details = new LinkedHashMap<>();
					details.put("keySource", "decoder");
					details.put("checked", false);
					yield new Keys(decoder, () -> VerifierHealth.Status.up(details));
				}
			};
		}

		private static VerifierHealth.Status issuerKeyHealth(IssuerDiscovery discovery) {
			JwkSetKeySource keySource;
			try {
				keySource = discovery.keySource();
			}
			catch (RuntimeException ex) {
				Map<String, Object> details = new LinkedHashMap<>();
				details.put("keySource", "issuer-uri");
				details.put("error", "The issuer's JWK set URI could not be discovered");
				return VerifierHealth.Status.down(details);
			}
			return keySource.health("issuer-uri");
		}

		private NimbusJwtDecoder jwkSetDecoder(JWKSource<SecurityContext> keys, OAuth2TokenValidator<Jwt> validator) {
			NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys)
				.jwsAlgorithms((algorithms) -> algorithms.addAll(ASYMMETRIC_ALGORITHMS))
				.build();
			decoder.setJwtValidator(validator);
			return decoder;
		}

		private static URL toUrl(String uri) {
			try {
				return URI.create(uri).toURL();
			}
			catch (MalformedURLException | IllegalArgumentException ex) {
				throw new IllegalArgumentException("The JWK set URI must be an absolute http or https URI");
			}
		}

		private OAuth2TokenValidator<Jwt> validator() {
			List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
			validators.add(timestamps(this.clockSkew, this.clock));
			validators.add((this.requiredType != null) ? new JwtAccessTokenValidator(this.requiredType)
					: new JwtAccessTokenValidator());
			validators.add((jwt) -> jwt.hasClaim("cnf") ? CONFIRMATION_FAILURE : OAuth2TokenValidatorResult.success());
			if (this.issuer != null) {
				JwtIssuerValidator issuerValidator = new JwtIssuerValidator(this.issuer);
				validators.add((jwt) -> issuerValidator.validate(jwt).hasErrors() ? ISSUER_FAILURE
						: OAuth2TokenValidatorResult.success());
			}
			if (!this.audiences.isEmpty()) {
				Set<String> accepted = this.audiences;
				validators.add((jwt) -> {
					List<String> audience = jwt.getAudience();
					return (audience != null && audience.stream().anyMatch(accepted::contains))
							? OAuth2TokenValidatorResult.success() : AUDIENCE_FAILURE;
				});
			}
			validators.addAll(this.additionalValidators);
			return new DelegatingOAuth2TokenValidator<>(validators);
		}

		// Spring's timestamp check reports "expired" and "not yet valid" alike; only a
		// token whose exp has passed
		// (beyond the skew) is EXPIRED, which tells the client that a fresh token will
		// do.
		private static OAuth2TokenValidator<Jwt> timestamps(Duration clockSkew, Clock clock) {
			JwtTimestampValidator timestamps = new JwtTimestampValidator(clockSkew);
			timestamps.setAllowEmptyExpiryClaim(false);
			timestamps.setClock(clock);
			return (jwt) -> {
				OAuth2TokenValidatorResult result = timestamps.validate(jwt);
				if (!result.hasErrors()) {
					return result;
				}
				Instant expiresAt = jwt.getExpiresAt();
				if (expiresAt == null) {
					return NO_EXPIRY_FAILURE;
				}
				return clock.instant().minus(clockSkew).isAfter(expiresAt) ? EXPIRED_FAILURE : NOT_YET_VALID_FAILURE;
			};
		}

		/** The decoder and the health of the keys it verifies with. */
		private record Keys(JwtDecoder decoder, VerifierHealth health) {
		}

	}

}
