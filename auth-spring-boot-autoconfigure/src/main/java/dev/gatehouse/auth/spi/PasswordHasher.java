package dev.gatehouse.auth.spi;

/**
 * Port for {@link AuthCapability#PASSWORD_HASH}: hashes a password for storage. Never
 * required by annotations.
 */
@FunctionalInterface
public interface PasswordHasher {

	/**
	 * Hashes a password.
	 * @param password the raw password
	 * @return the encoded hash, including its algorithm marker
	 */
	String hash(CharSequence password);

}
