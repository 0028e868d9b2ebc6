package dev.gatehouse.auth.decision;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Base of every Gatehouse failure: an unchecked exception with a non-empty, secret-free
 * message and the refusing {@link AuthorizationDecision} that explains it.
 */
public abstract class AuthException extends RuntimeException {

	private final AuthorizationDecision decision;

	/**
	 * Creates an exception.
	 * @param message a non-empty message that names what went wrong and contains no
	 * secret
	 * @param decision the decision; never ALLOW, since an exception always refuses
	 * @param cause the underlying cause, or {@code null}
	 */
	protected AuthException(String message, AuthorizationDecision decision, @Nullable Throwable cause) {
		super(requireMessage(message), cause);
		Objects.requireNonNull(decision, "decision must not be null");
		if (decision.isAllowed()) {
			throw new IllegalArgumentException("an AuthException cannot carry an ALLOW decision");
		}
		this.decision = decision;
	}

	private static String requireMessage(String message) {
		Objects.requireNonNull(message, "message must not be null");
		if (message.isBlank()) {
			throw new IllegalArgumentException("message must not be blank");
		}
		return message;
	}

	/**
	 * Returns the message, which every Gatehouse exception has: it names what went wrong
	 * and contains no secret.
	 * @return the message; never {@code null} or blank
	 */
	@Override
	public String getMessage() {
		return Objects.requireNonNull(super.getMessage());
	}

	/**
	 * Returns the decision that refused the call.
	 * @return the decision; never ALLOW
	 */
	public AuthorizationDecision decision() {
		return this.decision;
	}

}
