package dev.gatehouse.auth.enforcement;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextNotFoundException;
import dev.gatehouse.auth.decision.AuthException;
import dev.gatehouse.auth.decision.AuthRequirementDeniedException;
import dev.gatehouse.auth.decision.AuthRequirementProviderUnavailableException;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.metadata.AuthRequirement;
import dev.gatehouse.auth.metadata.AuthRequirementKind;
import dev.gatehouse.auth.metadata.DynamicReferences;
import dev.gatehouse.auth.metadata.EffectiveAuthMetadata;
import dev.gatehouse.auth.metadata.RequirementReferences;
import dev.gatehouse.auth.spi.AuthorizationCall;
import dev.gatehouse.auth.spi.AuthorizationRequest;
import dev.gatehouse.auth.spi.BoundaryDecider;
import dev.gatehouse.auth.spi.DecisionRequest;
import dev.gatehouse.auth.spi.InvocationResolver.Reference;
import dev.gatehouse.auth.spi.PermissionCheckRequest;
import dev.gatehouse.auth.spi.PermissionChecker;
import dev.gatehouse.auth.spi.PolicyEvaluator;
import dev.gatehouse.auth.spi.RelationCheckRequest;
import dev.gatehouse.auth.spi.RelationChecker;
import dev.gatehouse.auth.spi.RoleCheckRequest;
import dev.gatehouse.auth.spi.RoleChecker;
import dev.gatehouse.auth.spi.ScopeCheckRequest;
import dev.gatehouse.auth.spi.ScopeChecker;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;

/**
 * Evaluates a boundary's requirements in order against a context, asking the ports, and
 * fails closed: the first decision that is not ALLOW is thrown as an
 * {@link AuthRequirementDeniedException}.
 *
 * <p>
 * Ports are looked up lazily on first use and then cached, so no provider bean is created
 * early and the hot path does no bean-factory lookup. A port with no single bean, a
 * checker that throws or one that returns {@code null} never lets the call through.
 * Thread-safe. As the {@link MethodCallEnforcer} it is what observation decorates.
 *
 * <p>
 * A port bean that is a {@link BoundaryDecider} (a remote engine) is asked once per call
 * about all the boundary's requirements it backs; the reported decision is still that of
 * the first refused requirement in declaration order.
 */
public final class AuthRequirementEvaluator implements MethodCallEnforcer {

	private static final AuthorizationDecision CHECKER_FAILED = AuthorizationDecision
		.error(AuthorizationReasonCode.INTERNAL_ERROR, "The authorization check failed.");

	private static final AuthorizationDecision UNRESOLVED_REFERENCE = AuthorizationDecision
		.error(AuthorizationReasonCode.INTERNAL_ERROR, "A dynamic reference of the requirement has no value.");

	private static final Object[] NO_ARGUMENTS = {};

	private static final int[] NO_INDEXES = {};

	private static final Object NOT_A_DECIDER = new Object();

	private final Port<RoleChecker> roleChecker;

	private final Port<ScopeChecker> scopeChecker;

	private final Port<PermissionChecker> permissionChecker;

	private final Port<RelationChecker> relationChecker;

	private final Port<PolicyEvaluator> policyEvaluator;

	// Consulted only when a protected call has no context; set once at configuration
	// time.
	private RejectedCredentialLookup rejectedCredentials = RejectedCredentialLookup.NONE;

	/**
	 * Creates an evaluator over suppliers of the ports; each supplier returns the one
	 * provider bean, or {@code null} when there is not exactly one.
	 * @param roleChecker supplies the {@link RoleChecker}
	 * @param scopeChecker supplies the {@link ScopeChecker}
	 * @param permissionChecker supplies the {@link PermissionChecker}
	 * @param relationChecker supplies the {@link RelationChecker}
	 * @param policyEvaluator supplies the {@link PolicyEvaluator}
	 */
	public AuthRequirementEvaluator(Supplier<@Nullable RoleChecker> roleChecker,
			Supplier<@Nullable ScopeChecker> scopeChecker, Supplier<@Nullable PermissionChecker> permissionChecker,
			Supplier<@Nullable RelationChecker> relationChecker, Supplier<@Nullable PolicyEvaluator> policyEvaluator) {
		this.roleChecker = new Port<>(roleChecker, RoleChecker.class);
		this.scopeChecker = new Port<>(scopeChecker, ScopeChecker.class);
		this.permissionChecker = new Port<>(permissionChecker, PermissionChecker.class);
		this.relationChecker = new Port<>(relationChecker, RelationChecker.class);
		this.policyEvaluator = new Port<>(policyEvaluator, PolicyEvaluator.class);
	}

