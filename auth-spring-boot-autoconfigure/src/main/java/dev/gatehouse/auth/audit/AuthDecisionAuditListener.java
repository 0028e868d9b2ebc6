package dev.gatehouse.auth.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.context.ApplicationListener;

/**
 * Records each {@link AuthDecisionEvent} in Boot Actuator's {@link AuditEventRepository},
 * with Spring Security's type names: {@code AUTHENTICATION_FAILURE} for a challenge,
 * {@code AUTHORIZATION_FAILURE} for a denial or error, and {@code AUTHORIZATION_SUCCESS}
 * for an allowed call (only published with {@code gatehouse.audit.allowed=true}).
 */
public final class AuthDecisionAuditListener implements ApplicationListener<AuthDecisionEvent> {

	/** Audit event type of a challenge (no or invalid credential). */
	public static final String AUTHENTICATION_FAILURE = "AUTHENTICATION_FAILURE";

	/** Audit event type of a denial or a failed check. */
	public static final String AUTHORIZATION_FAILURE = "AUTHORIZATION_FAILURE";

	/** Audit event type of an allowed call. */
	public static final String AUTHORIZATION_SUCCESS = "AUTHORIZATION_SUCCESS";

	// Boot's own name for a caller without identity in audit events.
	private static final String ANONYMOUS = "anonymousUser";

	private final AuditEventRepository repository;

	/**
	 * Creates the listener.
	 * @param repository the repository that keeps the audit events
	 */
	public AuthDecisionAuditListener(AuditEventRepository repository) {
		this.repository = Objects.requireNonNull(repository, "repository must not be null");
	}

	@Override
	public void onApplicationEvent(AuthDecisionEvent event) {
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		data.put("boundaryKind", event.getBoundaryKind().name());
		data.put("boundary", event.getBoundary());
		data.put("requirement", event.getRequirement());
		data.put("state", event.getDecision().state().name());
		data.put("reasonCode", event.getDecision().reasonCode().name());
		data.put("reason", event.getDecision().reason());
		putIfPresent(data, "issuer", event.getIssuer());
		putIfPresent(data, "tenant", event.getTenant());
		putIfPresent(data, "correlationId", event.getCorrelationId());
		String subject = event.getSubjectId();
		this.repository.add(new AuditEvent((subject != null) ? subject : ANONYMOUS, type(event), data));
	}

	private static String type(AuthDecisionEvent event) {
		AuthorizationDecisionState state = event.getDecision().state();
		if (state == AuthorizationDecisionState.ALLOW) {
			return AUTHORIZATION_SUCCESS;
		}
		return (state == AuthorizationDecisionState.CHALLENGE) ? AUTHENTICATION_FAILURE : AUTHORIZATION_FAILURE;
	}

	private static void putIfPresent(Map<String, @Nullable Object> data, String key, @Nullable String value) {
		if (value != null) {
			data.put(key, value);
		}
	}

}
