package dev.gatehouse.auth.autoconfigure.snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of signed AuthContext snapshots that carry the caller's
 * context to other services, under {@code gatehouse.snapshot.*}.
 */
@ConfigurationProperties("gatehouse.snapshot")
public class GatehouseSnapshotProperties {

	/**
	 * Id of this service, appended to the delegation chain of every snapshot it signs.
	 * Defaults to spring.application.name.
	 */
	private @Nullable String serviceId;

	/**
	 * How long a signed snapshot stays valid.
	 */
	private Duration ttl = Duration.ofMinutes(5);

	/**
	 * Longest lifetime (expires-at minus issued-at) accepted from another service.
	 */
	private Duration maxTtl = Duration.ofHours(1);

	/**
	 * Tolerated difference between the signer's and the verifier's clocks.
	 */
	private Duration clockSkew = Duration.ofSeconds(60);

	/**
	 * Longest envelope accepted, in characters; longer ones are rejected before any
	 * decoding.
	 */
	private int maxEnvelopeLength = 8192;

	/**
	 * Names of the context claims carried in signed snapshots. All claims when not set.
	 */
	private @Nullable List<String> selectedClaims;

	/**
	 * Key this service signs snapshots with.
	 */
	private final Signing signing = new Signing();

	/**
	 * Keys and issuers this service accepts snapshots from.
	 */
	private final Verification verification = new Verification();

	/**
	 * Propagation of snapshots on outgoing and incoming calls.
	 */
	private final Propagation propagation = new Propagation();

	public @Nullable String getServiceId() {
		return this.serviceId;
	}

	public void setServiceId(@Nullable String serviceId) {
		this.serviceId = serviceId;
	}

	public Duration getTtl() {
		return this.ttl;
	}

	public void setTtl(Duration ttl) {
		this.ttl = ttl;
	}

	public Duration getMaxTtl() {
		return this.maxTtl;
	}

	public void setMaxTtl(Duration maxTtl) {
		this.maxTtl = maxTtl;
	}

	public Duration getClockSkew() {
		return this.clockSkew;
	}

	public void setClockSkew(Duration clockSkew) {
		this.clockSkew = clockSkew;
	}

	public int getMaxEnvelopeLength() {
		return this.maxEnvelopeLength;
	}

	public void setMaxEnvelopeLength(int maxEnvelopeLength) {
		this.maxEnvelopeLength = maxEnvelopeLength;
	}

	public @Nullable List<String> getSelectedClaims() {
		return this.selectedClaims;
	}

	public void setSelectedClaims(@Nullable List<String> selectedClaims) {
		this.selectedClaims = selectedClaims;
	}

	public Signing getSigning() {
		return this.signing;
	}

	public Verification getVerification() {
		return this.verification;
	}

	public Propagation getPropagation() {
		return this.propagation;
	}

	/**
	 * Key this service signs snapshots with.
	 */
	public static class Signing {

		/**
		 * Signature algorithm: HS256 or Ed25519.
		 */
		private String algorithm = "HS256";

		/**
		 * Id of the signing key, written into every snapshot; must also name a
		 * verification key.
		 */
		private @Nullable String keyId;

		/**
		 * HS256 shared secret, base64 or base64url, at least 32 decoded bytes.
		 */
		private @Nullable String secret;

		/**
		 * Ed25519 private key, PKCS#8 PEM.
		 */
		private @Nullable String privateKey;

		public String getAlgorithm() {
			return this.algorithm;
		}

		public void setAlgorithm(String algorithm) {
			this.algorithm = algorithm;
		}

		public @Nullable String getKeyId() {
			return this.keyId;
		}

		public void setKeyId(@Nullable String keyId) {
			this.keyId = keyId;
		}

		public @Nullable String getSecret() {
			return this.secret;
		}

		public void setSecret(@Nullable String secret) {
			this.secret = secret;
		}

		public @Nullable String getPrivateKey() {
			return this.privateKey;
		}

		public void setPrivateKey(@Nullable String privateKey) {
			this.privateKey = privateKey;
		}

		@Override
		public String toString() {
			return "Signing[algorithm=" + this.algorithm + ", keyId=" + this.keyId + ", secret=" + mask(this.secret)
					+ ", privateKey=" + mask(this.privateKey) + "]";
		}

	}

	/**
	 * Keys and issuers this service accepts snapshots from.
	 */
	public static class Verification {

		/**
		 * Verification keys by key id. Keep a rotated-out key here until its snapshots
		 * have expired.
		 */
		private Map<String, VerificationKey> keys = new LinkedHashMap<>();

		/**
		 * Issuers accepted in snapshots. Any issuer when empty.
		 */
		private List<String> trustedIssuers = new ArrayList<>();

		/**
		 * How many Ed25519-verified envelopes are remembered until they expire; 0
		 * disables the cache.
		 */
		private int cacheSize = 1000;

		/**
		 * Audiences this service accepts on HTTP: the "aud" of an inbound snapshot must
		 * be one of them. Defaults to this service's service-id.
		 */
		private List<String> audiences = new ArrayList<>();

		/**
		 * Whether a snapshot without "aud" is refused. Turn off only for peers that
		 * cannot send one yet; a present but wrong "aud" is refused either way.
		 */
		private boolean requireAudience = true;

		public List<String> getAudiences() {
			return this.audiences;
		}

		public void setAudiences(List<String> audiences) {
			this.audiences = audiences;
		}

