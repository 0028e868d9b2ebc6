package dev.gatehouse.auth.autoconfigure.snapshot;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import dev.gatehouse.auth.autoconfigure.authentication.GatehouseAuthenticationAutoConfiguration;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.context.CredentialCarrierLocation;
import dev.gatehouse.auth.propagation.SnapshotCredentialAuthenticator;
import dev.gatehouse.auth.propagation.SnapshotPropagationInterceptor;
import dev.gatehouse.auth.propagation.SnapshotPropagationTarget;
import dev.gatehouse.auth.snapshot.InvalidAuthContextSnapshotException;
import dev.gatehouse.auth.snapshot.SnapshotEnvelopeSigner;
import dev.gatehouse.auth.snapshot.SnapshotEnvelopeVerifier;
import dev.gatehouse.auth.spi.AuthContextSnapshot;
import dev.gatehouse.auth.spi.AuthInvocation;
import dev.gatehouse.auth.spi.Authenticator;
import dev.gatehouse.auth.spi.SnapshotSignRequest;
import dev.gatehouse.auth.spi.SnapshotSigner;
import dev.gatehouse.auth.spi.SnapshotVerifier;
import dev.gatehouse.auth.startup.AuthStartupCapabilityDiagnostic;
import dev.gatehouse.auth.startup.AuthStartupCapabilityValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * When {@link GatehouseSnapshotAutoConfiguration} registers the built-in signer, verifier
 * and clock, how it binds {@code gatehouse.snapshot.*}, and how it refuses unusable keys
 * without ever printing them.
 */
@ExtendWith(OutputCaptureExtension.class)
class GatehouseSnapshotAutoConfigurationTests {

	private static final Instant NOW = Instant.parse("2026-05-15T01:02:03Z");

	private static final String SECRET = Base64.getEncoder()
		.encodeToString("0123456789abcdef0123456789abcdef-snapshot".getBytes());

	private static final String OLD_SECRET = Base64.getUrlEncoder()
		.withoutPadding()
		.encodeToString("fedcba9876543210fedcba9876543210-rotated".getBytes());

	private static final KeyPair ED25519 = ed25519();

