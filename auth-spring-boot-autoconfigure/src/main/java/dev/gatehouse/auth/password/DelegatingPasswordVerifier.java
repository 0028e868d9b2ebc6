package dev.gatehouse.auth.password;

import java.util.Objects;

import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.PasswordVerifier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Default {@link PasswordVerifier}: checks a password against a {@code {id}}-prefixed
 * hash with spring-security-crypto's delegating encoder. A mismatch, an unknown or
 * missing prefix and a malformed hash all give CHALLENGE/INVALID_CREDENTIAL; this
 * verifier never throws for bad input, so callers cannot tell the cases apart by
 * exception.
 *
 * <p>
 * Recognised formats are the adaptive, salted ones: {@code {bcrypt}}, {@code {pbkdf2}}
 * and, when Bouncy Castle is on the classpath, {@code {argon2}} and {@code {scrypt}}
 * (each with Spring Security's {@code @SpringSecurity_v5_8} variant). Legacy formats that
 * Spring Security's own factory also accepts ({@code {noop}}, {@code {MD5}},
 * {@code {SHA-256}}, ...) are deliberately unknown here: a plain-text or fast-digest
 * "hash" must not verify by default. To migrate such hashes, define your own
 * {@link PasswordVerifier} bean. Thread-safe.
 */
public final class DelegatingPasswordVerifier implements PasswordVerifier {

	private static final Log logger = LogFactory.getLog(DelegatingPasswordVerifier.class);

	private static final AuthorizationDecision INVALID_PASSWORD = AuthorizationDecision
		.challenge(AuthorizationReasonCode.INVALID_CREDENTIAL, "The user name or password is not valid.");

	private final PasswordEncoder encoder;

	private final boolean bouncyCastleAvailable;

	/**
	 * Creates the verifier for the formats available on the classpath of this class's
	 * class loader.
	 */
	public DelegatingPasswordVerifier() {
		this(DelegatingPasswordVerifier.class.getClassLoader());
	}

	/**
	 * Creates the verifier for the formats the given class loader can see.
	 * @param classLoader the class loader to look for Bouncy Castle in
	 */
	public DelegatingPasswordVerifier(@Nullable ClassLoader classLoader) {
		this.encoder = GatehousePasswordEncoders.create(classLoader);
		this.bouncyCastleAvailable = GatehousePasswordEncoders.ARGON2
			.equals(GatehousePasswordEncoders.encodingId(classLoader));
	}

	@Override
	public AuthorizationDecision verify(CharSequence password, String hash) {
		Objects.requireNonNull(password, "password must not be null");
		Objects.requireNonNull(hash, "hash must not be null");
		boolean matches;
		try {
			matches = this.encoder.matches(password, hash);
		}
		catch (RuntimeException ex) {
			// Unknown "{id}", no prefix at all, or a hash the algorithm cannot parse. The
			// message names only
			// the format problem; neither the hash nor the password is logged.
			if (!this.bouncyCastleAvailable && (hash.startsWith("{argon2") || hash.startsWith("{scrypt"))) {
				logger.warn("A password hash uses argon2 or scrypt but Bouncy Castle (org.bouncycastle:"
						+ "bcprov-jdk18on) is not on the classpath, so it cannot be verified: add Bouncy Castle.");
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("Password hash not verifiable: " + ex.getClass().getSimpleName());
			}
			return INVALID_PASSWORD;
		}
		return matches ? AuthorizationDecision.allow() : INVALID_PASSWORD;
	}

}