		public boolean isRequireAudience() {
			return this.requireAudience;
		}

		public void setRequireAudience(boolean requireAudience) {
			this.requireAudience = requireAudience;
		}

		public Map<String, VerificationKey> getKeys() {
			return this.keys;
		}

		public void setKeys(Map<String, VerificationKey> keys) {
			this.keys = keys;
		}

		public List<String> getTrustedIssuers() {
			return this.trustedIssuers;
		}

		public void setTrustedIssuers(List<String> trustedIssuers) {
			this.trustedIssuers = trustedIssuers;
		}

		public int getCacheSize() {
			return this.cacheSize;
		}

		public void setCacheSize(int cacheSize) {
			this.cacheSize = cacheSize;
		}

	}

	/**
	 * One key snapshots may be verified with.
	 */
	public static class VerificationKey {

		/**
		 * The only algorithm accepted with this key: HS256 or Ed25519.
		 */
		private String algorithm = "HS256";

		/**
		 * HS256 shared secret, base64 or base64url, at least 32 decoded bytes.
		 */
		private @Nullable String secret;

		/**
		 * Ed25519 public key, X.509 PEM.
		 */
		private @Nullable String publicKey;

		/**
		 * Instant (ISO-8601) after which envelopes naming this key are refused, to retire
		 * a rotated-out key on schedule; unset for no limit.
		 */
		private @Nullable Instant notAfter;

		/**
		 * Services allowed to sign with this key: the last entry of a snapshot's
		 * delegation chain must be one of them. Any signer when empty.
		 */
		private List<String> serviceIds = new ArrayList<>();

		public List<String> getServiceIds() {
			return this.serviceIds;
		}

		public void setServiceIds(List<String> serviceIds) {
			this.serviceIds = serviceIds;
		}

		public String getAlgorithm() {
			return this.algorithm;
		}

		public void setAlgorithm(String algorithm) {
			this.algorithm = algorithm;
		}

		public @Nullable String getSecret() {
			return this.secret;
		}

		public void setSecret(@Nullable String secret) {
			this.secret = secret;
		}

		public @Nullable String getPublicKey() {
			return this.publicKey;
		}

		public void setPublicKey(@Nullable String publicKey) {
			this.publicKey = publicKey;
		}

		public @Nullable Instant getNotAfter() {
			return this.notAfter;
		}

		public void setNotAfter(@Nullable Instant notAfter) {
			this.notAfter = notAfter;
		}

		@Override
		public String toString() {
			return "VerificationKey[algorithm=" + this.algorithm + ", secret=" + mask(this.secret) + ", publicKey="
					+ ((this.publicKey != null) ? "(set)" : null) + ", notAfter=" + this.notAfter + ", serviceIds="
					+ this.serviceIds + "]";
		}

	}

	private static @Nullable String mask(@Nullable String secret) {
		return (secret != null) ? "******" : null;
	}

	/**
	 * Propagation of snapshots on outgoing and incoming calls.
	 */
	public static class Propagation {

		/**
		 * Whether to propagate signed AuthContext snapshots; requires one SnapshotSigner
		 * and one SnapshotVerifier.
		 */
		private boolean enabled;

		/**
		 * HTTP header that carries the snapshot.
		 */
		private String header = "X-Auth-Context-Snapshot";

		/**
		 * Message header that carries the snapshot.
		 */
		private String messageHeader = "gatehouse.auth.context_snapshot";

		/**
		 * Whether a snapshot on an incoming request is verified and used as the caller's
		 * context.
		 */
		private boolean acceptInbound = true;

		/**
		 * Whether incoming messages without a snapshot are rejected.
		 */
		private boolean requireInboundMessages;

		/**
		 * Services outgoing HTTP requests carry the snapshot to; a request to any other
		 * URL carries none. Without targets (and no outbound registration of type
		 * snapshot) HTTP propagation is off.
		 */
		private List<Target> targets = new ArrayList<>();

		public List<Target> getTargets() {
			return this.targets;
		}

		public void setTargets(List<Target> targets) {
			this.targets = targets;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getHeader() {
			return this.header;
		}

		public void setHeader(String header) {
			this.header = header;
		}

		public String getMessageHeader() {
			return this.messageHeader;
		}

		public void setMessageHeader(String messageHeader) {
			this.messageHeader = messageHeader;
		}

		public boolean isAcceptInbound() {
			return this.acceptInbound;
		}

		public void setAcceptInbound(boolean acceptInbound) {
			this.acceptInbound = acceptInbound;
		}

		public boolean isRequireInboundMessages() {
			return this.requireInboundMessages;
		}

		public void setRequireInboundMessages(boolean requireInboundMessages) {
			this.requireInboundMessages = requireInboundMessages;
		}

		/**
		 * One service that may receive the snapshot over HTTP.
		 */
		public static class Target {

			/**
			 * Base URL of the service: same scheme, host and port, and a request path at
			 * or below this path.
			 */
			private @Nullable String url;

			/**
			 * The service's id, written into the snapshot as "aud"; the service accepts
			 * it as one of its verification audiences.
			 */
			private @Nullable String audience;

			public @Nullable String getUrl() {
				return this.url;
			}

			public void setUrl(@Nullable String url) {
				this.url = url;
			}

			public @Nullable String getAudience() {
				return this.audience;
			}

			public void setAudience(@Nullable String audience) {
				this.audience = audience;
			}

		}

	}

}
