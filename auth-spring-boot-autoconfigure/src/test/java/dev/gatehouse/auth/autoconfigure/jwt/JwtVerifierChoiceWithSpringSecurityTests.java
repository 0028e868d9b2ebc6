package dev.gatehouse.auth.autoconfigure.jwt;

import java.time.Instant;
import java.util.Base64;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.gatehouse.auth.authentication.JwkSetServer;
import dev.gatehouse.auth.authentication.JwtBearerAuthenticator;
import dev.gatehouse.auth.authentication.TestJwts;
import dev.gatehouse.auth.autoconfigure.authentication.GatehouseAuthenticationAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.startup.GatehouseStartupValidationAutoConfiguration;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.AuthenticationFailedException;
import dev.gatehouse.auth.startup.AuthStartupCapabilityValidationException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.ApplicationContextFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.servlet.AnnotationConfigServletWebApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.web.SecurityFilterChain;

import static dev.gatehouse.auth.authentication.TestJwts.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The choice between a {@code gatehouse.jwt.*} key source and a {@code JwtDecoder} bean
 * with Boot's real security auto-configurations: Spring Authorization Server's (which
 * registers a decoder for its own keys) and the resource server's (whose decoder Spring
 * Security uses, the bridge then mapping the result). Also shows that Gatehouse's JWT
 * auto-configuration runs after them, as its conditions must see their beans.
 */
@Tag("spring-security")
@ExtendWith(OutputCaptureExtension.class)
class JwtVerifierChoiceWithSpringSecurityTests {

	@RegisterExtension
	static final JwkSetServer issuer = new JwkSetServer();

