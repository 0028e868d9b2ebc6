package dev.gatehouse.auth.snapshot;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;

/**
 * Reads snapshot keys from configuration text: shared secrets as base64 or base64url
 * (padding optional, at least 32 decoded bytes), Ed25519 public keys as X.509
 * {@code PUBLIC KEY} PEM and private keys as PKCS#8 {@code PRIVATE KEY} PEM. Failures are
 * {@link IllegalArgumentException}s that say what is wrong and never contain the text
 * that was given.
 */
public final class SnapshotKeyMaterial {

	/** The shortest HMAC secret accepted, in bytes. */
	public static final int MIN_SECRET_LENGTH = 32;

	private SnapshotKeyMaterial() {
	}

	/**
	 * Decodes a shared secret.
	 * @param secret base64 or base64url text, padding optional
	 * @return the secret bytes
	 * @throws IllegalArgumentException when the text is not base64 or decodes to fewer
	 * than 32 bytes
	 */
	public static byte[] decodeSecret(String secret) {
		Objects.requireNonNull(secret, "secret must not be null");
		String text = secret.strip();
		int end = text.length();
		while (end > 0 && text.charAt(end - 1) == '=') {
			end--;
		}
		text = text.substring(0, end);
		boolean standard = text.indexOf('+') >= 0 || text.indexOf('/') >= 0;
		boolean url = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
		byte[] bytes;
		try {
			if (standard && url) {
				throw new IllegalArgumentException("mixed alphabets");
			}
			bytes = (standard ? Base64.getDecoder() : Base64.getUrlDecoder()).decode(text);
		}
		catch (IllegalArgumentException ex) {
			// The decoder's own message may quote a character of the secret, so it is not
			// passed on.
			throw new IllegalArgumentException("is not base64 or base64url text");
		}
		if (bytes.length < MIN_SECRET_LENGTH) {
			throw new IllegalArgumentException("decodes to " + bytes.length + " bytes, fewer than the "
					+ MIN_SECRET_LENGTH + " bytes HS256 requires");
		}
		return bytes;
	}

	/**
	 * Reads an Ed25519 public key.
	 * @param pem an X.509 {@code -----BEGIN PUBLIC KEY-----} PEM block
	 * @return the key
	 * @throws IllegalArgumentException when the text is not such a PEM block or not an
	 * Ed25519 key
	 */
	public static PublicKey parseEd25519PublicKey(String pem) {
		byte[] der = pemBody(pem, "PUBLIC KEY");
		try {
			return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			throw new IllegalArgumentException("is not an X.509 Ed25519 public key");
		}
	}

	/**
	 * Reads an Ed25519 private key.
	 * @param pem a PKCS#8 {@code -----BEGIN PRIVATE KEY-----} PEM block
	 * @return the key
	 * @throws IllegalArgumentException when the text is not such a PEM block or not an
	 * Ed25519 key
	 */
	public static PrivateKey parseEd25519PrivateKey(String pem) {
		byte[] der = pemBody(pem, "PRIVATE KEY");
		try {
			return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			throw new IllegalArgumentException("is not a PKCS#8 Ed25519 private key");
		}
	}

	private static byte[] pemBody(String pem, String label) {
		Objects.requireNonNull(pem, "pem must not be null");
		String begin = "-----BEGIN " + label + "-----";
		String end = "-----END " + label + "-----";
		String text = pem.strip();
		if (!text.startsWith(begin) || !text.endsWith(end) || text.length() <= begin.length() + end.length()) {
			throw new IllegalArgumentException("is not a PEM block starting with " + begin);
		}
		String body = text.substring(begin.length(), text.length() - end.length());
		try {
			return Base64.getMimeDecoder().decode(body.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("has a PEM body that is not base64");
		}
	}

}
