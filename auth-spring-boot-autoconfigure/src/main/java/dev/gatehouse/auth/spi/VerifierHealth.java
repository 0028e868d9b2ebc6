package dev.gatehouse.auth.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Implemented by a credential or snapshot verifier that can tell whether it is able to
 * verify right now; the {@code gatehouse} health indicator reports DOWN when any bean of
 * this type is DOWN. An implementation answers from what it holds and fetches keys no
 * more often than its own cache and rate limit allow, so frequent health probes never
 * turn into requests to an identity provider; its details never contain key material,
 * tokens or URLs.
 */
@FunctionalInterface
public interface VerifierHealth {

	/**
	 * Checks whether the verifier can verify right now. Never throws.
	 * @return the status and its details
	 */
	Status verifierHealth();

	/**
	 * Whether a verifier can verify, with details that are safe to show to operators.
	 *
	 * @param up whether it can verify
	 * @param details what an operator should know, such as key ids or the reason it
	 * cannot verify; never key material; kept in the given order
	 */
	record Status(boolean up, Map<String, Object> details) {

		/**
		 * Creates a status.
		 * @param up whether the verifier can verify
		 * @param details the details, copied
		 */
		public Status {
			Objects.requireNonNull(details, "details must not be null");
			details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
		}

		/**
		 * Creates the status of a verifier that can verify.
		 * @param details the details
		 * @return the status
		 */
		public static Status up(Map<String, Object> details) {
			return new Status(true, details);
		}

		/**
		 * Creates the status of a verifier that cannot verify.
		 * @param details the details, including why
		 * @return the status
		 */
		public static Status down(Map<String, Object> details) {
			return new Status(false, details);
		}

	}

}
