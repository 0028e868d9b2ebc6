package dev.gatehouse.sample.documents;

import java.util.List;
import java.util.Map;

import dev.gatehouse.auth.annotation.Protected;
import dev.gatehouse.auth.annotation.PublicAccess;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who is calling: a public liveness answer and the caller's own identity.
 */
@RestController
@Profile("!audit")
public class CallerController {

	/**
	 * Answers to everyone, with or without a credential.
	 * @return {@code {"status":"UP"}}
	 */
	@PublicAccess
	@GetMapping("/api/health")
	public Map<String, String> health() {
		return Map.of("status", "UP");
	}

	/**
	 * Describes the authenticated caller.
	 * @return the caller's subject, roles, scopes, tenant, correlation id and delegation
	 * chain
	 */
	@Protected
	@GetMapping("/api/me")
	public Caller me() {
		return Caller.of(AuthContextHolder.require());
	}

	/**
	 * The caller as the documents service sees it.
	 *
	 * @param subject the subject id
	 * @param roles the roles
	 * @param scopes the scopes
	 * @param tenant the tenant
	 * @param correlationId the correlation id of this request's call chain
	 * @param delegationChain the services the call passed through
	 */
	public record Caller(String subject, List<String> roles, List<String> scopes, @Nullable String tenant,
			@Nullable String correlationId, List<String> delegationChain) {

		static Caller of(AuthContext context) {
			return new Caller(context.subject().id(), context.roles(), context.scopes(), context.tenant(),
					context.correlationId(), context.delegationChain());
		}

	}

}
