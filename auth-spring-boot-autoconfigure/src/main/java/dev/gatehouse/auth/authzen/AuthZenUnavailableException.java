package dev.gatehouse.auth.authzen;

/**
 * The policy decision point could not decide: it answered a status other than 2xx,
 * something that is not a decision, did not answer in time or could not be reached, or
 * its circuit is open. Becomes ERROR/DECISION_PROVIDER_UNAVAILABLE (HTTP 503), never a
 * DENY. The message names what went wrong, never a request header or a body.
 */
public final class AuthZenUnavailableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String reason;

	/**
	 * Creates the exception.
	 * @param reason a short, fixed description for health, such as {@code HTTP 500} or
	 * {@code timeout}
	 * @param cause the underlying failure, or {@code null}
	 */
	public AuthZenUnavailableException(String reason, Throwable cause) {
		super("The policy decision point could not decide: " + reason + ".", cause, true, cause != null);
		this.reason = reason;
	}

	/**
	 * Creates the exception without a cause.
	 * @param reason a short, fixed description for health
	 */
	public AuthZenUnavailableException(String reason) {
		super("The policy decision point could not decide: " + reason + ".", null, true, false);
		this.reason = reason;
	}

	/**
	 * Returns the short description of what went wrong.
	 * @return the reason, for example {@code timeout}
	 */
	public String reason() {
		return this.reason;
	}

}
