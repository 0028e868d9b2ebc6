package dev.gatehouse.auth.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import dev.gatehouse.auth.propagation.SnapshotCredentialAuthenticator;
import dev.gatehouse.auth.propagation.SnapshotPropagationInterceptor;
import dev.gatehouse.auth.propagation.SnapshotPropagationTarget;
import dev.gatehouse.auth.snapshot.SnapshotAlgorithm;
import dev.gatehouse.auth.snapshot.SnapshotEnvelopeSigner;
import dev.gatehouse.auth.snapshot.SnapshotEnvelopeVerifier;
import dev.gatehouse.auth.snapshot.SnapshotKeyMaterial;
import dev.gatehouse.auth.snapshot.SnapshotSigningKey;
import dev.gatehouse.auth.snapshot.SnapshotVerificationKey;
import dev.gatehouse.auth.snapshot.SnapshotVerifierUnavailableException;
import dev.gatehouse.auth.spi.SnapshotSigner;
import dev.gatehouse.auth.spi.SnapshotVerifier;
import dev.gatehouse.auth.startup.ConfigurationProblems;
import dev.gatehouse.auth.startup.InvalidGatehouseConfigurationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Signed AuthContext snapshots: a {@link SnapshotSigner} when
 * {@code gatehouse.snapshot.signing.key-id} is set, a {@link SnapshotVerifier} when
 * {@code gatehouse.snapshot.verification.keys.*} are configured (both back off for
 * application beans), and the {@link Clock} both read unless the application defines one.
 * With a verifier and {@code propagation.accept-inbound} (the default), inbound snapshots
 * authenticate requests through the built-in composite authenticator; with
 * {@code propagation.enabled}, Boot's {@code RestClient} and {@code RestTemplate}
 * builders add the snapshot of the bound context to outgoing requests. Keys are only ever
 * read from configuration, never generated. Unusable configuration fails startup: each
 * problem is an {@link InvalidGatehouseConfigurationException} naming the property (never
 * its value), reported through {@link ConfigurationProblems} in startup validation's one
 * failure report beside every other problem.
 */
@AutoConfiguration(after = GatehouseAutoConfiguration.class,
		before = { GatehouseAuthenticationAutoConfiguration.class, GatehouseWebAutoConfiguration.class })
@ConditionalOnGatehouseEnabled
@EnableConfigurationProperties(GatehouseProperties.class)
public final class GatehouseSnapshotAutoConfiguration {

	private static final String PREFIX = "gatehouse.snapshot.";

	private static final String KEYS = PREFIX + "verification.keys";

	@Bean
	@ConditionalOnMissingBean
	Clock gatehouseClock() {
		return Clock.systemUTC();
	}

	@Bean
	@ConditionalOnMissingBean
	static ConfigurationProblems gatehouseConfigurationProblems(ListableBeanFactory beanFactory) {
		return new ConfigurationProblems(beanFactory);
	}

	@Bean
	@ConditionalOnMissingBean(SnapshotSigner.class)
	@ConditionalOnProperty(PREFIX + "signing.key-id")
	SnapshotSigner snapshotEnvelopeSigner(GatehouseProperties properties, Environment environment, Clock gatehouseClock,
			ConfigurationProblems problems) {
		try {
			return signer(properties, environment, gatehouseClock);
		}
		catch (InvalidGatehouseConfigurationException ex) {
			// Reported with every other startup problem in one failure report; startup
			// fails before any call.
			problems.add(ex);
			return (request) -> {
				throw new IllegalStateException("Snapshot signing is misconfigured (" + ex.property() + ")");
			};
		}
	}

