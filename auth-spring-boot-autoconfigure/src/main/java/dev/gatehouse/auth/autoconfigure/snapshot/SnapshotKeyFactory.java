package dev.gatehouse.auth.autoconfigure.snapshot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.gatehouse.auth.propagation.SnapshotPropagationTarget;
import dev.gatehouse.auth.snapshot.SnapshotAlgorithm;
import dev.gatehouse.auth.snapshot.SnapshotEnvelopeSigner;
import dev.gatehouse.auth.snapshot.SnapshotEnvelopeVerifier;
import dev.gatehouse.auth.snapshot.SnapshotKeyMaterial;
import dev.gatehouse.auth.snapshot.SnapshotSigningKey;
import dev.gatehouse.auth.snapshot.SnapshotVerificationKey;
import dev.gatehouse.auth.startup.ConfigurationProblems;
import dev.gatehouse.auth.startup.InvalidGatehouseConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;

/**
 * Builds the snapshot signer, verifier and propagation targets from
 * {@code gatehouse.snapshot.*}: parses the key ids, algorithms, secrets, PEM keys,
 * durations and TTLs. Each unusable value is an
 * {@link InvalidGatehouseConfigurationException} naming the property, never its value,
 * for the one failure report.
 */
final class SnapshotKeyFactory {

	static final String PREFIX = "gatehouse.snapshot.";

	static final String KEYS = PREFIX + "verification.keys";

	private SnapshotKeyFactory() {
	}

	static SnapshotEnvelopeSigner signer(GatehouseSnapshotProperties snapshot, Environment environment,
			Clock gatehouseClock) {
		GatehouseSnapshotProperties.Signing signing = snapshot.getSigning();
		String keyId = requireText(signing.getKeyId(), PREFIX + "signing.key-id");
		SnapshotAlgorithm algorithm = algorithm(signing.getAlgorithm(), PREFIX + "signing.algorithm");
		GatehouseSnapshotProperties.VerificationKey ownKey = snapshot.getVerification().getKeys().get(keyId);
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

	static @Nullable String serviceId(GatehouseSnapshotProperties snapshot, Environment environment) {
		String serviceId = (snapshot.getServiceId() != null) ? snapshot.getServiceId()
				: environment.getProperty("spring.application.name");
		return (serviceId == null || serviceId.isBlank()) ? null : serviceId;
	}

	static SnapshotEnvelopeVerifier verifier(GatehouseSnapshotProperties snapshot, Environment environment,
			Clock gatehouseClock) {
		GatehouseSnapshotProperties.Verification verification = snapshot.getVerification();
		List<SnapshotVerificationKey> keys = new ArrayList<>();
		for (Map.Entry<String, GatehouseSnapshotProperties.VerificationKey> entry : snapshot.getVerification()
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
	 * Parses the propagation targets once, at startup; each unusable one is reported
	 * naming its property and left out, so startup fails in the one report.
	 */
	static List<SnapshotPropagationTarget> targets(GatehouseSnapshotProperties snapshot,
			ConfigurationProblems problems) {
		List<GatehouseSnapshotProperties.Propagation.Target> configured = snapshot.getPropagation().getTargets();
		List<SnapshotPropagationTarget> targets = new ArrayList<>(configured.size());
		for (int i = 0; i < configured.size(); i++) {
			GatehouseSnapshotProperties.Propagation.Target target = configured.get(i);
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
			GatehouseSnapshotProperties.VerificationKey key) {
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
			GatehouseSnapshotProperties.VerificationKey key) {
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

}
