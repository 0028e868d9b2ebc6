package dev.gatehouse.sample;

import java.util.Map;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.error.AuthenticationFailedException;
import dev.gatehouse.auth.spi.AuthInvocation;
import dev.gatehouse.auth.spi.Authenticator;

import org.springframework.stereotype.Component;

/**
 * Turns the demo's two bearer tokens into callers. A real application plugs in a JWT or
 * API-key authenticator here; Gatehouse's startup validation refuses to start an
 * application with protected methods and no {@link Authenticator}.
 */
@Component
public class DemoAuthenticator implements Authenticator {

	private static final Map<String, AuthContext> CALLERS = Map.of("reader-token",
			AuthContext.builder("ada").scopes("documents:read").build(), "editor-token",
			AuthContext.builder("grace").roles("editor").scopes("documents:read").build());

	@Override
	public AuthContext authenticate(CredentialCarrier credential, AuthInvocation invocation) {
		AuthContext caller = CALLERS.get(credential.material());
		if (caller == null) {
			throw new AuthenticationFailedException(
					AuthorizationDecision.challenge(AuthorizationReasonCode.INVALID_CREDENTIAL, "Unknown token."));
		}
		return caller;
	}

}