	private static SnapshotEnvelopeSigner signer(GatehouseProperties properties, Environment environment,
			Clock gatehouseClock) {
		GatehouseProperties.Snapshot snapshot = properties.getSnapshot();
		GatehouseProperties.Snapshot.Signing signing = snapshot.getSigning();
		String keyId = requireText(signing.getKeyId(), PREFIX + "signing.key-id");
		SnapshotAlgorithm algorithm = algorithm(signing.getAlgorithm(), PREFIX + "signing.algorithm");
		GatehouseProperties.Snapshot.VerificationKey ownKey = snapshot.getVerification().getKeys().get(keyId);
		if (ownKey == null) {
			throw new InvalidGatehouseConfigurationException(PREFIX + "signing.key-id",
					"names no key under " + KEYS + ", so this service could not verify its own snapshots",
					"Add " + keyProperty(keyId, "algorithm") + " and its secret or public key, or correct the key id.");
		}
		if (algorithm(ownKey.getAlgorithm(), keyProperty(keyId, "algorithm")) != algorithm) {
			throw new InvalidGatehouseConfigurationException(keyProperty(keyId, "algorithm"),
					"differs from " + PREFIX + "signing.algorithm for the same key id",
					"Use one algorithm for the key id, or sign with a new key id.");
		}
		SnapshotSigningKey key = (algorithm == SnapshotAlgorithm.HS256)
				? SnapshotSigningKey.hs256(keyId, secret(signing.getSecret(), PREFIX + "signing.secret"))
				: SnapshotSigningKey.ed25519(keyId, privateKey(signing.getPrivateKey()));
		String serviceId = serviceId(snapshot, environment);
		if (serviceId == null) {
			throw new InvalidGatehouseConfigurationException(PREFIX + "service-id",
					"is not set and neither is spring.application.name",
					"Set " + PREFIX + "service-id (or spring.application.name) to this service's id; it is "
							+ "appended to the delegation chain of every snapshot it signs.");
		}
		Duration ttl = positive(snapshot.getTtl(), PREFIX + "ttl");
		if (ttl.compareTo(snapshot.getMaxTtl()) > 0) {
			throw new InvalidGatehouseConfigurationException(PREFIX + "ttl",
					"is longer than " + PREFIX + "max-ttl, so verifiers would reject every snapshot it signs",
					"Shorten " + PREFIX + "ttl or raise " + PREFIX + "max-ttl.");
		}
		return new SnapshotEnvelopeSigner(key, serviceId, ttl, snapshot.getSelectedClaims(), gatehouseClock);
	}

	private static @Nullable String serviceId(GatehouseProperties.Snapshot snapshot, Environment environment) {
		String serviceId = (snapshot.getServiceId() != null) ? snapshot.getServiceId()
				: environment.getProperty("spring.application.name");
		return (serviceId == null || serviceId.isBlank()) ? null : serviceId;
	}

	@Bean
	@ConditionalOnMissingBean(SnapshotVerifier.class)
	@Conditional(OnVerificationKeys.class)
	SnapshotVerifier snapshotEnvelopeVerifier(GatehouseProperties properties, Environment environment,
			Clock gatehouseClock, ConfigurationProblems problems) {
		try {
			return verifier(properties, environment, gatehouseClock);
		}
		catch (InvalidGatehouseConfigurationException ex) {
			problems.add(ex);
			return (envelope, invocation) -> {
				throw new SnapshotVerifierUnavailableException(
						"Snapshot verification is misconfigured (" + ex.property() + ")", null);
			};
		}
	}

	private static SnapshotEnvelopeVerifier verifier(GatehouseProperties properties, Environment environment,
			Clock gatehouseClock) {
		GatehouseProperties.Snapshot snapshot = properties.getSnapshot();
		GatehouseProperties.Snapshot.Verification verification = snapshot.getVerification();
		List<SnapshotVerificationKey> keys = new ArrayList<>();
		for (Map.Entry<String, GatehouseProperties.Snapshot.VerificationKey> entry : snapshot.getVerification()
			.getKeys()
			.entrySet()) {
			keys.add(verificationKey(entry.getKey(), entry.getValue()));
		}
		if (snapshot.getMaxEnvelopeLength() < 1) {
			throw new InvalidGatehouseConfigurationException(PREFIX + "max-envelope-length", "is not positive",
					"Set it to the longest envelope to accept, for example 8192.");
		}
		if (snapshot.getVerification().getCacheSize() < 0) {
			throw new InvalidGatehouseConfigurationException(PREFIX + "verification.cache-size", "is negative",
					"Set it to 0 to disable the cache, or to the number of envelopes to remember.");
		}
		List<String> audiences = verification.getAudiences();
		for (int i = 0; i < audiences.size(); i++) {
			requireText(audiences.get(i), PREFIX + "verification.audiences[" + i + "]");
		}
		if (audiences.isEmpty()) {
			// Default: this service's own id. Without one, HTTP snapshots naming an
			// audience are refused (messages are checked against their destination).
			String serviceId = serviceId(snapshot, environment);
			audiences = (serviceId != null) ? List.of(serviceId) : List.of();
		}
		return SnapshotEnvelopeVerifier.builder(keys)
			.audiences(audiences)
			.requireAudience(verification.isRequireAudience())
			.clock(gatehouseClock)
			.clockSkew(nonNegative(snapshot.getClockSkew(), PREFIX + "clock-skew"))
			.maxTtl(positive(snapshot.getMaxTtl(), PREFIX + "max-ttl"))
			.maxEnvelopeLength(snapshot.getMaxEnvelopeLength())
			.trustedIssuers(snapshot.getVerification().getTrustedIssuers())
			.cacheSize(snapshot.getVerification().getCacheSize())
			.build();
	}