	private static final RSAKey issuerKey = TestJwts.rsaKey("issuer-1");

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, GatehouseAutoConfiguration.class,
				GatehouseStartupValidationAutoConfiguration.class, GatehouseJwtAutoConfiguration.class,
				GatehouseAuthenticationAutoConfiguration.class, SecurityAutoConfiguration.class,
				UserDetailsServiceAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class));

	private final WebApplicationContextRunner authorizationServer = this.runner
		.withConfiguration(AutoConfigurations.of(OAuth2AuthorizationServerAutoConfiguration.class,
				OAuth2AuthorizationServerJwtAutoConfiguration.class))
		.withPropertyValues("spring.security.oauth2.authorizationserver.client.orders.registration.client-id=orders",
				"spring.security.oauth2.authorizationserver.client.orders.registration.client-secret={noop}s3cr3t",
				"spring.security.oauth2.authorizationserver.client.orders.registration.client-authentication-methods=client_secret_basic",
				"spring.security.oauth2.authorizationserver.client.orders.registration.authorization-grant-types=client_credentials");

	private final WebApplicationContextRunner resourceServer = this.runner
		.withConfiguration(AutoConfigurations.of(OAuth2ResourceServerAutoConfiguration.class,
				OAuth2ResourceServerWebSecurityAutoConfiguration.class))
		.withPropertyValues("spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/jwks");

	@Test
	void authorizationServersDecoderAndIssuerUriFailStartupInOneReportNamingBoth() {
		this.authorizationServer.withPropertyValues("gatehouse.jwt.issuer-uri=" + issuerUri()).run((context) -> {
			String report = report(context);
			assertThat(report).contains("INVALID_CONFIGURATION gatehouse.jwt.issuer-uri")
				.contains("JwtDecoder bean 'jwtDecoder' (defined by "
						+ "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet."
						+ "OAuth2AuthorizationServerJwtAutoConfiguration.JwtDecoderConfiguration.jwtDecoder())")
				.contains("gatehouse.jwt.use-decoder-bean=false")
				.contains("gatehouse.jwt.use-decoder-bean=true");
		});
	}

	@Test
	void withUseDecoderBeanFalseTheIssuersTokensAreAcceptedAndTheAuthorizationServersRefused() {
		issuer.publish(issuerKey)
			.respond("/.well-known/openid-configuration", 200,
					"{\"issuer\":\"" + issuerUri() + "\",\"jwks_uri\":\"" + issuer.uri() + "\"}");
		this.authorizationServer
			.withPropertyValues("gatehouse.jwt.issuer-uri=" + issuerUri(), "gatehouse.jwt.use-decoder-bean=false")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasBean("jwtDecoder");
				JwtBearerAuthenticator authenticator = context.getBean(JwtBearerAuthenticator.class);
				String issued = TestJwts.rs256(issuerKey, TestJwts.validClaims().issuer(issuerUri()).build());
				assertThat(authenticator.authenticate(bearer(issued), TestJwts.INVOCATION).issuer())
					.isEqualTo(issuerUri());

				// Signed with the authorization server's own key: its decoder accepts it,
				// Gatehouse (verifying with the configured issuer's keys) does not.
				@SuppressWarnings("unchecked")
				JWKSource<SecurityContext> keys = context.getBean(JWKSource.class);
				Instant now = Instant.now();
				String own = new NimbusJwtEncoder(keys)
					.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(),
							JwtClaimsSet.builder()
								.subject("alice")
								.issuer(issuerUri())
								.issuedAt(now)
								.expiresAt(now.plusSeconds(300))
								.build()))
					.getTokenValue();
				assertThat(context.getBean(JwtDecoder.class).decode(own).getSubject()).isEqualTo("alice");
				AuthenticationFailedException refused = catchThrowableOfType(AuthenticationFailedException.class,
						() -> authenticator.authenticate(bearer(own), TestJwts.INVOCATION));
				assertThat(refused).isNotNull();
				assertThat(refused.decision().reasonCode()).isEqualTo(AuthorizationReasonCode.INVALID_CREDENTIAL);
			});
	}

	@Test
	void withUseDecoderBeanTrueTheAuthorizationServersDecoderVerifies() {
		this.authorizationServer
			.withPropertyValues("gatehouse.jwt.issuer-uri=" + issuerUri(), "gatehouse.jwt.use-decoder-bean=true")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(JwtBearerAuthenticator.class);
				assertThat(context.getBean(JwtBearerAuthenticator.class).verifierHealth().details())
					.containsEntry("keySource", "decoder");
			});
	}

	@Test
	void resourceServersDecoderAloneLeavesGatehousesJwtAuthenticatorOffWhileTheBridgeIsActive() {
		this.resourceServer.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(JwtDecoder.class)
			.hasSingleBean(SecurityFilterChain.class)
			.doesNotHaveBean(JwtBearerAuthenticator.class));
	}

	@Test
	void resourceServersDecoderAloneSwitchesItOnWithTheBridgeOff() {
		// Only true if Gatehouse's JWT auto-configuration ran after the resource
		// server's: its condition sees the decoder bean.
		this.resourceServer.withPropertyValues("gatehouse.spring-security.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(JwtBearerAuthenticator.class));
		this.resourceServer.withPropertyValues("gatehouse.jwt.use-decoder-bean=true")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(JwtBearerAuthenticator.class));
	}

	@Test
	void realApplicationPrintsTheOneFailureReportWithoutTheSecret(CapturedOutput output) {
		String secret = Base64.getEncoder().encodeToString("CANARY-0123456789abcdef0123456789".getBytes());
		SpringApplication application = new SpringApplication(AuthorizationServerApplication.class);
		application.setApplicationContextFactory(
				ApplicationContextFactory.ofContextClass(AnnotationConfigServletWebApplicationContext.class));

		assertThatException().isThrownBy(() -> application.run("--gatehouse.jwt.secret=" + secret,
				"--logging.level.dev.gatehouse=DEBUG",
				"--spring.security.oauth2.authorizationserver.client.orders.registration.client-id=orders",
				"--spring.security.oauth2.authorizationserver.client.orders.registration.client-secret={noop}x",
				"--spring.security.oauth2.authorizationserver.client.orders.registration.client-authentication-methods=client_secret_basic",
				"--spring.security.oauth2.authorizationserver.client.orders.registration.authorization-grant-types=client_credentials"));

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("INVALID_CONFIGURATION gatehouse.jwt.secret")
			.contains("JwtDecoder bean 'jwtDecoder'")
			.contains("OAuth2AuthorizationServerJwtAutoConfiguration")
			.contains("gatehouse.jwt.use-decoder-bean=false")
			.doesNotContain("\tat ")
			.doesNotContain(secret)
			.doesNotContain("CANARY");
	}

	private static String issuerUri() {
		return issuer.baseUri();
	}

	private static String report(AssertableWebApplicationContext context) {
		assertThat(context).hasFailed();
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure());
		assertThat(cause).isInstanceOf(AuthStartupCapabilityValidationException.class);
		return cause.getMessage();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ AopAutoConfiguration.class, GatehouseAutoConfiguration.class,
			GatehouseStartupValidationAutoConfiguration.class, GatehouseJwtAutoConfiguration.class,
			GatehouseAuthenticationAutoConfiguration.class, SecurityAutoConfiguration.class,
			UserDetailsServiceAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
			OAuth2AuthorizationServerAutoConfiguration.class, OAuth2AuthorizationServerJwtAutoConfiguration.class })
	static class AuthorizationServerApplication {

	}

}
