package dev.gatehouse.auth.autoconfigure;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.auth.authentication.JwtBearerAuthenticator;
import dev.gatehouse.auth.context.AuthClaim;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.context.CredentialCarrierLocation;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.error.AuthenticationFailedException;
import dev.gatehouse.auth.error.AuthenticationProviderUnavailableException;
import dev.gatehouse.auth.spi.AuthInvocation;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * When {@link GatehouseJwtAutoConfiguration} registers the JWT bearer authenticator, how it binds the
 * {@code gatehouse.jwt.*} properties, and how it refuses unusable ones.
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
					"gatehouse.jwt.audiences=documents,orders", "gatehouse.jwt.clock-skew=0s", "gatehouse.jwt.roles-claim=realm_access.roles",
					"gatehouse.jwt.tenant-claim=org", "gatehouse.jwt.copied-claims=department")
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
				// Keys would come from the (closed) JWK set URI; no discovery request is needed for that.
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
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("at least 32 bytes");
			assertThat(context.getStartupFailure()).hasMessageContaining("gatehouse.jwt.secret");
			assertThat(stackTrace(context.getStartupFailure())).doesNotContain(shortSecret)
				.doesNotContain("only-sixteen-byt");
		});
	}

	@Test
	void failsStartupOnSecretThatIsNotBase64WithoutShowingIt() {
		String notBase64 = "correct horse battery staple, but not base64!";
		this.runner.withPropertyValues("gatehouse.jwt.secret=" + notBase64).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessageContaining("gatehouse.jwt.secret")
				.hasMessageContaining("base64");
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
				assertThat(context).hasFailed();
				assertThat(mutuallyExclusive(context.getStartupFailure()).getConfiguredNames()).containsExactlyInAnyOrder("gatehouse.jwt.secret",
						"gatehouse.jwt.jwk-set-uri");
				assertThat(stackTrace(context.getStartupFailure())).doesNotContain(this.encodedSecret);
			});
	}

	@Test
	void failsStartupOnSecretTogetherWithIssuerUri() {
		this.runner
			.withPropertyValues("gatehouse.jwt.secret=" + this.encodedSecret,
					"gatehouse.jwt.issuer-uri=https://idp.example")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(mutuallyExclusive(context.getStartupFailure()).getConfiguredNames())
					.containsExactlyInAnyOrder("gatehouse.jwt.secret", "gatehouse.jwt.issuer-uri");
				assertThat(stackTrace(context.getStartupFailure())).doesNotContain(this.encodedSecret);
			});
	}

	@Test
	void failsStartupOnJwkSetUriThatIsNotHttp() {
		this.runner.withPropertyValues("gatehouse.jwt.jwk-set-uri=file:///etc/jwks.json").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessageContaining("gatehouse.jwt.jwk-set-uri")
				.hasMessageContaining("absolute http or https URI");
		});
	}

	@Test
	void failsStartupOnJwkSetUriWithoutSpringWeb() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.web.client"))
			.withPropertyValues("gatehouse.jwt.jwk-set-uri=https://idp.example/jwks")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasMessageContaining("gatehouse.jwt.jwk-set-uri")
					.hasMessageContaining("spring-web");
			});
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
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasMessageContaining("gatehouse.jwt")
					.hasMessageContaining("rolesClaim");
			});
	}

	private JWTClaimsSet.Builder claims() {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().subject("alice")
			.issueTime(Date.from(now.minus(Duration.ofMinutes(1))))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(10))));
	}

	private String hs256(JWTClaimsSet claims) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
		jwt.sign(new MACSigner(this.secret));
		return jwt.serialize();
	}

	private static String rs256(JWTClaimsSet claims) throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	private static CredentialCarrier bearer(String token) {
		return new CredentialCarrier(CredentialCarrierKind.BEARER_TOKEN, CredentialCarrierLocation.AUTHORIZATION_HEADER,
				token, "Authorization", "Bearer");
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

	private static MutuallyExclusiveConfigurationPropertiesException mutuallyExclusive(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof MutuallyExclusiveConfigurationPropertiesException exclusive) {
				return exclusive;
			}
		}
		throw new AssertionError("no MutuallyExclusiveConfigurationPropertiesException in " + failure);
	}

	private static String stackTrace(Throwable failure) {
		StringWriter trace = new StringWriter();
		failure.printStackTrace(new PrintWriter(trace));
		return trace.toString();
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnAuthenticatorConfiguration {

		@Bean
		JwtBearerAuthenticator ownJwtBearerAuthenticator() {
			return JwtBearerAuthenticator.withSecret(Base64.getEncoder().encodeToString(new byte[32])).build();
		}

	}

}
