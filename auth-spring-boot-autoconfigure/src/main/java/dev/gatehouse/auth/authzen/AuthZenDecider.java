package dev.gatehouse.auth.authzen;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import dev.gatehouse.auth.cache.AuthDecisionCache;
import dev.gatehouse.auth.cache.DecisionInputs;
import dev.gatehouse.auth.cache.DecisionKey;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.metadata.AuthRequirementKind;
import dev.gatehouse.auth.spi.AuthorizationCall;
import dev.gatehouse.auth.spi.AuthorizationRequest;
import dev.gatehouse.auth.spi.BoundaryDecider;
import dev.gatehouse.auth.spi.DecisionRequest;
import dev.gatehouse.auth.spi.PermissionCheckRequest;
import dev.gatehouse.auth.spi.RelationCheckRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The engine behind Gatehouse's AuthZEN port beans: maps a boundary's requirements to
 * evaluations ({@link AuthZenRequestMapper}, then every
 * {@link AuthZenRequestCustomizer}), serves what the decision cache holds, sends the rest
 * in one request through the {@link AuthZenClient} and turns its answers into decisions:
 * {@code true} ALLOW, {@code false} DENY with the requirement's reason code
 * (RELATION_DENIED, POLICY_DENIED, INSUFFICIENT_PERMISSION), no answer
 * ERROR/DECISION_PROVIDER_UNAVAILABLE.
 *
 * <p>
 * With the decision cache, a decision's key covers everything the engine was sent: with
 * the default mapper, the caller's whole context (issuer, subject, tenant, roles, scopes,
 * claims, delegation chain), the requirement, the boundary and what the customizers
 * added; with a replaced mapper, the evaluation it returned. ERROR is never cached.
 * Thread-safe.
 */
public final class AuthZenDecider implements BoundaryDecider {

	/** The decision when the engine could not decide. */
	public static final AuthorizationDecision UNAVAILABLE = AuthorizationDecision
		.error(AuthorizationReasonCode.DECISION_PROVIDER_UNAVAILABLE, "The policy decision point could not decide.");

	private static final AuthorizationDecision RELATION_DENIED = AuthorizationDecision
		.deny(AuthorizationReasonCode.RELATION_DENIED, "The policy decision point denied the relation.");

	private static final AuthorizationDecision POLICY_DENIED = AuthorizationDecision
		.deny(AuthorizationReasonCode.POLICY_DENIED, "The policy decision point denied the action.");

	private static final AuthorizationDecision PERMISSION_DENIED = AuthorizationDecision
		.deny(AuthorizationReasonCode.INSUFFICIENT_PERMISSION, "The policy decision point denied the permission.");

	private static final AuthorizationDecision NOT_SENDABLE = AuthorizationDecision.error(
			AuthorizationReasonCode.INTERNAL_ERROR,
			"The requirement could not be sent to the policy decision point (its resource is not type:id).");

	private static final String UNKNOWN_BOUNDARY = "unknown";

	private static final int[] NO_INDEXES = {};

	private static final Log logger = LogFactory.getLog(AuthZenDecider.class);

	private final AuthZenClient client;

	private final AuthZenRequestMapper mapper;

	private final boolean defaultMapper;

	private final AuthZenRequestCustomizer[] customizers;

	private final @Nullable AuthDecisionCache cache;

	private final ConcurrentHashMap<Method, String> boundaryNames = new ConcurrentHashMap<>();

	/**
	 * Creates the decider.
	 * @param client sends the evaluations
	 * @param mapper maps requirements to evaluations
	 * @param customizers add properties, in order
	 * @param cache the decision cache, or {@code null} when decisions are not cached
	 */
	public AuthZenDecider(AuthZenClient client, AuthZenRequestMapper mapper, List<AuthZenRequestCustomizer> customizers,
			@Nullable AuthDecisionCache cache) {
		this.client = Objects.requireNonNull(client, "client must not be null");
		this.mapper = Objects.requireNonNull(mapper, "mapper must not be null");
		this.defaultMapper = mapper instanceof DefaultAuthZenRequestMapper;
		this.customizers = Objects.requireNonNull(customizers, "customizers must not be null")
			.toArray(new AuthZenRequestCustomizer[0]);
		this.cache = cache;
	}

	/**
	 * Returns the client, for health.
	 * @return the client
	 */
	public AuthZenClient client() {
		return this.client;
	}