	/**
	 * Verifies inbound snapshots as one more credential handler of the built-in composite
	 * authenticator, so a service that only other services call has exactly one
	 * authentication provider.
	 */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(SnapshotVerifier.class)
	@ConditionalOnBooleanProperty(name = PREFIX + "propagation.accept-inbound", matchIfMissing = true)
	SnapshotCredentialAuthenticator snapshotCredentialAuthenticator(ObjectProvider<SnapshotVerifier> verifiers) {
		SnapshotVerifier verifier = verifiers.getIfUnique();
		// Gatehouse's own verifier decides from the envelope alone, so the boundary need
		// not describe the call.
		boolean readsInvocation = !(verifier instanceof SnapshotEnvelopeVerifier);
		return new SnapshotCredentialAuthenticator(verifiers::getIfUnique, readsInvocation);
	}

	@Bean
	static SnapshotPropagationConfigurationCheck snapshotPropagationConfigurationCheck(GatehouseProperties properties,
			ListableBeanFactory beanFactory, ConfigurationProblems problems, Environment environment) {
		return new SnapshotPropagationConfigurationCheck(properties, beanFactory, problems, environment);
	}

	/**
	 * Outbound HTTP propagation: every {@code RestClient} and {@code RestTemplate} built
	 * from Boot's builders carries the snapshot of the bound context to the configured
	 * targets, and to no other URL.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.boot.restclient.RestClientCustomizer",
			"org.springframework.web.client.RestClient" })
	@ConditionalOnBooleanProperty(PREFIX + "propagation.enabled")
	static class HttpPropagationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SnapshotPropagationInterceptor gatehouseSnapshotPropagationInterceptor(ObjectProvider<SnapshotSigner> signers,
				GatehouseProperties properties, ConfigurationProblems problems) {
			return new SnapshotPropagationInterceptor(signers::getObject,
					properties.getSnapshot().getPropagation().getHeader(), targets(properties, problems));
		}

		@Bean
		RestClientCustomizer gatehouseSnapshotRestClientCustomizer(SnapshotPropagationInterceptor interceptor) {
			return (builder) -> builder.requestInterceptor(interceptor);
		}

		@Bean
		RestTemplateCustomizer gatehouseSnapshotRestTemplateCustomizer(SnapshotPropagationInterceptor interceptor) {
			return (restTemplate) -> restTemplate.getInterceptors().add(interceptor);
		}

	}

	/**
	 * Parses the propagation targets once, at startup; each unusable one is reported
	 * naming its property and left out, so startup fails in the one report.
	 */
	static List<SnapshotPropagationTarget> targets(GatehouseProperties properties, ConfigurationProblems problems) {
		List<GatehouseProperties.Snapshot.Propagation.Target> configured = properties.getSnapshot()
			.getPropagation()
			.getTargets();
		List<SnapshotPropagationTarget> targets = new ArrayList<>(configured.size());
		for (int i = 0; i < configured.size(); i++) {
			GatehouseProperties.Snapshot.Propagation.Target target = configured.get(i);
			String property = PREFIX + "propagation.targets[" + i + "]";
			try {
				String url = requireText(target.getUrl(), property + ".url", "Set it to the base URL of the "
						+ "service that should receive the snapshot, for example https://billing.internal:8443/api.");
				String audience = requireText(target.getAudience(), property + ".audience",
						"Set it to the id of the target service (its gatehouse.snapshot.service-id); the snapshot "
								+ "is signed for that audience only.");
				try {
					targets.add(SnapshotPropagationTarget.of(url, audience));
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidGatehouseConfigurationException(property + ".url", problem(ex),
							"Set it to an absolute http(s) base URL with a host, for example "
									+ "https://billing.internal:8443/api.");
				}
			}
			catch (InvalidGatehouseConfigurationException ex) {
				problems.add(ex);
			}
		}
		return List.copyOf(targets);
	}

