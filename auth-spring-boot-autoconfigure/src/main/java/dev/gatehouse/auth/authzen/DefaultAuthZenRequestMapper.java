package dev.gatehouse.auth.authzen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.gatehouse.auth.context.AuthClaim;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.spi.AuthorizationCall;
import dev.gatehouse.auth.spi.AuthorizationRequest;
import dev.gatehouse.auth.spi.DecisionRequest;
import dev.gatehouse.auth.spi.PermissionCheckRequest;
import dev.gatehouse.auth.spi.RelationCheckRequest;
import org.jspecify.annotations.Nullable;

/**
 * The standard mapping of a requirement to an AuthZEN evaluation:
 * <ul>
 * <li>subject {@code {type: subject-type, id: the subject id, properties: {roles, scopes,
 * tenant, issuer, the selected claims}}}, plus {@code cerbos.roles} with the
 * {@link AuthZenProfile#CERBOS cerbos} profile;</li>
 * <li>action {@code {name}}: the relation, the permission or the policy's action;</li>
 * <li>resource {@code {type, id}} split from the {@code type:id} reference at its first
 * colon, with {@code properties.tenant} when the requirement names a tenant; a permission
 * without a resource is asked about resource {@code {type: "permission", id: the
 * permission}};</li>
 * <li>context {@code {boundary}} (the client adds {@code correlation_id}).</li>
 * </ul>
 * A resolved reference that is not {@code type:id} is refused with an
 * {@link IllegalArgumentException} (ERROR, no request is sent).
 */
public final class DefaultAuthZenRequestMapper implements AuthZenRequestMapper {

	/** The resource type of a permission asked without a resource. */
	public static final String PERMISSION_RESOURCE_TYPE = "permission";

	private final AuthZenProfile profile;

	private final String subjectType;

	private final List<String> claims;

	/**
	 * Creates the mapper.
	 * @param profile what the engine needs beyond the standard request
	 * @param subjectType the subject type sent, for example {@code user}
	 * @param claims the names of the caller's claims sent as subject properties
	 */
	public DefaultAuthZenRequestMapper(AuthZenProfile profile, String subjectType, List<String> claims) {
		this.profile = Objects.requireNonNull(profile, "profile must not be null");
		Objects.requireNonNull(subjectType, "subjectType must not be null");
		if (subjectType.isBlank()) {
			throw new IllegalArgumentException("subjectType must not be blank");
		}
		this.subjectType = subjectType;
		this.claims = List.copyOf(Objects.requireNonNull(claims, "claims must not be null"));
	}

	@Override
	public AuthZenEvaluation map(DecisionRequest request, AuthorizationCall call, String boundary) {
		AuthContext context = request.context();
		String action;
		String resource;
		if (request instanceof RelationCheckRequest relation) {
			action = relation.relation();
			resource = relation.resource();
		}
		else if (request instanceof AuthorizationRequest policy) {
			action = policy.action();
			resource = policy.resource();
		}
		else {
			PermissionCheckRequest permission = (PermissionCheckRequest) request;
			action = permission.permission();
			resource = permission.resource();
			if (resource == null) {
				resource = PERMISSION_RESOURCE_TYPE + ":" + permission.permission();
			}
		}
		String tenant = request.tenant();
		return new AuthZenEvaluation(subject(context), new AuthZenEvaluation.Action(action), resource(resource, tenant),
				Map.of("boundary", boundary));
	}

	private AuthZenEvaluation.Subject subject(AuthContext context) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("roles", context.roles());
		properties.put("scopes", context.scopes());
		putIfPresent(properties, "tenant", context.tenant());
		putIfPresent(properties, "issuer", context.issuer());
		for (String name : this.claims) {
			Object value = claim(context, name);
			if (value != null) {
				properties.put(name, value);
			}
		}
		if (this.profile == AuthZenProfile.CERBOS) {
			properties.put("cerbos.roles", context.roles());
		}
		return new AuthZenEvaluation.Subject(this.subjectType, context.subject().id(), properties);
	}

	// One value for a claim present once, the list of values for a repeated one.
	private static @Nullable Object claim(AuthContext context, String name) {
		List<Object> values = null;
		Object single = null;
		for (AuthClaim claim : context.claims()) {
			if (claim.name().equals(name) && claim.value() != null) {
				if (single == null) {
					single = claim.value();
				}
				else {
					if (values == null) {
						values = new ArrayList<>();
						values.add(single);
					}
					values.add(claim.value());
				}
			}
		}
		return (values != null) ? List.copyOf(values) : single;
	}

	private static void putIfPresent(Map<String, Object> properties, String name, @Nullable String value) {
		if (value != null) {
			properties.put(name, value);
		}
	}

	/**
	 * Splits a {@code type:id} reference.
	 * @param reference the resolved reference
	 * @param tenant the requirement's tenant, or {@code null}
	 * @return the resource
	 * @throws IllegalArgumentException when the reference is not {@code type:id}
	 */
	static AuthZenEvaluation.Resource resource(String reference, @Nullable String tenant) {
		if (!isTypeAndId(reference)) {
			throw new IllegalArgumentException("The resource reference is not of the form type:id.");
		}
		int colon = reference.indexOf(':');
		return new AuthZenEvaluation.Resource(reference.substring(0, colon), reference.substring(colon + 1),
				(tenant != null) ? Map.of("tenant", tenant) : Map.of());
	}

	/**
	 * Whether a static reference can be sent: {@code type:id} with both parts non-empty,
	 * or a {@code {placeholder}} that only a call resolves.
	 * @param reference the reference as declared
	 * @return {@code true} when it is valid
	 */
	public static boolean isSendable(String reference) {
		return reference.indexOf('{') >= 0 || isTypeAndId(reference);
	}

	// A type before the first colon and an id after it, both non-empty.
	private static boolean isTypeAndId(String reference) {
		int colon = reference.indexOf(':');
		return colon > 0 && colon < reference.length() - 1;
	}

}