	/**
	 * Refuses a protected call without a context with the rejection of the credential it
	 * presented, when the lookup knows one, instead of MISSING_CREDENTIAL.
	 * @param lookup finds the current call's rejected credential
	 */
	public void setRejectedCredentialLookup(RejectedCredentialLookup lookup) {
		this.rejectedCredentials = Objects.requireNonNull(lookup, "lookup must not be null");
	}

	/**
	 * Enforces the boundary's requirements against the context.
	 * @param metadata the boundary's metadata
	 * @param context the caller's context, or {@code null} when none is bound
	 * @throws AuthContextNotFoundException when the boundary is protected and no context
	 * is bound
	 * @throws AuthRequirementDeniedException when a requirement is not met or could not
	 * be evaluated
	 * @throws AuthRequirementProviderUnavailableException when a needed port has no
	 * single provider
	 */
	public void enforce(EffectiveAuthMetadata metadata, @Nullable AuthContext context) {
		enforce(metadata, context, NO_ARGUMENTS);
	}

	/**
	 * Enforces a protected method call's requirements, resolving dynamic references from
	 * its arguments; see {@link #enforce(EffectiveAuthMetadata, AuthContext, Object[])}.
	 * @param invocation the intercepted call (not proceeded)
	 * @param metadata the call's metadata
	 * @param context the caller's context, or {@code null} when none is bound
	 */
	@Override
	public void enforce(MethodInvocation invocation, EffectiveAuthMetadata metadata, @Nullable AuthContext context) {
		enforce(metadata, context, invocation.getArguments(), invocation.getMethod());
	}

	/**
	 * Enforces the boundary's requirements against the context, resolving its dynamic
	 * references from the call's arguments. A reference left without a value (null or
	 * blank) by a parameter that receives a request value refuses the call as the
	 * client's mistake ({@link RequestValueMissingException}); one left without a value
	 * by code refuses it with ERROR/INTERNAL_ERROR.
	 * @param metadata the boundary's metadata
	 * @param context the caller's context, or {@code null} when none is bound
	 * @param arguments the arguments of the call
	 * @throws AuthContextNotFoundException when the boundary is protected and no context
	 * is bound; its decision is the rejection of the call's credential when the
	 * {@link RejectedCredentialLookup} knows one
	 * @throws AuthRequirementDeniedException when a requirement is not met or could not
	 * be evaluated
	 * @throws AuthRequirementProviderUnavailableException when a needed port has no
	 * single provider
	 * @throws RequestValueMissingException when a dynamic reference has no value because
	 * the request did not supply it
	 */
	public void enforce(EffectiveAuthMetadata metadata, @Nullable AuthContext context, @Nullable Object[] arguments) {
		enforce(metadata, context, arguments, null);
	}

	private void enforce(EffectiveAuthMetadata metadata, @Nullable AuthContext context, @Nullable Object[] arguments,
			@Nullable Method method) {
		List<AuthRequirement> requirements = metadata.requirements();
		if (requirements.isEmpty()) {
			return;
		}
		if (context == null) {
			throw missingContext();
		}
		DynamicReferences references = metadata.references();
		// Decisions a BoundaryDecider made ahead, by requirement index; allocated only
		// when one is asked.
		@Nullable AuthorizationDecision[] decidedAhead = null;
		for (int i = 0; i < requirements.size(); i++) {
			AuthRequirement requirement = requirements.get(i);
			AuthorizationDecision decision = (decidedAhead != null) ? decidedAhead[i] : null;
			if (decision == null) {
				BoundaryDecider decider = boundaryDecider(requirement.kind());
				if (decider != null) {
					if (decidedAhead == null) {
						decidedAhead = new AuthorizationDecision[requirements.size()];
					}
					decision = decideTogether(decider, i, metadata, context, arguments, method, decidedAhead);
				}
				else {
					// Static boundaries share DynamicReferences.NONE: get(i) is a length
					// check, nothing is allocated.
					RequirementReferences dynamic = references.get(i);
					decision = (dynamic != null) ? decideDynamic(requirement, dynamic, references, context, arguments)
							: decide(requirement, requirement.resource(), requirement.action(), requirement.tenant(),
									context);
				}
			}
			if (!decision.isAllowed()) {
				throw new AuthRequirementDeniedException(decision);
			}
		}
	}

