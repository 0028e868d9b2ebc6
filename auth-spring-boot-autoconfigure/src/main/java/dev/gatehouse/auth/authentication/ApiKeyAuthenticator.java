package dev.gatehouse.auth.authentication;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthSubject;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.AuthInvocation;
import dev.gatehouse.auth.spi.AuthenticationFailedException;
import dev.gatehouse.auth.startup.InvalidGatehouseConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * Verifies API keys against a fixed set of configured keys, of which only the SHA-256
 * hashes are known.
 *
 * <p>
 * A presented key is hashed once and compared with every configured hash in constant time
 * ({@link MessageDigest#isEqual(byte[], byte[])}), always visiting all of them, so
 * neither the comparison nor the position of the matching entry shows in the response
 * time. The configuration is validated when the authenticator is created: a malformed or
 * duplicate hash or a missing subject is an
 * {@link InvalidGatehouseConfigurationException} naming the entry
 * ({@code gatehouse.api-keys[i]}), never its hash, which Spring Boot's failure report
 * prints with what to do. Thread-safe.
 */
public final class ApiKeyAuthenticator implements CredentialAuthenticator {

	// A copy of one digest per call (about 400 bytes). Not one digest per thread: a
	// servlet container hands requests to its (up to 200) worker threads in turn, so a
	// per-thread digest was cold in the CPU caches on nearly every request and cost about
	// 1.5 µs more per request in a real server (docs/benchmarks.md, HTTP).
	private static final MessageDigest SHA256_PROTOTYPE = newSha256();

	/** The issuer of every context this authenticator creates. */
	public static final String ISSUER = "gatehouse:api-key";

	/** Longest key accepted; anything longer is rejected before it is hashed. */
	static final int MAX_KEY_LENGTH = 1024;

	private static final int SHA256_HEX_LENGTH = 64;

	private static final AuthorizationDecision INVALID_KEY = AuthorizationDecision
		.challenge(AuthorizationReasonCode.INVALID_CREDENTIAL, "The API key is not valid.");

	private static final String HOW_TO_HASH = "Set it to the SHA-256 hex digest of the key, for example "
			+ "printf %s \"$KEY\" | sha256sum";

	private final byte[][] hashes;

	private final AuthContext[] contexts;

	/**
	 * Creates the authenticator from the configured keys.
	 * @param keys the accepted keys, in configuration order (the index names an entry in
	 * error messages)
	 * @throws InvalidGatehouseConfigurationException when an entry has no subject, a hash
	 * that is not 64 hexadecimal characters, or the same hash as an earlier entry
	 */
	public ApiKeyAuthenticator(List<ApiKey> keys) {
		Objects.requireNonNull(keys, "keys must not be null");
		this.hashes = new byte[keys.size()][];
		this.contexts = new AuthContext[keys.size()];
		for (int i = 0; i < keys.size(); i++) {
			ApiKey key = Objects.requireNonNull(keys.get(i), () -> "API key entry must not be null");
			byte[] hash = parseHash(key.sha256(), i);
			for (int j = 0; j < i; j++) {
				if (MessageDigest.isEqual(this.hashes[j], hash)) {
					throw new InvalidGatehouseConfigurationException(entry(i) + ".sha256",
							"is the same hash as " + entry(j) + ".sha256",
							"Configure each API key once: remove one of the two entries.");
				}
			}
			this.hashes[i] = hash;
			this.contexts[i] = toContext(key, i);
		}
	}

	@Override
	public CredentialCarrierKind kind() {
		return CredentialCarrierKind.API_KEY;
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
	 * Looks the presented key up among the configured ones.
	 * @param credential an API-key credential
	 * @param invocation the call being authenticated
	 * @return the context configured for the key, carrying the (redacted) credential
	 * @throws AuthenticationFailedException (CHALLENGE/INVALID_CREDENTIAL) when the key
	 * is unknown, of another kind, longer than 1 KiB or contains control characters
	 */
	@Override
	public AuthContext authenticate(CredentialCarrier credential, AuthInvocation invocation) {
		String material = credential.material();
		if (credential.kind() != CredentialCarrierKind.API_KEY || !isPlausibleKey(material)) {
			throw new AuthenticationFailedException(INVALID_KEY);
		}
		byte[] presented = sha256().digest(material.getBytes(StandardCharsets.UTF_8));
		int match = -1;
		// Visit every entry and never leave the loop early, so the time taken does not
		// depend on whether or
		// where the key matched. Hashes are unique, so at most one entry matches.
		for (int i = 0; i < this.hashes.length; i++) {
			if (MessageDigest.isEqual(this.hashes[i], presented)) {
				match = i;
			}
		}
		if (match < 0) {
			throw new AuthenticationFailedException(INVALID_KEY);
		}
		AuthContext template = this.contexts[match];
		// The template's role and scope lists are reused as they are: no copy per
		// request.
		return new AuthContext(template.subject(), template.issuer(), template.tenant(), template.roles(),
				template.scopes(), List.of(), credential, List.of(), null, List.of());
	}

	/**
	 * Returns the number of configured keys.
	 * @return the number of keys
	 */
	public int size() {
		return this.hashes.length;
	}

	private static boolean isPlausibleKey(String material) {
		// Blank material cannot occur: a CredentialCarrier refuses it.
		if (material.length() > MAX_KEY_LENGTH) {
			return false;
		}
		for (int i = 0; i < material.length(); i++) {
			if (Character.isISOControl(material.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static byte[] parseHash(@Nullable String sha256, int index) {
		if (sha256 == null || sha256.isBlank()) {
			throw new InvalidGatehouseConfigurationException(entry(index) + ".sha256", "is missing", HOW_TO_HASH);
		}
		String hex = sha256.strip();
		if (hex.length() != SHA256_HEX_LENGTH || !isHex(hex)) {
			// Say what is wrong with the value without repeating it: even a broken hash
			// is credential material.
			throw new InvalidGatehouseConfigurationException(entry(index) + ".sha256",
					"is not a SHA-256 hex digest (expected " + SHA256_HEX_LENGTH + " hexadecimal characters, got "
							+ hex.length() + " characters" + (isHex(hex) ? "" : " including non-hexadecimal ones")
							+ ")",
					HOW_TO_HASH);
		}
		return HexFormat.of().parseHex(hex);
	}

	private static boolean isHex(String value) {
		for (int i = 0; i < value.length(); i++) {
			if (Character.digit(value.charAt(i), 16) < 0) {
				return false;
			}
		}
		return true;
	}

	private static AuthContext toContext(ApiKey key, int index) {
		String subject = key.subject();
		if (subject == null || subject.isBlank()) {
			throw new InvalidGatehouseConfigurationException(entry(index) + ".subject", "is missing",
					"Set the subject id of the caller that presents this key.");
		}
		requireNoBlanks(key.roles(), index, "roles");
		requireNoBlanks(key.scopes(), index, "scopes");
		String displayName = blankToNull(key.displayName());
		String tenant = blankToNull(key.tenant());
		return new AuthContext(new AuthSubject(subject.strip(), displayName), ISSUER, tenant, key.roles(), key.scopes(),
				List.of(), null, List.of(), null, List.of());
	}

	private static void requireNoBlanks(List<String> values, int index, String name) {
		for (String value : values) {
			if (value == null || value.isBlank()) {
				throw new InvalidGatehouseConfigurationException(entry(index) + "." + name,
						"must not contain blank values", "Remove the blank values from the list.");
			}
		}
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static String entry(int index) {
		return "gatehouse.api-keys[" + index + "]";
	}

	private static MessageDigest sha256() {
		try {
			return (MessageDigest) SHA256_PROTOTYPE.clone();
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException("SHA-256 cannot be cloned", ex);
		}
	}

	private static MessageDigest newSha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			// Every Java platform is required to provide SHA-256.
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * One accepted API key. Only its SHA-256 hash is known; {@link #toString()} does not
	 * show it.
	 *
	 * @param sha256 the SHA-256 of the key as 64 hexadecimal characters (either case)
	 * @param subject the subject id of the caller that presents the key
	 * @param displayName the caller's display name, or {@code null}
	 * @param roles the caller's roles
	 * @param scopes the caller's scopes
	 * @param tenant the tenant the caller acts in, or {@code null}
	 */
	public record ApiKey(@Nullable String sha256, @Nullable String subject, @Nullable String displayName,
			List<String> roles, List<String> scopes, @Nullable String tenant) {

		public ApiKey {
			// Not List.copyOf: it would reject a null element before the authenticator
			// can name the entry.
			roles = copy(roles, "roles");
			scopes = copy(scopes, "scopes");
		}

		private static List<String> copy(List<String> values, String name) {
			Objects.requireNonNull(values, () -> name + " must not be null");
			return Collections.unmodifiableList(new ArrayList<>(values));
		}

		@Override
		public String toString() {
			return "ApiKey[subject=" + this.subject + ", roles=" + this.roles + ", scopes=" + this.scopes + ", tenant="
					+ this.tenant + "]";
		}

	}

}
