package dev.gatehouse.auth.password;

import java.util.Objects;

import dev.gatehouse.auth.spi.PasswordHasher;
import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Default {@link PasswordHasher}: hashes with spring-security-crypto's delegating
 * encoder, so every hash names its algorithm ({@code {argon2}...} when Bouncy Castle is
 * on the classpath, {@code {bcrypt}...} otherwise) and stays verifiable after the default
 * changes. Thread-safe.
 */
public final class DelegatingPasswordHasher implements PasswordHasher {

	private final PasswordEncoder encoder;

	/**
	 * Creates the hasher, choosing the algorithm from the classpath of this class's class
	 * loader.
	 */
	public DelegatingPasswordHasher() {
		this(DelegatingPasswordHasher.class.getClassLoader());
	}

	/**
	 * Creates the hasher, choosing the algorithm from what the given class loader can
	 * see.
	 * @param classLoader the class loader to look for Bouncy Castle in
	 */
	public DelegatingPasswordHasher(@Nullable ClassLoader classLoader) {
		this.encoder = GatehousePasswordEncoders.create(classLoader);
	}

	/**
	 * Hashes a password.
	 * @param password the raw password
	 * @return the encoded hash with its {@code {id}} prefix
	 * @throws IllegalArgumentException when the algorithm refuses the password (bcrypt
	 * accepts at most 72 bytes)
	 */
	@Override
	public String hash(CharSequence password) {
		Objects.requireNonNull(password, "password must not be null");
		String hash = this.encoder.encode(password);
		if (hash == null) {
			throw new IllegalStateException("The password encoder returned no hash");
		}
		return hash;
	}

}