	// The port bean of a kind when it decides a boundary's requirements together;
	// resolving the port here refuses the call when it has no single provider, as asking
	// it would.
	private @Nullable BoundaryDecider boundaryDecider(AuthRequirementKind kind) {
		return switch (kind) {
			case PERMISSION -> this.permissionChecker.boundaryDecider();
			case RELATION -> this.relationChecker.boundaryDecider();
			case POLICY -> this.policyEvaluator.boundaryDecider();
			default -> null;
		};
	}

	/**
	 * Asks a boundary decider, in one call, about the requirement at {@code first} and
	 * every later requirement of a port with the same engine, up to the first one whose
	 * references do not resolve (decided when evaluation reaches it). Fills
	 * {@code decidedAhead} and returns the decision of {@code first}.
	 */
	private AuthorizationDecision decideTogether(BoundaryDecider decider, int first, EffectiveAuthMetadata metadata,
			AuthContext context, @Nullable Object[] arguments, @Nullable Method method,
			@Nullable AuthorizationDecision[] decidedAhead) {
		List<AuthRequirement> requirements = metadata.requirements();
		Object resolvedFirst = requestFor(first, metadata, context, arguments, true);
		if (resolvedFirst instanceof AuthorizationDecision refused) {
			return refused;
		}
		DecisionRequest firstRequest = (DecisionRequest) Objects.requireNonNull(resolvedFirst);
		Object engine = decider.engine();
		List<DecisionRequest> requests = null;
		// indexes[k] is the requirement index of requests.get(k), for k > 0; the common
		// single request needs none.
		int[] indexes = NO_INDEXES;
		for (int j = first + 1; j < requirements.size(); j++) {
			AuthRequirement requirement = requirements.get(j);
			BoundaryDecider other = boundaryDecider(requirement.kind());
			if (other == null || other.engine() != engine) {
				continue;
			}
			Object resolved = requestFor(j, metadata, context, arguments, false);
			if (!(resolved instanceof DecisionRequest request)) {
				break;
			}
			if (requests == null) {
				requests = new ArrayList<>(requirements.size() - first);
				requests.add(firstRequest);
				indexes = new int[requirements.size() - first];
			}
			indexes[requests.size()] = j;
			requests.add(request);
		}
		if (requests == null) {
			requests = List.of(firstRequest);
		}
		List<AuthorizationDecision> decisions;
		try {
			decisions = decider.decideAll(requests, new AuthorizationCall(method, nonNullArguments(arguments)));
		}
		catch (AuthException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new AuthRequirementDeniedException(CHECKER_FAILED, ex);
		}
		if (decisions == null || decisions.isEmpty() || decisions.size() > requests.size()) {
			return CHECKER_FAILED;
		}
		for (int k = 0; k < decisions.size(); k++) {
			AuthorizationDecision decision = decisions.get(k);
			decidedAhead[(k == 0) ? first : indexes[k]] = (decision != null) ? decision : CHECKER_FAILED;
		}
		int last = decisions.size() - 1;
		AuthorizationDecision lastDecision = decidedAhead[(last == 0) ? first : indexes[last]];
		if (decisions.size() < requests.size() && lastDecision != null && lastDecision.isAllowed()) {
			// Stopped early without a refusal: the rest were never decided.
			decidedAhead[indexes[last + 1]] = CHECKER_FAILED;
		}
		AuthorizationDecision decided = decidedAhead[first];
		return (decided != null) ? decided : CHECKER_FAILED;
	}

	private static @Nullable Object[] nonNullArguments(@Nullable Object @Nullable [] arguments) {
		return (arguments != null) ? arguments : NO_ARGUMENTS;
	}