	private static SnapshotVerificationKey verificationKey(String keyId,
			GatehouseProperties.Snapshot.VerificationKey key) {
		SnapshotVerificationKey verificationKey = verificationKeyMaterial(keyId, key);
		Instant notAfter = key.getNotAfter();
		verificationKey = (notAfter != null) ? verificationKey.withNotAfter(notAfter) : verificationKey;
		List<String> serviceIds = key.getServiceIds();
		for (int i = 0; i < serviceIds.size(); i++) {
			requireText(serviceIds.get(i), keyProperty(keyId, "service-ids") + "[" + i + "]");
		}
		return serviceIds.isEmpty() ? verificationKey : verificationKey.withServiceIds(serviceIds);
	}

	private static SnapshotVerificationKey verificationKeyMaterial(String keyId,
			GatehouseProperties.Snapshot.VerificationKey key) {
		SnapshotAlgorithm algorithm = algorithm(key.getAlgorithm(), keyProperty(keyId, "algorithm"));
		if (algorithm == SnapshotAlgorithm.HS256) {
			return SnapshotVerificationKey.hs256(keyId, secret(key.getSecret(), keyProperty(keyId, "secret")));
		}
		String property = keyProperty(keyId, "public-key");
		String pem = requireText(key.getPublicKey(), property);
		try {
			return SnapshotVerificationKey.ed25519(keyId, SnapshotKeyMaterial.parseEd25519PublicKey(pem));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidGatehouseConfigurationException(property, problem(ex),
					"Set it to the X.509 PEM (-----BEGIN PUBLIC KEY-----) of the signer's Ed25519 key.");
		}
	}

	private static java.security.PrivateKey privateKey(@Nullable String pem) {
		String property = PREFIX + "signing.private-key";
		String text = requireText(pem, property);
		try {
			return SnapshotKeyMaterial.parseEd25519PrivateKey(text);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidGatehouseConfigurationException(property, problem(ex),
					"Set it to a PKCS#8 PEM (-----BEGIN PRIVATE KEY-----) Ed25519 key, e.g. from "
							+ "'openssl genpkey -algorithm ed25519'.");
		}
	}

	private static String problem(IllegalArgumentException ex) {
		// SnapshotKeyMaterial's messages describe the key's shape, never its content.
		return Objects.requireNonNullElse(ex.getMessage(), "is not a usable key");
	}

	private static byte[] secret(@Nullable String secret, String property) {
		String text = requireText(secret, property);
		try {
			return SnapshotKeyMaterial.decodeSecret(text);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidGatehouseConfigurationException(property, problem(ex),
					"Set it to base64 of at least 32 random bytes, e.g. from 'openssl rand -base64 32'.");
		}
	}

	private static SnapshotAlgorithm algorithm(@Nullable String name, String property) {
		SnapshotAlgorithm algorithm = SnapshotAlgorithm.fromWireName(name);
		if (algorithm == null) {
			throw new InvalidGatehouseConfigurationException(property, "names an unknown algorithm",
					"Use HS256 or Ed25519.");
		}
		return algorithm;
	}

	private static String requireText(@Nullable String value, String property) {
		return requireText(value, property, "Set it; Gatehouse never generates snapshot keys.");
	}

	private static String requireText(@Nullable String value, String property, String action) {
		if (value == null || value.isBlank()) {
			throw new InvalidGatehouseConfigurationException(property, "is not set", action);
		}
		return value;
	}

	private static Duration positive(Duration duration, String property) {
		if (duration.isNegative() || duration.isZero()) {
			throw new InvalidGatehouseConfigurationException(property, "is not positive", "Set a positive duration.");
		}
		return duration;
	}

	private static Duration nonNegative(Duration duration, String property) {
		if (duration.isNegative()) {
			throw new InvalidGatehouseConfigurationException(property, "is negative", "Set a duration of 0 or more.");
		}
		return duration;
	}