	@Override
	public List<AuthorizationDecision> decideAll(List<DecisionRequest> requests, AuthorizationCall call) {
		int count = requests.size();
		if (count == 0) {
			return List.of();
		}
		String boundary = boundaryName(call.method());
		if (count == 1) {
			return decideOne(requests, call, boundary);
		}
		AuthDecisionCache cache = this.cache;
		@Nullable AuthorizationDecision[] decided = new AuthorizationDecision[count];
		@Nullable DecisionKey[] keys = (cache != null) ? new DecisionKey[count] : null;
		List<AuthZenEvaluation> toSend = null;
		int[] sentIndexes = NO_INDEXES;
		int end = count;
		for (int i = 0; i < count; i++) {
			DecisionRequest request = requests.get(i);
			AuthZenEvaluation evaluation;
			AuthZenRequestCustomizer.Added added;
			try {
				added = customize(request, call);
				evaluation = this.defaultMapper && cache != null ? null : evaluation(request, call, boundary, added);
				if (cache != null && keys != null) {
					DecisionKey key = key(request, (evaluation != null) ? evaluation : providerInputs(boundary, added));
					keys[i] = key;
					AuthorizationDecision cached = cache.get(key);
					if (cached != null) {
						decided[i] = cached;
						if (!cached.isAllowed() && toSend == null) {
							// Refused from the cache before anything needs the engine.
							return result(decided, i + 1);
						}
						continue;
					}
				}
				if (evaluation == null) {
					evaluation = evaluation(request, call, boundary, added);
				}
			}
			catch (RuntimeException ex) {
				if (logger.isDebugEnabled()) {
					logger.debug("A requirement of " + boundary + " could not be mapped to an AuthZEN evaluation", ex);
				}
				decided[i] = NOT_SENDABLE;
				end = i + 1;
				break;
			}
			if (toSend == null) {
				toSend = new ArrayList<>(count - i);
				sentIndexes = new int[count - i];
			}
			sentIndexes[toSend.size()] = i;
			toSend.add(evaluation);
		}
		if (toSend != null) {
			send(requests, toSend, sentIndexes, decided, keys);
		}
		return result(decided, end);
	}