	/**
	 * Builds the port request of the requirement at {@code index}, resolving its dynamic
	 * references; returns the refusing decision when a reference has no value. With
	 * {@code refuse} false (a later requirement asked ahead) a requirement that cannot be
	 * built returns {@code null} instead, and is refused when evaluation reaches it.
	 */
	private @Nullable Object requestFor(int index, EffectiveAuthMetadata metadata, AuthContext context,
			@Nullable Object[] arguments, boolean refuse) {
		AuthRequirement requirement = metadata.requirements().get(index);
		DynamicReferences references = metadata.references();
		RequirementReferences dynamic = references.get(index);
		if (dynamic == null) {
			return buildRequest(requirement, requirement.resource(), requirement.action(), requirement.tenant(),
					context, refuse);
		}
		String resource;
		String action;
		String tenant;
		try {
			resource = resolve(dynamic.resource(), requirement.resource(), arguments);
			action = resolve(dynamic.action(), requirement.action(), arguments);
			tenant = resolve(dynamic.tenant(), requirement.tenant(), arguments);
		}
		catch (RuntimeException ex) {
			if (!refuse) {
				return null;
			}
			throw new AuthRequirementDeniedException(CHECKER_FAILED, ex);
		}
		Reference unresolved = unresolved(dynamic, resource, action, tenant);
		if (unresolved != null) {
			return refuse ? refuseUnresolved(unresolved, references, arguments) : null;
		}
		return buildRequest(requirement, resource, action, tenant, context, refuse);
	}

	private static @Nullable DecisionRequest buildRequest(AuthRequirement requirement, @Nullable String resource,
			@Nullable String action, @Nullable String tenant, AuthContext context, boolean refuse) {
		try {
			return request(requirement, resource, action, tenant, context);
		}
		catch (AuthRequirementDeniedException ex) {
			if (refuse) {
				throw ex;
			}
			return null;
		}
	}

	private static DecisionRequest request(AuthRequirement requirement, @Nullable String resource,
			@Nullable String action, @Nullable String tenant, AuthContext context) {
		try {
			return switch (requirement.kind()) {
				case PERMISSION -> new PermissionCheckRequest(context, requirement.ref(), resource, tenant);
				case RELATION -> new RelationCheckRequest(context, requirement.ref(), nonNull(resource), tenant);
				case POLICY -> new AuthorizationRequest(context, nonNull(resource), nonNull(action), tenant);
				default -> throw new IllegalStateException(requirement.kind() + " is not decided by a port request");
			};
		}
		catch (RuntimeException ex) {
			throw new AuthRequirementDeniedException(CHECKER_FAILED, ex);
		}
	}

	private AuthContextNotFoundException missingContext() {
		AuthException rejected;
		try {
			rejected = this.rejectedCredentials.rejectedCredential();
		}
		catch (RuntimeException ex) {
			// Only the reason code is at stake: the call is refused either way.
			rejected = null;
		}
		return (rejected != null) ? new AuthContextNotFoundException(rejected) : new AuthContextNotFoundException();
	}

	private AuthorizationDecision decideDynamic(AuthRequirement requirement, RequirementReferences dynamic,
			DynamicReferences references, AuthContext context, @Nullable Object[] arguments) {
		String resource;
		String action;
		String tenant;
		try {
			resource = resolve(dynamic.resource(), requirement.resource(), arguments);
			action = resolve(dynamic.action(), requirement.action(), arguments);
			tenant = resolve(dynamic.tenant(), requirement.tenant(), arguments);
		}
		catch (RuntimeException ex) {
			// A getter on the path threw: the reference has no trustworthy value.
			throw new AuthRequirementDeniedException(CHECKER_FAILED, ex);
		}
		Reference unresolved = unresolved(dynamic, resource, action, tenant);
		if (unresolved != null) {
			return refuseUnresolved(unresolved, references, arguments);
		}
		return decide(requirement, resource, action, tenant, context);
	}

	private static @Nullable Reference unresolved(RequirementReferences dynamic, @Nullable String resource,
			@Nullable String action, @Nullable String tenant) {
		return (dynamic.resource() != null && resource == null) ? dynamic.resource()
				: (dynamic.action() != null && action == null) ? dynamic.action()
						: (dynamic.tenant() != null && tenant == null) ? dynamic.tenant() : null;
	}

