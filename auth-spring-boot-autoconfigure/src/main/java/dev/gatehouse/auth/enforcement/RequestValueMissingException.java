package dev.gatehouse.auth.enforcement;

import java.util.Objects;

/**
 * A protected request handler's dynamic reference has no value because the request did
 * not supply one: the path variable, request parameter, header or body value it names is
 * missing or blank (for example {@code GET /tenants/%20/report} feeding {@code tenant =
 * "{tenant}"}). The client's mistake, not an authorization decision: the servlet boundary
 * answers it with 400 Bad Request, as Spring MVC answers a missing required request
 * value, and the handler is not invoked.
 *
 * <p>
 * Named apart from Spring's
 * {@code org.springframework.web.bind.MissingRequestValueException} (thrown before a
 * handler runs, by argument resolution), whose convention it follows. Deliberately not an
 * {@link dev.gatehouse.auth.decision.AuthException}: no decision was taken, so there is
 * no reason code to report (the published reason codes stay as they are), no decision
 * event is published, and the {@code gatehouse.authorization} observation records this
 * exception as its error. Values that come from code (a service method's argument, a
 * parameter no request binds) never raise it: they stay ERROR/INTERNAL_ERROR.
 */
public class RequestValueMissingException extends RuntimeException {

	private final String requestValue;

	/**
	 * Creates the exception.
	 * @param requestValue how a client names the missing value, for example
	 * {@code path variable 'tenant'}; never the value itself
	 */
	public RequestValueMissingException(String requestValue) {
		super("Required " + Objects.requireNonNull(requestValue, "requestValue must not be null")
				+ " is missing or blank.");
		this.requestValue = requestValue;
	}

	/**
	 * Returns how a client names the missing value.
	 * @return for example {@code path variable 'tenant'} or {@code request body}
	 */
	public String getRequestValue() {
		return this.requestValue;
	}

}
