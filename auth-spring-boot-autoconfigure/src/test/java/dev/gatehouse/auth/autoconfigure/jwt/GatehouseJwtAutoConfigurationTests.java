package dev.gatehouse.auth.autoconfigure.jwt;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.gatehouse.auth.authentication.JwtBearerAuthenticator;
import dev.gatehouse.auth.authentication.TestJwts;
import dev.gatehouse.auth.context.AuthClaim;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.AuthInvocation;
import dev.gatehouse.auth.spi.AuthenticationFailedException;
import dev.gatehouse.auth.spi.AuthenticationProviderUnavailableException;
import dev.gatehouse.auth.startup.InvalidGatehouseConfigurationException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

import static dev.gatehouse.auth.authentication.TestJwts.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * When {@link GatehouseJwtAutoConfiguration} registers the JWT bearer authenticator, how
 * it binds the {@code gatehouse.jwt.*} properties, and how it refuses unusable ones.
 */
class GatehouseJwtAutoConfigurationTests {

	private static final AuthInvocation INVOCATION = AuthInvocation.of("HTTP", "GET /documents");

	private final byte[] secret = "0123456789abcdef0123456789abcdef-gatehouse".getBytes();

	private final String encodedSecret = Base64.getEncoder().encodeToString(this.secret);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GatehouseJwtAutoConfiguration.class));

	@Test
	void registersNothingWithoutJwtProperties() {
		this.runner.withPropertyValues("gatehouse.jwt.audiences=documents", "gatehouse.jwt.clock-skew=5s")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(JwtBearerAuthenticator.class));
	}

	@Test
	void registersAuthenticatorForSecret() {
		this.runner.withPropertyValues("gatehouse.jwt.secret=" + this.encodedSecret).run((context) -> {
			assertThat(context).hasSingleBean(JwtBearerAuthenticator.class);
			String token = hs256(claims().claim("roles", List.of("admin"))
				.claim("tenant", "acme")
				.claim("email", "alice@example.com")
				.claim("department", "ops")
				.build());
			AuthContext authenticated = context.getBean(JwtBearerAuthenticator.class)
				.authenticate(bearer(token), INVOCATION);
			assertThat(authenticated.subject().id()).isEqualTo("alice");
			assertThat(authenticated.roles()).containsExactly("admin");
			assertThat(authenticated.tenant()).isEqualTo("acme");
			assertThat(authenticated.claims()).containsExactly(AuthClaim.of("email", "alice@example.com"));
		});
	}

	@Test
	void bindsAudiencesClockSkewAndClaimMapping() {
		this.runner
			.withPropertyValues("gatehouse.jwt.secret=" + this.encodedSecret,
					"gatehouse.jwt.audiences=documents,orders", "gatehouse.jwt.clock-skew=0s",
					"gatehouse.jwt.roles-claim=realm_access.roles", "gatehouse.jwt.tenant-claim=org",
					"gatehouse.jwt.copied-claims=department")
			.run((context) -> {
				JwtBearerAuthenticator authenticator = context.getBean(JwtBearerAuthenticator.class);
				String token = hs256(claims().audience("orders")
					.claim("realm_access", Map.of("roles", List.of("admin")))
					.claim("org", "acme")
					.claim("department", "ops")
					.claim("email", "alice@example.com")
					.build());
				AuthContext authenticated = authenticator.authenticate(bearer(token), INVOCATION);
				assertThat(authenticated.roles()).containsExactly("admin");
				assertThat(authenticated.tenant()).isEqualTo("acme");
				assertThat(authenticated.claims()).containsExactly(AuthClaim.of("department", "ops"));

				assertReason(authenticator, hs256(claims().audience("billing").build()),
						AuthorizationReasonCode.INVALID_CREDENTIAL);
				Instant justExpired = Instant.now().minusSeconds(5);
				assertReason(authenticator,
						hs256(claims().audience("orders")
							.issueTime(Date.from(justExpired.minusSeconds(60)))
							.expirationTime(Date.from(justExpired))
							.build()),
						AuthorizationReasonCode.EXPIRED_CREDENTIAL);
			});
	}

	@Test
	void registersAuthenticatorForJwkSetUriWithoutContactingIt() throws Exception {
		String closed = "http://127.0.0.1:" + closedPort() + "/jwks";
		this.runner.withPropertyValues("gatehouse.jwt.jwk-set-uri=" + closed).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(JwtBearerAuthenticator.class);
			assertThatExceptionOfType(AuthenticationProviderUnavailableException.class)
				.isThrownBy(() -> context.getBean(JwtBearerAuthenticator.class)
					.authenticate(bearer(rs256(claims().build())), INVOCATION));
		});
	}

	@Test
	void registersAuthenticatorForIssuerUriWithoutContactingIt() throws Exception {
		String closed = "http://127.0.0.1:" + closedPort() + "/realms/demo";
		this.runner.withPropertyValues("gatehouse.jwt.issuer-uri=" + closed).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(JwtBearerAuthenticator.class);
			assertThatExceptionOfType(AuthenticationProviderUnavailableException.class)
				.isThrownBy(() -> context.getBean(JwtBearerAuthenticator.class)
					.authenticate(bearer(rs256(claims().issuer(closed).build())), INVOCATION));
		});
	}

	@Test
	void checksIssuerUriAgainstIssClaimWhenJwkSetUriGivesTheKeys() throws Exception {
		String closed = "http://127.0.0.1:" + closedPort();
		this.runner
			.withPropertyValues("gatehouse.jwt.jwk-set-uri=" + closed + "/jwks",
					"gatehouse.jwt.issuer-uri=https://idp.example")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(JwtBearerAuthenticator.class);
				// Keys would come from the (closed) JWK set URI; no discovery request is
				// needed for that.
				assertThatExceptionOfType(AuthenticationProviderUnavailableException.class)
					.isThrownBy(() -> context.getBean(JwtBearerAuthenticator.class)
						.authenticate(bearer(rs256(claims().issuer("https://idp.example").build())), INVOCATION));
			});
	}

	@Test
	void backsOffWhenJwtSupportIsNotOnTheClasspath() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.security.oauth2.jwt"))
			.withPropertyValues("gatehouse.jwt.secret=" + this.encodedSecret)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(JwtBearerAuthenticator.class));
	}

	@Test
	void backsOffWhenGatehouseIsDisabled() {
		this.runner.withPropertyValues("gatehouse.enabled=false", "gatehouse.jwt.secret=" + this.encodedSecret)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(JwtBearerAuthenticator.class));
	}

	@Test
	void backsOffWhenApplicationDefinesItsOwnAuthenticator() {
		this.runner.withUserConfiguration(OwnAuthenticatorConfiguration.class)
			.withPropertyValues("gatehouse.jwt.secret=" + this.encodedSecret)
			.run((context) -> assertThat(context).hasSingleBean(JwtBearerAuthenticator.class)
				.hasBean("ownJwtBearerAuthenticator"));
	}

	@Test
	void failsStartupOnShortSecretWithoutShowingIt() {
		String shortSecret = Base64.getEncoder().encodeToString("only-sixteen-byt".getBytes());
		this.runner.withPropertyValues("gatehouse.jwt.secret=" + shortSecret).run((context) -> {
			InvalidGatehouseConfigurationException failure = invalidConfiguration(context, "gatehouse.jwt.secret");
			assertThat(failure.problem()).contains("at least 32 bytes");
			assertThat(failure.action()).contains("openssl rand -base64 32");
			assertThat(stackTrace(context.getStartupFailure())).doesNotContain(shortSecret)
				.doesNotContain("only-sixteen-byt");
		});
	}

	@Test
	void failsStartupOnSecretThatIsNotBase64WithoutShowingIt() {
		String notBase64 = "correct horse battery staple, but not base64!";
		this.runner.withPropertyValues("gatehouse.jwt.secret=" + notBase64).run((context) -> {
			assertThat(invalidConfiguration(context, "gatehouse.jwt.secret").problem()).contains("base64");
			assertThat(stackTrace(context.getStartupFailure())).doesNotContain(notBase64)
				.doesNotContain("horse battery");
		});
	}

	@Test
	void failsStartupOnSecretTogetherWithJwkSetUri() {
		this.runner
			.withPropertyValues("gatehouse.jwt.secret=" + this.encodedSecret,
					"gatehouse.jwt.jwk-set-uri=https://idp.example/jwks")
			.run((context) -> {
				InvalidGatehouseConfigurationException failure = invalidConfiguration(context, "gatehouse.jwt.secret");
				assertThat(failure.problem()).contains("cannot be combined with gatehouse.jwt.jwk-set-uri");
				assertThat(failure.action()).contains("gatehouse.jwt.issuer");
				assertThat(stackTrace(context.getStartupFailure())).doesNotContain(this.encodedSecret);
			});
	}

	@Test
	void failsStartupOnSecretTogetherWithIssuerUri() {
		this.runner
			.withPropertyValues("gatehouse.jwt.secret=" + this.encodedSecret,
					"gatehouse.jwt.issuer-uri=https://idp.example")
			.run((context) -> {
				InvalidGatehouseConfigurationException failure = invalidConfiguration(context, "gatehouse.jwt.secret");
				assertThat(failure.problem()).contains("cannot be combined with gatehouse.jwt.issuer-uri");
				assertThat(stackTrace(context.getStartupFailure())).doesNotContain(this.encodedSecret);
			});
	}

	@Test
	void failsStartupOnJwkSetUriThatIsNotHttp() {
		this.runner.withPropertyValues("gatehouse.jwt.jwk-set-uri=file:///etc/jwks.json").run((context) -> {
			InvalidGatehouseConfigurationException failure = invalidConfiguration(context, "gatehouse.jwt.jwk-set-uri");
			assertThat(failure.problem()).contains("absolute http or https URI");
		});
	}

	@Test
	void failsStartupOnIssuerUriThatIsNotHttpWithoutShowingIt() {
		this.runner.withPropertyValues("gatehouse.jwt.issuer-uri=ftp://user:hunter2@idp.example").run((context) -> {
			invalidConfiguration(context, "gatehouse.jwt.issuer-uri");
			assertThat(stackTrace(context.getStartupFailure())).doesNotContain("hunter2");
		});
	}

	@Test
	void acceptsJwkSetUriWithoutSpringWeb() {
		// The JWK set is fetched by Nimbus itself, so spring-web is not needed for it.
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.web.client"))
			.withPropertyValues("gatehouse.jwt.jwk-set-uri=https://idp.example/jwks")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(JwtBearerAuthenticator.class));
	}

	@Test
	void acceptsSecretWithoutSpringWeb() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.web.client"))
			.withPropertyValues("gatehouse.jwt.secret=" + this.encodedSecret)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(JwtBearerAuthenticator.class));
	}

	@Test
	void failsStartupOnBlankRolesClaim() {
		this.runner.withPropertyValues("gatehouse.jwt.secret=" + this.encodedSecret, "gatehouse.jwt.roles-claim= ")
			.run((context) -> invalidConfiguration(context, "gatehouse.jwt.roles-claim"));
	}

	@Test
	void failsStartupOnUnusableDurationsAndLists() {
		String secret = "gatehouse.jwt.secret=" + this.encodedSecret;
		this.runner.withPropertyValues(secret, "gatehouse.jwt.jwk-set-timeout=0s")
			.run((context) -> invalidConfiguration(context, "gatehouse.jwt.jwk-set-timeout"));
		this.runner.withPropertyValues(secret, "gatehouse.jwt.jwk-set-refetch-interval=-1s")
			.run((context) -> invalidConfiguration(context, "gatehouse.jwt.jwk-set-refetch-interval"));
		this.runner.withPropertyValues(secret, "gatehouse.jwt.clock-skew=-1s")
			.run((context) -> invalidConfiguration(context, "gatehouse.jwt.clock-skew"));
		this.runner.withPropertyValues(secret, "gatehouse.jwt.audiences[0]= ")
			.run((context) -> invalidConfiguration(context, "gatehouse.jwt.audiences"));
		this.runner.withPropertyValues(secret, "gatehouse.jwt.tenant-claim= ")
			.run((context) -> invalidConfiguration(context, "gatehouse.jwt.tenant-claim"));
		this.runner.withPropertyValues(secret, "gatehouse.jwt.issuer= ")
			.run((context) -> invalidConfiguration(context, "gatehouse.jwt.issuer"));
	}

	@Test
	void bindsRequiredTypeAndRefusesIdTokensByDefault() {
		String secret = "gatehouse.jwt.secret=" + this.encodedSecret;
		String accessToken = TestJwts.sign(macSigner(),
				new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt")).build(), claims().build());
		String plainJwt = hs256(claims().build());
		String idToken = hs256(claims().claim("typ", "ID").build());
		this.runner.withPropertyValues(secret).run((context) -> {
			JwtBearerAuthenticator authenticator = context.getBean(JwtBearerAuthenticator.class);
			assertThat(authenticator.authenticate(bearer(plainJwt), INVOCATION).subject().id()).isEqualTo("alice");
			assertReason(authenticator, idToken, AuthorizationReasonCode.INVALID_CREDENTIAL);
		});
		this.runner.withPropertyValues(secret, "gatehouse.jwt.required-type=at+jwt").run((context) -> {
			JwtBearerAuthenticator authenticator = context.getBean(JwtBearerAuthenticator.class);
			assertThat(authenticator.authenticate(bearer(accessToken), INVOCATION).subject().id()).isEqualTo("alice");
			assertReason(authenticator, plainJwt, AuthorizationReasonCode.INVALID_CREDENTIAL);
		});
		this.runner.withPropertyValues(secret, "gatehouse.jwt.required-type= ")
			.run((context) -> invalidConfiguration(context, "gatehouse.jwt.required-type"));
	}

	@Test
	void failsStartupOnIssuerThatContradictsIssuerUri() {
		this.runner
			.withPropertyValues("gatehouse.jwt.issuer-uri=https://idp.example",
					"gatehouse.jwt.issuer=https://other.example")
			.run((context) -> invalidConfiguration(context, "gatehouse.jwt.issuer"));
		this.runner
			.withPropertyValues("gatehouse.jwt.issuer-uri=https://idp.example",
					"gatehouse.jwt.issuer=https://idp.example")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void checksIssuerWithSharedSecret() {
		this.runner
			.withPropertyValues("gatehouse.jwt.secret=" + this.encodedSecret,
					"gatehouse.jwt.issuer=https://idp.example")
			.run((context) -> {
				JwtBearerAuthenticator authenticator = context.getBean(JwtBearerAuthenticator.class);
				assertThat(authenticator
					.authenticate(bearer(hs256(claims().issuer("https://idp.example").build())), INVOCATION)
					.issuer()).isEqualTo("https://idp.example");
				assertReason(authenticator, hs256(claims().issuer("https://evil.example").build()),
						AuthorizationReasonCode.INVALID_CREDENTIAL);
				assertReason(authenticator, hs256(claims().build()), AuthorizationReasonCode.INVALID_CREDENTIAL);
			});
	}

	@Test
	void readsTheClockBeanForTimeChecks() {
		Instant later = Instant.now().plus(Duration.ofHours(3));
		this.runner.withBean(Clock.class, () -> Clock.fixed(later, ZoneOffset.UTC))
			.withPropertyValues("gatehouse.jwt.secret=" + this.encodedSecret)
			.run((context) -> {
				JwtBearerAuthenticator authenticator = context.getBean(JwtBearerAuthenticator.class);
				assertReason(authenticator, hs256(claims().build()), AuthorizationReasonCode.EXPIRED_CREDENTIAL);
				assertThat(authenticator.authenticate(bearer(hs256(TestJwts.validClaims(later).build())), INVOCATION)
					.subject()
					.id()).isEqualTo("alice");
			});
	}

	@Test
	void addsValidatorBeansToTheBuiltInChecks() {
		OAuth2Error error = new OAuth2Error("invalid_token", "A tenant is required", null);
		this.runner
			.withBean("tenantRequired", OAuth2TokenValidator.class,
					() -> (OAuth2TokenValidator<Jwt>) (jwt) -> jwt.hasClaim("tenant")
							? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(error))
			.withPropertyValues("gatehouse.jwt.secret=" + this.encodedSecret)
			.run((context) -> {
				JwtBearerAuthenticator authenticator = context.getBean(JwtBearerAuthenticator.class);
				assertThat(
						authenticator.authenticate(bearer(hs256(claims().claim("tenant", "acme").build())), INVOCATION)
							.tenant())
					.isEqualTo("acme");
				assertReason(authenticator, hs256(claims().build()), AuthorizationReasonCode.INVALID_CREDENTIAL);
			});
	}

	@Test
	void usesApplicationJwtDecoderWithoutAnyKeySourceProperty() {
		List<String> decoded = new ArrayList<>();
		JwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(this.secret, "HmacSHA256")).build();
		this.runner.withBean(JwtDecoder.class, () -> (token) -> {
			decoded.add(token);
			return nimbus.decode(token);
		}).withPropertyValues("gatehouse.jwt.audiences=documents").run((context) -> {
			JwtBearerAuthenticator authenticator = context.getBean(JwtBearerAuthenticator.class);
			String token = hs256(claims().audience("documents").build());
			assertThat(authenticator.authenticate(bearer(token), INVOCATION).subject().id()).isEqualTo("alice");
			assertThat(decoded).containsExactly(token);
			// Gatehouse's own checks still apply to what the application's decoder
			// returns.
			assertReason(authenticator, hs256(claims().audience("billing").build()),
					AuthorizationReasonCode.INVALID_CREDENTIAL);
		});
	}

	@Test
	void usesApplicationJwtDecoderOverKeySourcePropertiesWhenToldTo() {
		JwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(this.secret, "HmacSHA256")).build();
		this.runner.withBean(JwtDecoder.class, () -> nimbus)
			.withPropertyValues("gatehouse.jwt.jwk-set-uri=https://idp.example/jwks",
					"gatehouse.jwt.use-decoder-bean=true")
			.run((context) -> assertThat(context.getBean(JwtBearerAuthenticator.class)
				.authenticate(bearer(hs256(claims().build())), INVOCATION)
				.subject()
				.id()).isEqualTo("alice"));
	}

	@Test
	void failsStartupOnKeySourceTogetherWithApplicationJwtDecoder() {
		JwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(this.secret, "HmacSHA256")).build();
		this.runner.withBean("appDecoder", JwtDecoder.class, () -> nimbus)
			.withPropertyValues("gatehouse.jwt.secret=" + this.encodedSecret)
			.run((context) -> {
				InvalidGatehouseConfigurationException failure = invalidConfiguration(context, "gatehouse.jwt.secret");
				assertThat(failure.problem()).contains("JwtDecoder bean 'appDecoder'")
					.contains("does not choose one silently");
				assertThat(failure.action()).contains("gatehouse.jwt.use-decoder-bean=false")
					.contains("gatehouse.jwt.use-decoder-bean=true");
				assertThat(stackTrace(context.getStartupFailure())).doesNotContain(this.encodedSecret);
			});
	}

	@Test
	void verifiesWithKeySourceAndIgnoresApplicationJwtDecoderWhenToldTo() {
		List<String> decoded = new ArrayList<>();
		this.runner.withBean(JwtDecoder.class, () -> (token) -> {
			decoded.add(token);
			throw new IllegalStateException("not to be used");
		})
			.withPropertyValues("gatehouse.jwt.secret=" + this.encodedSecret, "gatehouse.jwt.use-decoder-bean=false")
			.run((context) -> {
				String token = hs256(claims().build());
				assertThat(context.getBean(JwtBearerAuthenticator.class)
					.authenticate(bearer(token), INVOCATION)
					.subject()
					.id()).isEqualTo("alice");
				assertThat(decoded).isEmpty();
			});
	}

	@Test
	void failsStartupWhenToldToUseADecoderBeanThatIsNotThere() {
		this.runner.withPropertyValues("gatehouse.jwt.use-decoder-bean=true").run((context) -> {
			InvalidGatehouseConfigurationException failure = invalidConfiguration(context,
					"gatehouse.jwt.use-decoder-bean");
			assertThat(failure.problem()).contains("no JwtDecoder bean");
			assertThat(failure.action()).contains("remove gatehouse.jwt.use-decoder-bean");
		});
		this.runner.withPropertyValues("gatehouse.jwt.use-decoder-bean=true", "gatehouse.jwt.issuer-uri=https://idp")
			.run((context) -> assertThat(invalidConfiguration(context, "gatehouse.jwt.use-decoder-bean").action())
				.contains("gatehouse.jwt.use-decoder-bean=false to verify tokens with gatehouse.jwt.issuer-uri"));
	}

	@Test
	void failsStartupWhenToldToUseAKeySourceThatIsNotThere() {
		JwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(this.secret, "HmacSHA256")).build();
		this.runner.withBean(JwtDecoder.class, () -> nimbus)
			.withPropertyValues("gatehouse.jwt.use-decoder-bean=false")
			.run((context) -> assertThat(invalidConfiguration(context, "gatehouse.jwt.use-decoder-bean").problem())
				.contains("nothing would verify bearer tokens"));
	}

	@Test
	void usesNoneOfSeveralDecoderBeansWithoutAPrimaryOne() {
		JwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(this.secret, "HmacSHA256")).build();
		this.runner.withBean("one", JwtDecoder.class, () -> nimbus)
			.withBean("two", JwtDecoder.class, () -> nimbus)
			.run((context) -> assertThat(invalidConfiguration(context, "gatehouse.jwt.*").action())
				.contains("exactly one JwtDecoder bean"));
		this.runner.withBean("one", JwtDecoder.class, () -> nimbus)
			.withBean("two", JwtDecoder.class, () -> nimbus)
			.withPropertyValues("gatehouse.jwt.secret=" + this.encodedSecret)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(JwtBearerAuthenticator.class));
	}

	@Test
	void namesTheConfigurationMethodThatDefinedTheDecoder() {
		this.runner.withUserConfiguration(DecoderConfiguration.class)
			.withPropertyValues("gatehouse.jwt.issuer-uri=https://idp.example")
			.run((context) -> assertThat(invalidConfiguration(context, "gatehouse.jwt.issuer-uri").problem())
				.contains("JwtDecoder bean 'companyDecoder' (defined by "
						+ DecoderConfiguration.class.getName().replace('$', '.') + ".companyDecoder())"));
	}

	@Test
	void doesNotSwitchOnForADecoderBeanAloneWhileTheSpringSecurityBridgeIsActive() {
		JwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(this.secret, "HmacSHA256")).build();
		ApplicationContextRunner bridged = this.runner.withBean(JwtDecoder.class, () -> nimbus)
			.withBean(SecurityFilterChain.class, () -> new DefaultSecurityFilterChain(AnyRequestMatcher.INSTANCE));
		bridged.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(JwtBearerAuthenticator.class));
		bridged.withPropertyValues("gatehouse.spring-security.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(JwtBearerAuthenticator.class));
		bridged.withPropertyValues("gatehouse.jwt.use-decoder-bean=true")
			.run((context) -> assertThat(context.getBean(JwtBearerAuthenticator.class)
				.authenticate(bearer(hs256(claims().build())), INVOCATION)
				.subject()
				.id()).isEqualTo("alice"));
		bridged.withPropertyValues("gatehouse.jwt.secret=" + this.encodedSecret)
			.run((context) -> invalidConfiguration(context, "gatehouse.jwt.secret"));
	}

	@Test
	void usesADecoderBeanAloneWithoutSpringSecurityWeb() {
		JwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(this.secret, "HmacSHA256")).build();
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.security.web"))
			.withBean(JwtDecoder.class, () -> nimbus)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(JwtBearerAuthenticator.class));
	}

	private static InvalidGatehouseConfigurationException invalidConfiguration(AssertableApplicationContext context,
			String property) {
		assertThat(context).hasFailed();
		for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidGatehouseConfigurationException invalid) {
				assertThat(invalid.property()).isEqualTo(property);
				assertThat(invalid.action()).isNotBlank();
				return invalid;
			}
		}
		throw new AssertionError("no InvalidGatehouseConfigurationException in " + context.getStartupFailure());
	}

	private MACSigner macSigner() {
		try {
			return new MACSigner(this.secret);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private JWTClaimsSet.Builder claims() {
		return TestJwts.validClaims();
	}

	private String hs256(JWTClaimsSet claims) {
		return TestJwts.hs256(this.secret, claims);
	}

	private static String rs256(JWTClaimsSet claims) {
		return TestJwts.rs256(TestJwts.rsaKey("rsa-1"), claims);
	}

	private static void assertReason(JwtBearerAuthenticator authenticator, String token,
			AuthorizationReasonCode reasonCode) {
		AuthenticationFailedException failure = catchThrowableOfType(AuthenticationFailedException.class,
				() -> authenticator.authenticate(bearer(token), INVOCATION));
		assertThat(failure).isNotNull();
		assertThat(failure.decision().reasonCode()).isEqualTo(reasonCode);
	}

	// A port that was just free and is closed again: connecting to it is refused at once.
	private static int closedPort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
	}

	private static String stackTrace(Throwable failure) {
		StringWriter trace = new StringWriter();
		failure.printStackTrace(new PrintWriter(trace));
		return trace.toString();
	}

	@Configuration
	static class DecoderConfiguration {

		@Bean
		JwtDecoder companyDecoder() {
			return (token) -> {
				throw new IllegalStateException("not used");
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnAuthenticatorConfiguration {

		@Bean
		JwtBearerAuthenticator ownJwtBearerAuthenticator() {
			return JwtBearerAuthenticator.withSecret(Base64.getEncoder().encodeToString(new byte[32])).build();
		}

	}

}