	// A reference without a value: the client's mistake when a request value feeds it,
	// otherwise the code's.
	private static AuthorizationDecision refuseUnresolved(Reference unresolved, DynamicReferences references,
			@Nullable Object[] arguments) {
		String requestValue = references.requestValue(unresolvedParameter(unresolved, arguments));
		if (requestValue != null) {
			throw new RequestValueMissingException(requestValue);
		}
		return UNRESOLVED_REFERENCE;
	}

	// Off the hot path: only a reference that has just failed to resolve is asked.
	private static int unresolvedParameter(Reference reference, @Nullable Object[] arguments) {
		try {
			return reference.unresolvedParameter(arguments);
		}
		catch (RuntimeException ex) {
			// Unknown: treated as a fault of the code, ERROR/INTERNAL_ERROR.
			return -1;
		}
	}

	private static @Nullable String resolve(@Nullable Reference reference, @Nullable String value,
			@Nullable Object[] arguments) {
		return (reference != null) ? reference.resolve(arguments) : value;
	}

	private AuthorizationDecision decide(AuthRequirement requirement, @Nullable String resource,
			@Nullable String action, @Nullable String tenant, AuthContext context) {
		AuthorizationDecision decision;
		try {
			decision = switch (requirement.kind()) {
				case AUTHENTICATED -> AuthorizationDecision.allow();
				case ROLE -> this.roleChecker.get().checkRole(new RoleCheckRequest(context, requirement.ref(), tenant));
				case SCOPE -> this.scopeChecker.get().checkScope(new ScopeCheckRequest(context, requirement.ref()));
				case PERMISSION -> this.permissionChecker.get()
					.checkPermission(new PermissionCheckRequest(context, requirement.ref(), resource, tenant));
				case RELATION -> this.relationChecker.get()
					.checkRelation(new RelationCheckRequest(context, requirement.ref(), nonNull(resource), tenant));
				case POLICY -> this.policyEvaluator.get()
					.evaluatePolicy(new AuthorizationRequest(context, nonNull(resource), nonNull(action), tenant));
			};
		}
		catch (AuthException ex) {
			// Already a typed refusal (provider unavailable, or a checker's own
			// decision): keep it as it is.
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new AuthRequirementDeniedException(CHECKER_FAILED, ex);
		}
		return (decision != null) ? decision : CHECKER_FAILED;
	}

	private static String nonNull(@Nullable String value) {
		if (value == null) {
			throw new IllegalStateException("requirement is missing a mandatory field");
		}
		return value;
	}

	/**
	 * A port resolved on first use and cached; refuses the call when no single provider
	 * exists.
	 */
	private static final class Port<T> {

		private final SingletonSupplier<T> provider;

		private final String portName;

		// The provider as a BoundaryDecider, or NOT_A_DECIDER: decided once, so a call
		// does no type check. Written racily but idempotently, like String's hash.
		private @Nullable Object boundaryDecider;

		Port(Supplier<@Nullable T> provider, Class<T> portType) {
			// Checked here: a null supplier would otherwise be an INTERNAL_ERROR on every
			// call, not a startup error.
			Objects.requireNonNull(provider, () -> portType.getSimpleName() + " supplier must not be null");
			this.provider = SingletonSupplier.ofNullable(() -> provider.get());
			this.portName = portType.getSimpleName();
		}

		T get() {
			T port = this.provider.get();
			if (port == null) {
				throw new AuthRequirementProviderUnavailableException("No single " + this.portName
						+ " bean is available, so the requirement cannot be checked. Define exactly one bean "
						+ "implementing " + this.portName + ".");
			}
			return port;
		}

		@Nullable BoundaryDecider boundaryDecider() {
			Object known = this.boundaryDecider;
			if (known == null) {
				T port = get();
				known = (port instanceof BoundaryDecider decider) ? decider : NOT_A_DECIDER;
				this.boundaryDecider = known;
			}
			return (known != NOT_A_DECIDER) ? (BoundaryDecider) known : null;
		}

	}

}