	/**
	 * The property of a verification key, with the key id in brackets when it contains
	 * {@code .} or {@code :}, as it must be written.
	 */
	static String keyProperty(String keyId, String field) {
		boolean bracketed = keyId.indexOf('.') >= 0 || keyId.indexOf(':') >= 0;
		return KEYS + (bracketed ? "[" + keyId + "]" : "." + keyId) + "." + field;
	}

	/**
	 * Fails startup when propagation is enabled but nothing can sign: no signing key
	 * configured and no application {@link SnapshotSigner}; and says once, as a WARN,
	 * that HTTP propagation is off when it is enabled without any target or outbound
	 * registration of type {@code snapshot}. Runs after all bean definitions are known,
	 * before any call, and reports through {@link ConfigurationProblems}.
	 */
	static final class SnapshotPropagationConfigurationCheck implements InitializingBean {

		private static final Log logger = LogFactory.getLog(SnapshotPropagationConfigurationCheck.class);

		private final GatehouseProperties properties;

		private final ListableBeanFactory beanFactory;

		private final ConfigurationProblems problems;

		private final Environment environment;

		SnapshotPropagationConfigurationCheck(GatehouseProperties properties, ListableBeanFactory beanFactory,
				ConfigurationProblems problems, Environment environment) {
			this.properties = properties;
			this.beanFactory = beanFactory;
			this.problems = problems;
			this.environment = environment;
		}

		/**
		 * Whether an outbound registration sends snapshots; read from the environment so
		 * this check does not depend on the outbound configuration's beans.
		 */
		private boolean anySnapshotRegistration() {
			return Binder.get(this.environment)
				.bind("gatehouse.outbound.registrations", Bindable.mapOf(String.class, RegistrationType.class))
				.map((registrations) -> registrations.values()
					.stream()
					.anyMatch((registration) -> registration.getType() != null
							&& "snapshot".equals(registration.getType().trim().toLowerCase(Locale.ROOT))))
				.orElse(false);
		}

		@Override
		public void afterPropertiesSet() {
			GatehouseProperties.Snapshot snapshot = this.properties.getSnapshot();
			if (snapshot.getPropagation().isEnabled() && snapshot.getSigning().getKeyId() == null
					&& this.beanFactory.getBeanNamesForType(SnapshotSigner.class, true, false).length == 0) {
				this.problems.add(new InvalidGatehouseConfigurationException(PREFIX + "signing.key-id",
						"is not set, but " + PREFIX + "propagation.enabled is true and no SnapshotSigner bean exists",
						"Configure " + PREFIX + "signing.{key-id,algorithm,secret|private-key} (a key is never "
								+ "generated), or set " + PREFIX + "propagation.enabled=false."));
			}
			if (snapshot.getPropagation().isEnabled() && snapshot.getPropagation().getTargets().isEmpty()
					&& !anySnapshotRegistration()) {
				logger.warn(PREFIX + "propagation.enabled is true, but no " + PREFIX + "propagation.targets and no "
						+ "outbound registration of type snapshot are configured: HTTP propagation is off, so no "
						+ "outgoing HTTP request carries the snapshot (messages still do). Add a target (url and "
						+ "audience) for each service that should receive it.");
			}
		}

	}

	/**
	 * The one field of an outbound registration this configuration reads.
	 */
	static final class RegistrationType {

		private @Nullable String type;

		/**
		 * Returns the registration's type.
		 * @return the type, or {@code null} when unset
		 */
		public @Nullable String getType() {
			return this.type;
		}

		/**
		 * Sets the registration's type.
		 * @param type the type
		 */
		public void setType(@Nullable String type) {
			this.type = type;
		}

	}

	/**
	 * Matches when at least one verification key is configured.
	 */
	static final class OnVerificationKeys extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			boolean configured = Binder.get(context.getEnvironment())
				.bind(KEYS, Bindable.mapOf(String.class, GatehouseProperties.Snapshot.VerificationKey.class))
				.map((keys) -> !keys.isEmpty())
				.orElse(false);
			return configured ? ConditionOutcome.match("snapshot verification keys are configured")
					: ConditionOutcome.noMatch("no " + KEYS + " configured");
		}

	}

}
