package dev.gatehouse.auth.password;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.security.crypto.scrypt.SCryptPasswordEncoder;
import org.springframework.util.ClassUtils;

/**
 * Builds the delegating encoder behind {@link DelegatingPasswordHasher} and
 * {@link DelegatingPasswordVerifier}. Only adaptive, salted formats are registered (see
 * {@link DelegatingPasswordVerifier}); new hashes use {@code {argon2}} when Bouncy Castle
 * is present, {@code {bcrypt}} otherwise.
 */
final class GatehousePasswordEncoders {

	static final String ARGON2_CLASS = "org.bouncycastle.crypto.generators.Argon2BytesGenerator";

	static final String SCRYPT_CLASS = "org.bouncycastle.crypto.generators.SCrypt";

	static final String BCRYPT = "bcrypt";

	static final String ARGON2 = "argon2";

	private GatehousePasswordEncoders() {
	}

	/**
	 * Returns the id new hashes are encoded with.
	 * @param classLoader the class loader to look for Bouncy Castle in
	 * @return {@code argon2} when Bouncy Castle's Argon2 is present, otherwise
	 * {@code bcrypt}
	 */
	static String encodingId(@Nullable ClassLoader classLoader) {
		return ClassUtils.isPresent(ARGON2_CLASS, classLoader) ? ARGON2 : BCRYPT;
	}

	/**
	 * Creates the delegating encoder.
	 * @param classLoader the class loader to look for Bouncy Castle in
	 * @return the encoder; {@code matches} throws {@link IllegalArgumentException} for an
	 * unknown format
	 */
	// The deprecated factories are the parameters that "{pbkdf2}" and "{scrypt}" hashes
	// (without a version
	// suffix) were made with; they are needed to verify such hashes, never used to create
	// new ones.
	@SuppressWarnings("deprecation")
	static DelegatingPasswordEncoder create(@Nullable ClassLoader classLoader) {
		Map<String, PasswordEncoder> encoders = new HashMap<>();
		encoders.put(BCRYPT, new BCryptPasswordEncoder());
		encoders.put("pbkdf2", Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_5());
		encoders.put("pbkdf2@SpringSecurity_v5_8", Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8());
		// Argon2 and scrypt hashes carry their own cost parameters, so matching works
		// whatever the instance's
		// defaults are; the instances only decide the cost of new hashes, for which the
		// current ones are used.
		if (ClassUtils.isPresent(ARGON2_CLASS, classLoader)) {
			encoders.put(ARGON2, Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8());
			encoders.put("argon2@SpringSecurity_v5_8", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8());
		}
		if (ClassUtils.isPresent(SCRYPT_CLASS, classLoader)) {
			encoders.put("scrypt", SCryptPasswordEncoder.defaultsForSpringSecurity_v4_1());
			encoders.put("scrypt@SpringSecurity_v5_8", SCryptPasswordEncoder.defaultsForSpringSecurity_v5_8());
		}
		return new DelegatingPasswordEncoder(encodingId(classLoader), encoders);
	}

}