	private static final AuthInvocation INVOCATION = AuthInvocation.of("TEST", "snapshot");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GatehouseSnapshotAutoConfiguration.class))
		.withPropertyValues("spring.application.name=orders");

	private final String[] hs256 = { "gatehouse.snapshot.signing.key-id=k2",
			"gatehouse.snapshot.signing.secret=" + SECRET, "gatehouse.snapshot.verification.keys.k2.secret=" + SECRET };

	@Test
	void authenticatesInboundSnapshotsThroughTheCompositeAuthenticator() {
		this.runner.withConfiguration(AutoConfigurations.of(GatehouseAuthenticationAutoConfiguration.class))
			.withPropertyValues(this.hs256)
			.run((context) -> {
				assertThat(context).hasSingleBean(SnapshotCredentialAuthenticator.class)
					.hasSingleBean(Authenticator.class);
				Authenticator authenticator = context.getBean(Authenticator.class);
				assertThat(authenticator.supports(CredentialCarrierKind.AUTH_CONTEXT_SNAPSHOT)).isTrue();
				assertThat(authenticator.supports(CredentialCarrierKind.API_KEY)).isFalse();
				assertThat(authenticator.readsInvocation(CredentialCarrierKind.AUTH_CONTEXT_SNAPSHOT)).isFalse();
				AuthContextSnapshot snapshot = context.getBean(SnapshotSigner.class)
					.sign(new SnapshotSignRequest(AuthContext.builder("ada").roles("REPORTER").build(), null,
							"orders"));
				AuthContext caller = authenticator.authenticate(
						new CredentialCarrier(CredentialCarrierKind.AUTH_CONTEXT_SNAPSHOT,
								CredentialCarrierLocation.HEADER, snapshot.envelope(), "X-Auth-Context-Snapshot", null),
						INVOCATION);
				assertThat(caller.subject().id()).isEqualTo("ada");
				assertThat(caller.delegationChain()).containsExactly("orders");
			});
	}

	@Test
	void acceptsNoInboundSnapshotsWhenSwitchedOff() {
		this.runner.withConfiguration(AutoConfigurations.of(GatehouseAuthenticationAutoConfiguration.class))
			.withPropertyValues(this.hs256)
			.withPropertyValues("gatehouse.snapshot.propagation.accept-inbound=false")
			.run((context) -> assertThat(context).hasSingleBean(SnapshotVerifier.class)
				.doesNotHaveBean(SnapshotCredentialAuthenticator.class)
				.doesNotHaveBean(Authenticator.class));
	}

	@Test
	void letsAnApplicationVerifierReadTheInvocation() {
		this.runner.withBean(SnapshotVerifier.class, () -> (envelope, invocation) -> AuthContext.builder("x").build())
			.run((context) -> assertThat(context.getBean(SnapshotCredentialAuthenticator.class).readsInvocation())
				.isTrue());
	}

	@Test
	void propagatesOverBootsHttpClientBuildersOnlyWhenEnabled() {
		this.runner.withPropertyValues(this.hs256)
			.run((context) -> assertThat(context).doesNotHaveBean(SnapshotPropagationInterceptor.class)
				.doesNotHaveBean(RestClientCustomizer.class)
				.doesNotHaveBean(RestTemplateCustomizer.class));
		this.runner.withPropertyValues(this.hs256)
			.withPropertyValues("gatehouse.snapshot.propagation.enabled=true",
					"gatehouse.snapshot.propagation.header=X-Caller-Snapshot")
			.run((context) -> {
				assertThat(context).hasSingleBean(RestClientCustomizer.class)
					.hasSingleBean(RestTemplateCustomizer.class);
				SnapshotPropagationInterceptor interceptor = context.getBean(SnapshotPropagationInterceptor.class);
				assertThat(interceptor.headerName()).isEqualTo("X-Caller-Snapshot");
				RestTemplate restTemplate = new RestTemplate();
				context.getBean(RestTemplateCustomizer.class).customize(restTemplate);
				assertThat(restTemplate.getInterceptors()).containsExactly(interceptor);
				RestClient.Builder builder = RestClient.builder();
				context.getBean(RestClientCustomizer.class).customize(builder);
				builder.requestInterceptors((interceptors) -> assertThat(interceptors).containsExactly(interceptor));
			});
	}

	@Test
	void parsesPropagationTargetsOnceAndReportsUnusableOnesByProperty() {
		this.runner.withPropertyValues(this.hs256)
			.withPropertyValues("gatehouse.snapshot.propagation.enabled=true",
					"gatehouse.snapshot.propagation.targets[0].url=https://Billing.internal/api/",
					"gatehouse.snapshot.propagation.targets[0].audience=billing")
			.run((context) -> assertThat(context.getBean(SnapshotPropagationInterceptor.class).targets())
				.containsExactly(new SnapshotPropagationTarget("https", "billing.internal", 443, "/api", "billing")));
		this.runner.withPropertyValues(this.hs256)
			.withPropertyValues("gatehouse.snapshot.propagation.enabled=true",
					"gatehouse.snapshot.propagation.targets[0].url=billing.internal/api",
					"gatehouse.snapshot.propagation.targets[0].audience=billing",
					"gatehouse.snapshot.propagation.targets[1].url=https://payments.internal")
			.run((context) -> {
				assertFailure(context, "gatehouse.snapshot.propagation.targets[0].url", "absolute http or https");
				assertFailure(context, "gatehouse.snapshot.propagation.targets[1].audience", "is not set");
			});
		this.runner.withPropertyValues(this.hs256)
			.withPropertyValues("gatehouse.snapshot.propagation.enabled=true",
					"gatehouse.snapshot.propagation.targets[0].audience=billing")
			.run((context) -> assertFailure(context, "gatehouse.snapshot.propagation.targets[0].url", "is not set"));
	}

	@Test
	void warnsOnceThatHttpPropagationIsOffWithoutATarget(CapturedOutput output) {
		String warning = "HTTP propagation is off";
		this.runner.withPropertyValues(this.hs256)
			.withPropertyValues("gatehouse.snapshot.propagation.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output.getOut().split(warning, -1)).hasSize(2);
		this.runner.withPropertyValues(this.hs256)
			.withPropertyValues("gatehouse.snapshot.propagation.enabled=true",
					"gatehouse.outbound.registrations.audit.type=Snapshot")
			.run((context) -> assertThat(context).hasNotFailed());
		this.runner.withPropertyValues(this.hs256)
			.withPropertyValues("gatehouse.snapshot.propagation.enabled=true",
					"gatehouse.outbound.registrations.partner.type=static",
					"gatehouse.snapshot.propagation.targets[0].url=http://billing",
					"gatehouse.snapshot.propagation.targets[0].audience=billing")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output.getOut().split(warning, -1)).hasSize(2);
	}

	@Test
	void bindsVerificationAudiencesRequireAudienceAndSignerBinding() {
		this.runner.withUserConfiguration(PinnedClock.class)
			.withPropertyValues(this.hs256)
			.withPropertyValues("gatehouse.snapshot.verification.audiences=billing,billing-v2",
					"gatehouse.snapshot.verification.require-audience=false")
			.run((context) -> {
				SnapshotSigner signer = context.getBean(SnapshotSigner.class);
				SnapshotVerifier verifier = context.getBean(SnapshotVerifier.class);
				AuthContext caller = AuthContext.builder("ada").build();
				for (String audience : new String[] { "billing-v2", null }) {
					String envelope = signer.sign(new SnapshotSignRequest(caller, null, audience)).envelope();
					assertThat(verifier.verify(envelope, INVOCATION).subject().id()).isEqualTo("ada");
				}
				// Its own service id is no audience once audiences are configured.
				String forOrders = signer.sign(new SnapshotSignRequest(caller, null, "orders")).envelope();
				assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
					.isThrownBy(() -> verifier.verify(forOrders, INVOCATION));
			});
		this.runner.withUserConfiguration(PinnedClock.class)
			.withPropertyValues(this.hs256)
			.withPropertyValues("gatehouse.snapshot.verification.keys.k2.service-ids=payments")
			.run((context) -> {
				// This service (orders) holds k2 but is not bound to it: it cannot sign
				// as payments.
				String envelope = sign(context, AuthContext.builder("ada").build()).envelope();
				assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
					.isThrownBy(() -> context.getBean(SnapshotVerifier.class).verify(envelope, INVOCATION))
					.withMessageContaining("signer");
			});
		this.runner.withPropertyValues(this.hs256)
			.withPropertyValues("gatehouse.snapshot.verification.audiences[0]= ")
			.run((context) -> {
				assertFailure(context, "gatehouse.snapshot.verification.audiences[0]", "is not set");
			});
		this.runner.withPropertyValues(this.hs256)
			.withPropertyValues("gatehouse.snapshot.verification.keys.k2.service-ids[0]= ")
			.run((context) -> assertFailure(context, "gatehouse.snapshot.verification.keys.k2.service-ids[0]",
					"is not set"));
	}

	@Test
	void needsNoRestClientModuleForSigning() {
		this.runner.withPropertyValues(this.hs256)
			.withPropertyValues("gatehouse.snapshot.propagation.enabled=true")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.restclient"))
			.run((context) -> assertThat(context).hasSingleBean(SnapshotSigner.class)
				.doesNotHaveBean(SnapshotPropagationInterceptor.class));
	}

	@Test
	void registersOnlyAClockWhenNoKeysAreConfigured() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(Clock.class)
				.doesNotHaveBean(SnapshotSigner.class)
				.doesNotHaveBean(SnapshotVerifier.class);
			assertThat(context.getBean(Clock.class).getZone()).isEqualTo(ZoneOffset.UTC);
		});
	}

	@Test
	void registersNothingWhenGatehouseIsDisabled() {
		this.runner.withPropertyValues("gatehouse.enabled=false").withPropertyValues(this.hs256).run((context) -> {
			assertThat(context).doesNotHaveBean(Clock.class).doesNotHaveBean(SnapshotSigner.class);
		});
	}

	@Test
	void signsAndVerifiesHs256WithTheApplicationsClockAndServiceId() {
		this.runner.withUserConfiguration(PinnedClock.class).withPropertyValues(this.hs256).run((context) -> {
			assertThat(context).hasSingleBean(Clock.class).doesNotHaveBean("gatehouseClock");
			AuthContextSnapshot snapshot = sign(context, AuthContext.builder("alice").issuer("idp").build());
			assertThat(snapshot.issuedAt()).isEqualTo(NOW);
			assertThat(snapshot.expiresAt()).isEqualTo(NOW.plusSeconds(300));
			AuthContext verified = context.getBean(SnapshotVerifier.class).verify(snapshot.envelope(), INVOCATION);
			assertThat(verified.subject().id()).isEqualTo("alice");
			assertThat(verified.delegationChain()).containsExactly("orders");
		});
	}

	@Test
	void bindsServiceIdTtlSelectedClaimsAndTrustedIssuers() {
		this.runner.withUserConfiguration(PinnedClock.class)
			.withPropertyValues(this.hs256)
			.withPropertyValues("gatehouse.snapshot.service-id=billing", "gatehouse.snapshot.ttl=30s",
					"gatehouse.snapshot.selected-claims=email",
					"gatehouse.snapshot.verification.trusted-issuers=https://idp.example")
			.run((context) -> {
				AuthContextSnapshot trusted = sign(context,
						AuthContext.builder("bob")
							.issuer("https://idp.example")
							.claim("email", "bob@example.com")
							.claim("salary", 1L)
							.build());
				assertThat(trusted.expiresAt()).isEqualTo(NOW.plusSeconds(30));
				AuthContext verified = context.getBean(SnapshotVerifier.class).verify(trusted.envelope(), INVOCATION);
				assertThat(verified.delegationChain()).containsExactly("billing");
				assertThat(verified.claims()).extracting("name").containsExactly("email");
				AuthContextSnapshot untrusted = sign(context, AuthContext.builder("bob").issuer("elsewhere").build());
				assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
					.isThrownBy(() -> context.getBean(SnapshotVerifier.class).verify(untrusted.envelope(), INVOCATION));
			});
	}

	@Test
	void signsAndVerifiesEd25519FromPemKeys() {
		this.runner.withUserConfiguration(PinnedClock.class)
			.withPropertyValues("gatehouse.snapshot.signing.algorithm=Ed25519",
					"gatehouse.snapshot.signing.key-id=svc.ed",
					"gatehouse.snapshot.signing.private-key=" + pem("PRIVATE KEY", ED25519.getPrivate().getEncoded()),
					"gatehouse.snapshot.verification.keys.[svc.ed].algorithm=Ed25519",
					"gatehouse.snapshot.verification.keys.[svc.ed].public-key="
							+ pem("PUBLIC KEY", ED25519.getPublic().getEncoded()))
			.run((context) -> {
				AuthContextSnapshot snapshot = sign(context, AuthContext.builder("carol").build());
				assertThat(snapshot.signature().keyId()).isEqualTo("svc.ed");
				assertThat(snapshot.signature().algorithm()).isEqualTo("Ed25519");
				AuthContext verified = context.getBean(SnapshotVerifier.class).verify(snapshot.envelope(), INVOCATION);
				assertThat(verified.subject().id()).isEqualTo("carol");
			});
	}

	@Test
	void verifiesARotatedOutKeyUntilItIsRemovedFromConfiguration() {
		String[] oldSigner = { "gatehouse.snapshot.signing.key-id=k1",
				"gatehouse.snapshot.signing.secret=" + OLD_SECRET,
				"gatehouse.snapshot.verification.keys.k1.secret=" + OLD_SECRET };
		String[] oldEnvelope = new String[1];
		this.runner.withUserConfiguration(PinnedClock.class)
			.withPropertyValues(oldSigner)
			.run((context) -> oldEnvelope[0] = sign(context, AuthContext.builder("dave").build()).envelope());
		this.runner.withUserConfiguration(PinnedClock.class)
			.withPropertyValues(this.hs256)
			.withPropertyValues("gatehouse.snapshot.verification.keys.k1.secret=" + OLD_SECRET)
			.run((context) -> assertThat(
					context.getBean(SnapshotVerifier.class).verify(oldEnvelope[0], INVOCATION).subject().id())
				.isEqualTo("dave"));
		this.runner.withUserConfiguration(PinnedClock.class)
			.withPropertyValues(this.hs256)
			.run((context) -> assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
				.isThrownBy(() -> context.getBean(SnapshotVerifier.class).verify(oldEnvelope[0], INVOCATION)));
	}

	@Test
	void registersOnlyAVerifierWhenThisServiceDoesNotSign() {
		this.runner.withPropertyValues("gatehouse.snapshot.verification.keys.k2.secret=" + SECRET)
			.run((context) -> assertThat(context).hasSingleBean(SnapshotEnvelopeVerifier.class)
				.doesNotHaveBean(SnapshotSigner.class));
	}

	@Test
	void backsOffForApplicationSignerAndVerifier() {
		this.runner.withUserConfiguration(ApplicationSnapshotBeans.class)
			.withPropertyValues(this.hs256)
			.withPropertyValues("gatehouse.snapshot.propagation.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(SnapshotEnvelopeSigner.class)
					.doesNotHaveBean(SnapshotEnvelopeVerifier.class);
				assertThat(context).hasSingleBean(SnapshotSigner.class).hasSingleBean(SnapshotVerifier.class);
			});
	}

	@Test
	void failsWhenPropagationIsEnabledWithoutASigningKey(CapturedOutput output) {
		this.runner.withPropertyValues("gatehouse.snapshot.propagation.enabled=true")
			.run((context) -> assertFailure(context, "gatehouse.snapshot.signing.key-id", "propagation.enabled"));
	}

	@Test
	void failsOnASecretShorterThan32BytesWithoutPrintingIt(CapturedOutput output) {
		String shortSecret = Base64.getEncoder().encodeToString("only-twenty-bytes!!!".getBytes());
		this.runner
			.withPropertyValues("gatehouse.snapshot.signing.key-id=k2",
					"gatehouse.snapshot.signing.secret=" + shortSecret,
					"gatehouse.snapshot.verification.keys.k2.secret=" + SECRET)
			.run((context) -> {
				assertFailure(context, "gatehouse.snapshot.signing.secret", "fewer than the 32 bytes");
				assertThat(context.getStartupFailure().toString()).doesNotContain(shortSecret);
			});
		assertThat(output).doesNotContain(shortSecret).doesNotContain(SECRET);
	}

	@Test
	void failsOnAMissingSecret() {
		this.runner.withPropertyValues("gatehouse.snapshot.verification.keys.k2.algorithm=HS256")
			.run((context) -> assertFailure(context, "gatehouse.snapshot.verification.keys.k2.secret", "is not set"));
	}

	@Test
	void failsOnMalformedPemWithoutPrintingIt(CapturedOutput output) {
		String badPem = "-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5IGF0IGFsbA==\n-----END PUBLIC KEY-----";
		this.runner
			.withPropertyValues("gatehouse.snapshot.verification.keys.[a.b].algorithm=Ed25519",
					"gatehouse.snapshot.verification.keys.[a.b].public-key=" + badPem)
			.run((context) -> assertFailure(context, "gatehouse.snapshot.verification.keys[a.b].public-key",
					"not an X.509 Ed25519 public key"));
		String badPrivate = "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5IGF0IGFsbA==\n-----END PRIVATE KEY-----";
		this.runner
			.withPropertyValues("gatehouse.snapshot.signing.algorithm=Ed25519", "gatehouse.snapshot.signing.key-id=ed",
					"gatehouse.snapshot.signing.private-key=" + badPrivate,
					"gatehouse.snapshot.verification.keys.ed.algorithm=Ed25519",
					"gatehouse.snapshot.verification.keys.ed.public-key="
							+ pem("PUBLIC KEY", ED25519.getPublic().getEncoded()))
			.run((context) -> assertFailure(context, "gatehouse.snapshot.signing.private-key", "PKCS#8"));
		assertThat(output).doesNotContain("bm90IGEga2V5IGF0IGFsbA");
	}

	@Test
	void failsWhenTheSigningKeyIdIsNotAVerificationKey() {
		this.runner
			.withPropertyValues("gatehouse.snapshot.signing.key-id=k3", "gatehouse.snapshot.signing.secret=" + SECRET,
					"gatehouse.snapshot.verification.keys.k2.secret=" + SECRET)
			.run((context) -> assertFailure(context, "gatehouse.snapshot.signing.key-id", "names no key"));
	}

	@Test
	void failsWhenTheSigningAlgorithmDiffersFromItsVerificationKey() {
		this.runner.withPropertyValues(this.hs256)
			.withPropertyValues("gatehouse.snapshot.verification.keys.k2.algorithm=Ed25519")
			.run((context) -> assertFailure(context, "gatehouse.snapshot.verification.keys.k2.algorithm", "differs"));
	}

	@Test
	void failsOnAnUnknownAlgorithm() {
		this.runner.withPropertyValues(this.hs256)
			.withPropertyValues("gatehouse.snapshot.signing.algorithm=none")
			.run((context) -> assertFailure(context, "gatehouse.snapshot.signing.algorithm", "unknown algorithm"));
		this.runner
			.withPropertyValues("gatehouse.snapshot.verification.keys.k2.algorithm=RS256",
					"gatehouse.snapshot.verification.keys.k2.secret=" + SECRET)
			.run((context) -> assertFailure(context, "gatehouse.snapshot.verification.keys.k2.algorithm",
					"unknown algorithm"));
	}

	@Test
	void failsWithoutAServiceId() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(GatehouseSnapshotAutoConfiguration.class))
			.withPropertyValues(this.hs256)
			.run((context) -> assertFailure(context, "gatehouse.snapshot.service-id", "spring.application.name"));
	}

	@Test
	void failsOnTimesAndSizesItCannotWorkWith() {
		this.runner.withPropertyValues(this.hs256)
			.withPropertyValues("gatehouse.snapshot.ttl=2h")
			.run((context) -> assertFailure(context, "gatehouse.snapshot.ttl", "max-ttl"));
		this.runner.withPropertyValues(this.hs256)
			.withPropertyValues("gatehouse.snapshot.ttl=0s")
			.run((context) -> assertFailure(context, "gatehouse.snapshot.ttl", "not positive"));
		this.runner.withPropertyValues(this.hs256)
			.withPropertyValues("gatehouse.snapshot.max-envelope-length=0")
			.run((context) -> assertFailure(context, "gatehouse.snapshot.max-envelope-length", "not positive"));
		this.runner.withPropertyValues(this.hs256)
			.withPropertyValues("gatehouse.snapshot.clock-skew=-1s")
			.run((context) -> assertFailure(context, "gatehouse.snapshot.clock-skew", "negative"));
		this.runner.withPropertyValues(this.hs256)
			.withPropertyValues("gatehouse.snapshot.verification.cache-size=-1")
			.run((context) -> assertFailure(context, "gatehouse.snapshot.verification.cache-size", "negative"));
	}

	@Test
	void masksSecretsInThePropertiesToString() {
		this.runner.withPropertyValues(this.hs256).run((context) -> {
			GatehouseSnapshotProperties snapshot = context.getBean(GatehouseSnapshotProperties.class);
			assertThat(snapshot.getSigning().toString()).contains("k2").contains("******").doesNotContain(SECRET);
			assertThat(snapshot.getVerification().getKeys().get("k2").toString()).doesNotContain(SECRET);
			assertThat(context.getBean(SnapshotSigner.class).toString()).doesNotContain(SECRET);
			assertThat(context.getBean(SnapshotVerifier.class).toString()).doesNotContain(SECRET);
		});
	}

	@Test
	void needsNoActuatorOnTheClasspath() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.withPropertyValues(this.hs256)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(SnapshotSigner.class));
	}

	private static void assertFailure(AssertableApplicationContext context, String property, String problem) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		while (failure != null && !(failure instanceof AuthStartupCapabilityValidationException)) {
			failure = failure.getCause();
		}
		assertThat(failure).as("a startup validation failure in %s", context.getStartupFailure())
			.isInstanceOf(AuthStartupCapabilityValidationException.class);
		List<AuthStartupCapabilityDiagnostic> diagnostics = ((AuthStartupCapabilityValidationException) failure)
			.diagnostics();
		assertThat(diagnostics).anySatisfy((diagnostic) -> {
			assertThat(diagnostic.kind()).isEqualTo(AuthStartupCapabilityDiagnostic.Kind.INVALID_CONFIGURATION);
			assertThat(diagnostic.boundary()).isEqualTo(property);
			assertThat(diagnostic.problem()).contains(problem).contains(". Fix: ");
		});
		assertThat(failure.getMessage()).doesNotContain(SECRET).doesNotContain(OLD_SECRET);
	}

	/**
	 * Signs for this service itself: its own audience, the service id.
	 */
	private static AuthContextSnapshot sign(AssertableApplicationContext context, AuthContext caller) {
		String serviceId = context.getEnvironment()
			.getProperty("gatehouse.snapshot.service-id",
					context.getEnvironment().getProperty("spring.application.name"));
		return context.getBean(SnapshotSigner.class).sign(new SnapshotSignRequest(caller, null, serviceId));
	}

	private static String pem(String label, byte[] der) {
		return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + label
				+ "-----\n";
	}

	private static KeyPair ed25519() {
		try {
			return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class PinnedClock {

		@Bean
		Clock applicationClock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ApplicationSnapshotBeans {

		@Bean
		SnapshotSigner applicationSigner() {
			return (request) -> {
				throw new UnsupportedOperationException("not called");
			};
		}

		@Bean
		SnapshotVerifier applicationVerifier() {
			return (envelope, invocation) -> AuthContext.builder("app").build();
		}

	}

}
