package dev.gatehouse.auth.web;

import dev.gatehouse.auth.decision.AuthException;
import dev.gatehouse.auth.enforcement.RejectedCredentialLookup;
import org.jspecify.annotations.Nullable;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Finds the credential the {@link AuthContextFilter} rejected for the request being
 * handled on this thread (its
 * {@link AuthContextFilter#AUTHENTICATION_FAILURE_ATTRIBUTE}), so that a protected
 * handler reached with a forged API key is refused, observed and audited as
 * INVALID_CREDENTIAL, as the response says, rather than MISSING_CREDENTIAL. Reads the
 * request that Spring MVC binds to the thread; off a request thread it knows no
 * rejection.
 */
public final class RequestRejectedCredentialLookup implements RejectedCredentialLookup {

	@Override
	public @Nullable AuthException rejectedCredential() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes == null) {
			return null;
		}
		return (attributes.getAttribute(AuthContextFilter.AUTHENTICATION_FAILURE_ATTRIBUTE,
				RequestAttributes.SCOPE_REQUEST) instanceof AuthException rejected) ? rejected : null;
	}

}
