package dev.gatehouse.benchmarks.references;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;

import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.PermissionCheckRequest;
import dev.gatehouse.auth.spi.PermissionChecker;

import org.springframework.security.access.PermissionEvaluator;
import org.springframework.security.core.Authentication;

/**
 * The grant table both stacks consult, and the two checkers over it: each does one hash
 * lookup by the caller's name and one set lookup, allocation-free, so that the stacks
 * differ only in what their frameworks add.
 */
final class DocumentGrants {

	static final String CALLER = "benchmark-user";

	/** Gatehouse's shape: subject → permissions ({@code doc:read}). */
	private static final Map<String, Set<String>> BY_SUBJECT = Map.of(CALLER, Set.of("doc:read"));

	/**
	 * Spring Security's shape: subject → target type → permissions ({@code doc} →
	 * {@code read}).
	 */
	private static final Map<String, Map<String, Set<String>>> BY_SUBJECT_AND_TYPE = Map.of(CALLER,
			Map.of("doc", Set.of("read")));

	private static final AuthorizationDecision DENIED = AuthorizationDecision
		.deny(AuthorizationReasonCode.INSUFFICIENT_PERMISSION, "missing");

	private DocumentGrants() {
	}

	/** Gatehouse's {@link PermissionChecker} over the table. */
	static final class TablePermissionChecker implements PermissionChecker {

		@Override
		public AuthorizationDecision checkPermission(PermissionCheckRequest request) {
			Set<String> granted = BY_SUBJECT.get(request.context().subject().id());
			return (granted != null && granted.contains(request.permission())) ? AuthorizationDecision.allow() : DENIED;
		}

	}

	/** Spring Security's {@link PermissionEvaluator} over the table. */
	static final class TablePermissionEvaluator implements PermissionEvaluator {

		@Override
		public boolean hasPermission(Authentication authentication, Object targetDomainObject, Object permission) {
			return false;
		}

		@Override
		public boolean hasPermission(Authentication authentication, Serializable targetId, String targetType,
				Object permission) {
			Map<String, Set<String>> byType = BY_SUBJECT_AND_TYPE.get(authentication.getName());
			Set<String> granted = (byType != null) ? byType.get(targetType) : null;
			return granted != null && granted.contains(permission);
		}

	}

}
