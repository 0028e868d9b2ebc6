package dev.gatehouse.auth.web;

import dev.gatehouse.auth.context.AuthContextNotFoundException;
import dev.gatehouse.auth.decision.AuthException;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.enforcement.RequestValueMissingException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers every {@link AuthException} that leaves a Spring MVC handler with the problem
 * response of its decision (see {@link AuthErrorResponses}). Ordered first, so an
 * application's catch-all {@code @ExceptionHandler(Exception.class)} does not turn a 401
 * into a 500; a handler declared in the controller itself still wins, as Spring MVC
 * intends.
 *
 * <p>
 * When a protected handler finds no context because the {@link AuthContextFilter}
 * rejected the request's credential, the response carries that rejection (for example 401
 * INVALID_CREDENTIAL, or 503 when the verifier was unreachable) rather than
 * MISSING_CREDENTIAL. ERROR decisions are logged with their cause (the body never shows
 * it): INTERNAL_ERROR at ERROR level, an unavailable provider at WARN. A
 * {@link RequestValueMissingException} (a protected handler's dynamic reference that the
 * request left without a value) is answered with 400 Bad Request.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AuthExceptionHandler {

	private static final Log logger = LogFactory.getLog(AuthExceptionHandler.class);

	/**
	 * Maps the exception to its problem response.
	 * @param ex the refusal
	 * @param request the current request
	 * @return the problem response
	 */
	@ExceptionHandler(AuthException.class)
	public ResponseEntity<ProblemDetail> handleAuthException(AuthException ex, HttpServletRequest request) {
		Object failure = request.getAttribute(AuthContextFilter.AUTHENTICATION_FAILURE_ATTRIBUTE);
		if (ex instanceof AuthContextNotFoundException && failure instanceof AuthException rejected) {
			// Already logged by the filter when it rejected the credential.
			return AuthErrorResponses.toResponseEntity(rejected.decision());
		}
		log(ex, request);
		return AuthErrorResponses.toResponseEntity(ex.decision());
	}

	/**
	 * Answers a request that lacks a value a protected handler's dynamic reference needs
	 * (a blank path variable, a missing optional parameter) with 400 Bad Request.
	 * @param ex the failure
	 * @param request the current request
	 * @return the problem response, naming the missing value
	 */
	@ExceptionHandler(RequestValueMissingException.class)
	public ResponseEntity<ProblemDetail> handleRequestValueMissing(RequestValueMissingException ex,
			HttpServletRequest request) {
		if (logger.isDebugEnabled()) {
			logger.debug(request.getMethod() + " " + request.getRequestURI() + " refused before authorization: "
					+ ex.getMessage());
		}
		return AuthErrorResponses.toResponseEntity(ex);
	}

	private static void log(AuthException ex, HttpServletRequest request) {
		AuthorizationDecision decision = ex.decision();
		String call = request.getMethod() + " " + request.getRequestURI();
		if (decision.state() != AuthorizationDecisionState.ERROR) {
			if (logger.isDebugEnabled()) {
				logger.debug(call + " refused (" + decision.state() + "/" + decision.reasonCode() + ")");
			}
		}
		else if (AuthErrorResponses.isUnavailable(decision.reasonCode())) {
			logger.warn(call + " refused because a provider is unavailable: " + ex.getMessage(), ex);
		}
		else {
			logger.error(call + " refused because authorization failed: " + ex.getMessage(), ex);
		}
	}

}