	// decideAll for one request (the common boundary), without its per-request arrays:
	// the same steps, so a cache hit allocates only the key and the one-element result.
	private List<AuthorizationDecision> decideOne(List<DecisionRequest> requests, AuthorizationCall call,
			String boundary) {
		DecisionRequest request = requests.get(0);
		AuthDecisionCache cache = this.cache;
		AuthZenEvaluation evaluation;
		DecisionKey key = null;
		try {
			AuthZenRequestCustomizer.Added added = customize(request, call);
			evaluation = this.defaultMapper && cache != null ? null : evaluation(request, call, boundary, added);
			if (cache != null) {
				key = key(request, (evaluation != null) ? evaluation : providerInputs(boundary, added));
				AuthorizationDecision cached = cache.get(key);
				if (cached != null) {
					return List.of(cached);
				}
			}
			if (evaluation == null) {
				evaluation = evaluation(request, call, boundary, added);
			}
		}
		catch (RuntimeException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("A requirement of " + boundary + " could not be mapped to an AuthZEN evaluation", ex);
			}
			return List.of(NOT_SENDABLE);
		}
		List<Boolean> answers;
		try {
			answers = this.client.evaluate(List.of(evaluation), request.context().correlationId());
		}
		catch (AuthZenUnavailableException ex) {
			return List.of(UNAVAILABLE);
		}
		if (answers.isEmpty()) {
			return List.of();
		}
		AuthorizationDecision decision = Boolean.TRUE.equals(answers.get(0)) ? AuthorizationDecision.allow()
				: denied(request);
		if (cache != null && key != null) {
			cache.put(key, decision);
		}
		return List.of(decision);
	}

	private void send(List<DecisionRequest> requests, List<AuthZenEvaluation> toSend, int[] sentIndexes,
			@Nullable AuthorizationDecision[] decided, @Nullable DecisionKey @Nullable [] keys) {
		List<Boolean> answers;
		try {
			answers = this.client.evaluate(toSend, requests.get(0).context().correlationId());
		}
		catch (AuthZenUnavailableException ex) {
			decided[sentIndexes[0]] = UNAVAILABLE;
			return;
		}
		for (int k = 0; k < answers.size(); k++) {
			int index = sentIndexes[k];
			AuthorizationDecision decision = Boolean.TRUE.equals(answers.get(k)) ? AuthorizationDecision.allow()
					: denied(requests.get(index));
			decided[index] = decision;
			AuthDecisionCache cache = this.cache;
			DecisionKey key = (keys != null) ? keys[index] : null;
			if (cache != null && key != null) {
				cache.put(key, decision);
			}
		}
	}

	// The decisions in order, up to and including the first that is not ALLOW; an
	// undecided one (after an unavailable engine) ends the list.
	private static List<AuthorizationDecision> result(@Nullable AuthorizationDecision[] decided, int end) {
		List<AuthorizationDecision> result = new ArrayList<>(end);
		for (int i = 0; i < end; i++) {
			AuthorizationDecision decision = decided[i];
			if (decision == null) {
				break;
			}
			result.add(decision);
			if (!decision.isAllowed()) {
				break;
			}
		}
		return result;
	}

	private AuthZenRequestCustomizer.@Nullable Added customize(DecisionRequest request, AuthorizationCall call) {
		if (this.customizers.length == 0) {
			return null;
		}
		AuthZenRequestCustomizer.Properties properties = new AuthZenRequestCustomizer.Properties();
		for (AuthZenRequestCustomizer customizer : this.customizers) {
			customizer.customize(request, call, properties);
		}
		return properties.isEmpty() ? null : properties.added();
	}

	private AuthZenEvaluation evaluation(DecisionRequest request, AuthorizationCall call, String boundary,
			AuthZenRequestCustomizer.@Nullable Added added) {
		AuthZenEvaluation evaluation = Objects.requireNonNull(this.mapper.map(request, call, boundary),
				"the AuthZenRequestMapper returned null");
		return (added != null) ? merge(evaluation, added) : evaluation;
	}

	private static AuthZenEvaluation merge(AuthZenEvaluation evaluation, AuthZenRequestCustomizer.Added added) {
		AuthZenEvaluation.Subject subject = evaluation.subject();
		AuthZenEvaluation.Resource resource = evaluation.resource();
		return new AuthZenEvaluation(
				added.subject().isEmpty() ? subject
						: new AuthZenEvaluation.Subject(
								subject.type(), subject.id(), merged(subject.properties(), added.subject())),
				evaluation.action(),
				added.resource().isEmpty() ? resource
						: new AuthZenEvaluation.Resource(resource.type(), resource.id(),
								merged(resource.properties(), added.resource())),
				added.context().isEmpty() ? evaluation.context() : merged(evaluation.context(), added.context()));
	}

	private static Map<String, Object> merged(Map<String, Object> properties, Map<String, Object> added) {
		Map<String, Object> merged = new LinkedHashMap<>(properties);
		merged.putAll(added);
		return merged;
	}

	// With the default mapper the boundary is the only input beyond the context and the
	// requirement, unless customizers added some.
	private static Object providerInputs(String boundary, AuthZenRequestCustomizer.@Nullable Added added) {
		return (added != null) ? new CustomizedInputs(boundary, added) : boundary;
	}

	private static DecisionKey key(DecisionRequest request, Object providerInputs) {
		if (request instanceof RelationCheckRequest relation) {
			return DecisionKey.of(relation.context(), DecisionInputs.everything(), AuthRequirementKind.RELATION,
					relation.relation(), relation.resource(), null, relation.tenant(), providerInputs);
		}
		if (request instanceof AuthorizationRequest policy) {
			return DecisionKey.of(policy.context(), DecisionInputs.everything(), AuthRequirementKind.POLICY,
					policy.resource(), policy.resource(), policy.action(), policy.tenant(), providerInputs);
		}
		PermissionCheckRequest permission = (PermissionCheckRequest) request;
		return DecisionKey.of(permission.context(), DecisionInputs.everything(), AuthRequirementKind.PERMISSION,
				permission.permission(), permission.resource(), null, permission.tenant(), providerInputs);
	}

	private static AuthorizationDecision denied(DecisionRequest request) {
		if (request instanceof RelationCheckRequest) {
			return RELATION_DENIED;
		}
		return (request instanceof AuthorizationRequest) ? POLICY_DENIED : PERMISSION_DENIED;
	}

	private String boundaryName(@Nullable Method method) {
		if (method == null) {
			return UNKNOWN_BOUNDARY;
		}
		String name = this.boundaryNames.get(method);
		return (name != null) ? name : this.boundaryNames.computeIfAbsent(method, AuthZenDecider::nameOf);
	}

	private static String nameOf(Method method) {
		return method.getDeclaringClass().getSimpleName() + "." + method.getName();
	}

	@Override
	public String toString() {
		return "AuthZenDecider[" + this.client + ", customizers=" + this.customizers.length + ", cached="
				+ (this.cache != null) + "]";
	}

	private record CustomizedInputs(String boundary, AuthZenRequestCustomizer.Added added) {

	}

}
