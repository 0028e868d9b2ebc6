package dev.gatehouse.auth.metadata;

import java.lang.annotation.Annotation;
import java.lang.annotation.Repeatable;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.gatehouse.auth.annotation.Protected;
import dev.gatehouse.auth.annotation.PublicAccess;
import dev.gatehouse.auth.annotation.RequirePermission;
import dev.gatehouse.auth.annotation.RequirePolicy;
import dev.gatehouse.auth.annotation.RequireRelation;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.annotation.RequireScope;
import dev.gatehouse.auth.spi.InvocationResolver.Reference;
import dev.gatehouse.auth.spi.InvocationResolver;
import org.jspecify.annotations.Nullable;

import org.springframework.core.BridgeMethodResolver;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.util.ClassUtils;

/**
 * Resolves the {@link EffectiveAuthMetadata} of a method as invoked on a target class,
 * and caches it per (method, target class).
 *
 * <p>
 * Sources, in order: class level first (the target class, its superclasses, then its
 * interfaces), then method level (the method and the methods it overrides or implements,
 * in the same type order). Within one element, annotations count in declaration order,
 * and a composed annotation contributes its meta-annotations where it stands (depth
 * first, in declaration order), with the values its {@code @AliasFor} attributes give
 * them. A type's class-level annotations apply to the methods that type (or one of its
 * own supertypes) declares, so a type-level annotation on an interface covers that
 * interface's methods only. {@code toString}, {@code equals} and {@code hashCode} are
 * never boundaries.
 *
 * <p>
 * Thread-safe. A cache hit allocates nothing.
 */
public final class AuthMetadataResolver {

	/**
	 * Gatehouse's seven access annotations; the one list that metadata resolution and
	 * startup validation both use to recognise them, directly or inside a composed
	 * annotation.
	 */
	public static final Set<Class<? extends Annotation>> AUTH_ANNOTATIONS = Set.of(PublicAccess.class, Protected.class,
			RequireScope.class, RequireRole.class, RequirePermission.class, RequirePolicy.class, RequireRelation.class);

	/**
	 * The access annotations plus the containers Java uses when a repeatable one is
	 * repeated.
	 */
	private static final Set<Class<? extends Annotation>> AUTH_ANNOTATION_TYPES = withRepeatableContainers(
			AUTH_ANNOTATIONS);

	private static final Map<Class<? extends Annotation>, RequirementFactory> FACTORIES = requirementFactories();

	private final Map<Method, ResolvedForClasses> cache = new ConcurrentHashMap<>();

	private final ComputationHook computationHook;

	private final InvocationResolver invocationResolver;

	private final RequestValueParameters requestValues;

	private final Map<Class<?>, Boolean> annotatedTypes = new ConcurrentHashMap<>();

	/**
	 * Creates a resolver with an empty cache.
	 */
	public AuthMetadataResolver() {
		this(new ParameterInvocationResolver());
	}

	/**
	 * Creates a resolver that prepares {@code {placeholder}} references with the given
	 * resolver.
	 * @param invocationResolver prepares each dynamic reference once, when its method is
	 * resolved
	 */
	public AuthMetadataResolver(InvocationResolver invocationResolver) {
		this(invocationResolver, RequestValueParameters.NONE, ComputationHook.NONE);
	}

	/**
	 * Creates a resolver that prepares {@code {placeholder}} references with the given
	 * resolver and learns which parameters receive request values from the given
	 * strategy, so that a reference a request leaves without a value is refused as a bad
	 * request rather than an internal error.
	 * @param invocationResolver prepares each dynamic reference once, when its method is
	 * resolved
	 * @param requestValues tells, once per boundary with dynamic references, which of its
	 * parameters receive request values
	 */
	public AuthMetadataResolver(InvocationResolver invocationResolver, RequestValueParameters requestValues) {
		this(invocationResolver, requestValues, ComputationHook.NONE);
	}

	/**
	 * Creates a resolver that tells the hook about every uncached computation; for tests
	 * only.
	 * @param computationHook called before each computation, while the method's cache
	 * entry is locked
	 */
	AuthMetadataResolver(ComputationHook computationHook) {
		this(new ParameterInvocationResolver(), RequestValueParameters.NONE, computationHook);
	}

	private AuthMetadataResolver(InvocationResolver invocationResolver, RequestValueParameters requestValues,
			ComputationHook computationHook) {
		this.invocationResolver = Objects.requireNonNull(invocationResolver, "invocationResolver must not be null");
		this.requestValues = Objects.requireNonNull(requestValues, "requestValues must not be null");
		this.computationHook = Objects.requireNonNull(computationHook, "computationHook must not be null");
	}

	/**
	 * Returns the metadata of the method when invoked on an instance of the target class.
	 * @param method the invoked method (possibly an interface method)
	 * @param targetClass the class of the target object, or {@code null} to use the
	 * method's declaring class
	 * @return the metadata; {@link EffectiveAuthMetadata#NONE} for undecorated code
	 * @throws ConflictingAuthMetadataException when the boundary is both public and
	 * protected
	 * @throws InvalidAuthMetadataException when an annotation carries a value that cannot
	 * be enforced, or a {@code {placeholder}} that names no parameter or accessor of the
	 * method
	 */
	public EffectiveAuthMetadata resolve(Method method, @Nullable Class<?> targetClass) {
		Class<?> type = (targetClass != null) ? targetClass : method.getDeclaringClass();
		ResolvedForClasses resolved = this.cache.get(method);
		if (resolved != null) {
			EffectiveAuthMetadata metadata = resolved.find(type);
			if (metadata != null) {
				return metadata;
			}
		}
		// Computed inside the map's atomic compute so that threads missing the cache
		// together compute the
		// pair once: the others wait for it instead of computing (and validating) it
		// again.
		ResolvedForClasses updated = this.cache.compute(method, (key, existing) -> {
			if (existing != null && existing.find(type) != null) {
				return existing;
			}
			this.computationHook.beforeCompute(method, type);
			EffectiveAuthMetadata computed = computeMetadata(method, type);
			return (existing != null) ? existing.with(type, computed)
					: new ResolvedForClasses(new Class<?>[] { type }, new EffectiveAuthMetadata[] { computed });
		});
		return Objects.requireNonNull(updated.find(type));
	}

	/**
	 * Whether the type, its supertypes or any of their methods carry a Gatehouse
	 * annotation, directly or as a meta-annotation. Cheap after the first call per type;
	 * used to skip undecorated classes entirely.
	 * @param type the class to inspect
	 * @return {@code true} if any auth annotation is present
	 */
	public boolean hasAuthAnnotations(Class<?> type) {
		return this.annotatedTypes.computeIfAbsent(ClassUtils.getUserClass(type), this::scanForAuthAnnotations);
	}

	/**
	 * Computes the metadata without consulting the cache; called once per (method, target
	 * class).
	 */
	private EffectiveAuthMetadata computeMetadata(Method method, Class<?> targetClass) {
		Class<?> userClass = ClassUtils.getUserClass(targetClass);
		if (Boundaries.isObjectMethod(method) || Modifier.isStatic(method.getModifiers())) {
			return EffectiveAuthMetadata.NONE;
		}
		Method specific = BridgeMethodResolver.findBridgedMethod(ClassUtils.getMostSpecificMethod(method, userClass));
		List<Class<?>> hierarchy = typeHierarchy(userClass, specific.getDeclaringClass());
		List<Method> methodSources = new ArrayList<>();
		List<Class<?>> declaringTypes = new ArrayList<>();
		for (Class<?> type : hierarchy) {
			Method declared = findMatchingDeclaredMethod(type, specific, userClass);
			if (declared != null) {
				methodSources.add(declared);
				declaringTypes.add(type);
			}
		}
		String boundary = Boundaries.name(userClass, specific);
		Collected collected = new Collected(boundary, specific, userClass, this.invocationResolver, this.requestValues);
		for (Class<?> type : hierarchy) {
			if (appliesToMethod(type, declaringTypes)) {
				collectDeclared(type, collected);
			}
		}
		for (Method source : methodSources) {
			collectDeclared(source, collected);
		}
		return collected.toMetadata();
	}

	private static Set<Class<? extends Annotation>> withRepeatableContainers(
			Set<Class<? extends Annotation>> annotations) {
		Set<Class<? extends Annotation>> types = new HashSet<>(annotations);
		for (Class<? extends Annotation> annotation : annotations) {
			Repeatable repeatable = annotation.getAnnotation(Repeatable.class);
			if (repeatable != null) {
				types.add(repeatable.value());
			}
		}
		return Set.copyOf(types);
	}

	/**
	 * The target class and its superclasses, then all interfaces; the method's declaring
	 * type is included.
	 */
	private static List<Class<?>> typeHierarchy(Class<?> userClass, Class<?> declaringClass) {
		Set<Class<?>> types = new LinkedHashSet<>();
		for (Class<?> type = userClass; type != null && type != Object.class; type = type.getSuperclass()) {
			types.add(type);
		}
		types.addAll(TypeHierarchy.allInterfaces(userClass));
		if (declaringClass != Object.class && !types.contains(declaringClass)) {
			// An interface method invoked on a target that does not implement it
			// (introductions, JDK proxies).
			types.add(declaringClass);
			types.addAll(TypeHierarchy.allInterfaces(declaringClass));
		}
		return new ArrayList<>(types);
	}

	/**
	 * The interfaces the type and its superclasses implement, then their superinterfaces
	 * (breadth first). {@link ClassUtils#getAllInterfacesForClassAsSet} lists only the
	 * interfaces a class names directly, but an annotation on a superinterface must
	 * protect its methods just the same.
	 */
	private static @Nullable Method findMatchingDeclaredMethod(Class<?> type, Method specific, Class<?> userClass) {
		for (Method candidate : type.getDeclaredMethods()) {
			if (candidate.isBridge() || candidate.isSynthetic() || Modifier.isStatic(candidate.getModifiers())
					|| !candidate.getName().equals(specific.getName())
					|| candidate.getParameterCount() != specific.getParameterCount()) {
				continue;
			}
			if (candidate.equals(specific)) {
				return candidate;
			}
			if (Modifier.isPrivate(candidate.getModifiers())) {
				continue;
			}
			Method resolved = BridgeMethodResolver
				.findBridgedMethod(ClassUtils.getMostSpecificMethod(candidate, userClass));
			if (resolved.equals(specific)) {
				return candidate;
			}
		}
		return null;
	}

	private static boolean appliesToMethod(Class<?> type, List<Class<?>> declaringTypes) {
		for (Class<?> declaringType : declaringTypes) {
			if (declaringType.isAssignableFrom(type)) {
				return true;
			}
		}
		return false;
	}

	private static void collectDeclared(AnnotatedElement element, Collected collected) {
		for (Annotation annotation : element.getDeclaredAnnotations()) {
			collect(element, annotation, collected);
		}
	}

	/**
	 * Collects what one declared annotation contributes, through
	 * {@link MergedAnnotations} so that {@code @AliasFor} attributes of a composed
	 * annotation override its meta-annotations' values. Spring orders merged annotations
	 * by distance; they are re-sorted depth first in declaration order, so that a
	 * composed annotation's meta-annotations count where it stands, in the order they are
	 * declared.
	 */
	private static void collect(AnnotatedElement element, Annotation annotation, Collected collected) {
		if (!isOrComposesAuthAnnotation(annotation.annotationType(), new HashSet<>())) {
			return;
		}
		List<MergedAnnotation<Annotation>> found = new ArrayList<>();
		MergedAnnotations.from(element, new Annotation[] { annotation })
			.stream()
			.filter((merged) -> FACTORIES.containsKey(merged.getType()))
			.forEach(found::add);
		if (found.size() > 1) {
			// Stable: annotations unpacked from one repeatable container keep the
			// container's order.
			found.sort(Comparator.comparing(AuthMetadataResolver::declarationPath, AuthMetadataResolver::comparePaths));
		}
		for (MergedAnnotation<Annotation> merged : found) {
			// The table covers every annotation type the merged view can yield (checked
			// when the class loads).
			Objects.requireNonNull(FACTORIES.get(merged.getType())).collect(merged, collected);
		}
	}

	/**
	 * The position of each meta-annotation on the path from the declared annotation, in
	 * declaration order.
	 */
	private static int[] declarationPath(MergedAnnotation<?> merged) {
		List<Class<? extends Annotation>> metaTypes = merged.getMetaTypes();
		int[] path = new int[metaTypes.size() - 1];
		for (int i = 1; i < metaTypes.size(); i++) {
			path[i - 1] = declarationIndex(metaTypes.get(i - 1), metaTypes.get(i));
		}
		return path;
	}

	private static int declarationIndex(Class<? extends Annotation> annotated, Class<? extends Annotation> type) {
		Annotation[] declared = annotated.getDeclaredAnnotations();
		Repeatable repeatable = type.getAnnotation(Repeatable.class);
		for (int i = 0; i < declared.length; i++) {
			Class<? extends Annotation> declaredType = declared[i].annotationType();
			if (declaredType == type || (repeatable != null && declaredType == repeatable.value())) {
				return i;
			}
		}
		return declared.length;
	}

	private static int comparePaths(int[] first, int[] second) {
		return Arrays.compare(first, second);
	}

	private static Map<Class<? extends Annotation>, RequirementFactory> requirementFactories() {
		Map<Class<? extends Annotation>, RequirementFactory> factories = new HashMap<>();
		factories.put(PublicAccess.class, (annotation, collected) -> collected.publicAccess("@PublicAccess"));
		factories.put(Protected.class,
				(annotation, collected) -> collected.add(AuthRequirement.authenticated(), "@Protected"));
		factories.put(RequireScope.class, (annotation, collected) -> collected
			.add(AuthRequirement.scope(collected.required(annotation, "@RequireScope", "value")), "@RequireScope"));
		factories.put(RequireRole.class,
				(annotation, collected) -> collected
					.add(AuthRequirement.role(collected.required(annotation, "@RequireRole", "value"),
							collected.optional(annotation, "@RequireRole", "tenant")), "@RequireRole"));
		factories
			.put(RequirePermission.class,
					(annotation, collected) -> collected.add(
							AuthRequirement.permission(collected.required(annotation, "@RequirePermission", "value"),
									collected.optional(annotation, "@RequirePermission", "resource"),
									collected.optional(annotation, "@RequirePermission", "tenant")),
							"@RequirePermission"));
		factories
			.put(RequirePolicy.class,
					(annotation,
							collected) -> collected.add(
									AuthRequirement.policy(collected.required(annotation, "@RequirePolicy", "resource"),
											collected.required(annotation, "@RequirePolicy", "action"),
											collected.optional(annotation, "@RequirePolicy", "tenant")),
									"@RequirePolicy"));
		factories.put(RequireRelation.class,
				(annotation,
						collected) -> collected.add(
								AuthRequirement.relation(collected.required(annotation, "@RequireRelation", "value"),
										collected.required(annotation, "@RequireRelation", "resource"),
										collected.optional(annotation, "@RequireRelation", "tenant")),
								"@RequireRelation"));
		if (!factories.keySet().equals(AUTH_ANNOTATIONS)) {
			throw new IllegalStateException("Every Gatehouse annotation needs exactly one requirement factory");
		}
		return Map.copyOf(factories);
	}

	/** Observes uncached computations, so that tests can count them and hold them. */
	@FunctionalInterface
	interface ComputationHook {

		ComputationHook NONE = (method, targetClass) -> {
		};

		void beforeCompute(Method method, Class<?> targetClass);

	}

	/**
	 * Turns one (alias-resolved) access annotation into what it contributes to a
	 * boundary.
	 */
	@FunctionalInterface
	private interface RequirementFactory {

		void collect(MergedAnnotation<Annotation> annotation, Collected collected);

	}

	private static boolean isPlatformAnnotation(Class<? extends Annotation> type) {
		String name = type.getName();
		return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
				|| name.startsWith("kotlin.") || name.startsWith("org.jspecify.")
				|| name.startsWith("org.springframework.lang.");
	}

	private boolean scanForAuthAnnotations(Class<?> userClass) {
		Set<Class<?>> types = new LinkedHashSet<>();
		for (Class<?> type = userClass; type != null && type != Object.class; type = type.getSuperclass()) {
			types.add(type);
		}
		types.addAll(TypeHierarchy.allInterfaces(userClass));
		for (Class<?> type : types) {
			if (carriesAuthAnnotation(type)) {
				return true;
			}
			for (Method method : type.getDeclaredMethods()) {
				if (carriesAuthAnnotation(method)) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean carriesAuthAnnotation(AnnotatedElement element) {
		for (Annotation annotation : element.getDeclaredAnnotations()) {
			if (isOrComposesAuthAnnotation(annotation.annotationType(), new HashSet<>())) {
				return true;
			}
		}
		return false;
	}

	private static boolean isOrComposesAuthAnnotation(Class<? extends Annotation> type, Set<Class<?>> visiting) {
		if (AUTH_ANNOTATION_TYPES.contains(type)) {
			return true;
		}
		if (isPlatformAnnotation(type) || !visiting.add(type)) {
			return false;
		}
		for (Annotation meta : type.getDeclaredAnnotations()) {
			if (isOrComposesAuthAnnotation(meta.annotationType(), visiting)) {
				return true;
			}
		}
		return false;
	}

	/** Requirements found for one boundary, duplicates collapsed keeping the first. */
	private static final class Collected {

		private final String boundary;

		private final Method method;

		private final Class<?> targetClass;

		private final InvocationResolver invocationResolver;

		private final RequestValueParameters requestValues;

		private final Set<AuthRequirement> requirements = new LinkedHashSet<>();

		private final Map<String, Reference> references = new HashMap<>();

		private @Nullable String publicSource;

		private @Nullable String requirementSource;

		Collected(String boundary, Method method, Class<?> targetClass, InvocationResolver invocationResolver,
				RequestValueParameters requestValues) {
			this.boundary = boundary;
			this.method = method;
			this.targetClass = targetClass;
			this.invocationResolver = invocationResolver;
			this.requestValues = requestValues;
		}

		void publicAccess(String source) {
			this.publicSource = source;
		}

		void add(AuthRequirement requirement, String source) {
			if (this.requirementSource == null) {
				this.requirementSource = source;
			}
			this.requirements.add(requirement);
		}

		String required(MergedAnnotation<Annotation> merged, String annotation, String attribute) {
			return required(merged.getString(attribute), annotation, attribute);
		}

		@Nullable String optional(MergedAnnotation<Annotation> merged, String annotation, String attribute) {
			String value = merged.getString(attribute);
			return value.isEmpty() ? null : required(value, annotation, attribute);
		}

		private String required(String value, String annotation, String attribute) {
			if (value.isBlank()) {
				throw new InvalidAuthMetadataException(
						annotation + "(" + attribute + ") on " + this.boundary + " must not be blank.");
			}
			if (value.indexOf('{') < 0 && value.indexOf('}') < 0) {
				return value;
			}
			if (attribute.equals("value")) {
				// Role, scope, permission and relation names are part of the contract a
				// provider is checked
				// against at startup; only where a call is about (resource, action,
				// tenant) may vary per call.
				throw new InvalidAuthMetadataException(annotation + "(" + attribute + " = \"" + value + "\") on "
						+ this.boundary + " uses a {placeholder}, which only resource, action and tenant accept. "
						+ "Use a static value.");
			}
			if (!this.references.containsKey(value)) {
				try {
					this.references.put(value, this.invocationResolver.prepare(this.method, value));
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidAuthMetadataException(annotation + "(" + attribute + " = \"" + value + "\") on "
							+ this.boundary + " cannot be resolved: " + ex.getMessage() + ".");
				}
			}
			return value;
		}

		private @Nullable RequirementReferences referencesOf(AuthRequirement requirement) {
			Reference resource = reference(requirement.resource());
			Reference action = reference(requirement.action());
			Reference tenant = reference(requirement.tenant());
			if (resource == null && action == null && tenant == null) {
				return null;
			}
			return new RequirementReferences(resource, action, tenant);
		}

		private @Nullable Reference reference(@Nullable String value) {
			return (value != null) ? this.references.get(value) : null;
		}

		EffectiveAuthMetadata toMetadata() {
			if (this.publicSource != null && this.requirementSource != null) {
				throw new ConflictingAuthMetadataException(this.boundary + " is declared both " + this.publicSource
						+ " and protected (" + this.requirementSource
						+ "). Remove one of them: a boundary is either public or protected.");
			}
			if (this.publicSource != null) {
				return EffectiveAuthMetadata.PUBLIC;
			}
			if (this.requirements.isEmpty()) {
				return EffectiveAuthMetadata.NONE;
			}
			List<AuthRequirement> ordered = new ArrayList<>(this.requirements.size() + 1);
			List<@Nullable RequirementReferences> dynamic = new ArrayList<>(this.requirements.size() + 1);
			ordered.add(AuthRequirement.authenticated());
			dynamic.add(null);
			for (AuthRequirement requirement : this.requirements) {
				if (!requirement.equals(AuthRequirement.authenticated())) {
					ordered.add(requirement);
					dynamic.add(this.references.isEmpty() ? null : referencesOf(requirement));
				}
			}
			// Asked only for boundaries with placeholders: for the others, where a value
			// comes from does not matter.
			@Nullable String @Nullable [] requestValues = this.references.isEmpty() ? null
					: this.requestValues.describe(this.method, this.targetClass);
			return new EffectiveAuthMetadata(false, ordered, DynamicReferences.of(dynamic, requestValues));
		}

	}

	/**
	 * Copy-on-write table of the metadata resolved for one method on each target class
	 * seen so far.
	 */
	private record ResolvedForClasses(Class<?>[] types, EffectiveAuthMetadata[] metadata) {

		@Nullable EffectiveAuthMetadata find(Class<?> type) {
			for (int i = 0; i < this.types.length; i++) {
				if (this.types[i] == type) {
					return this.metadata[i];
				}
			}
			return null;
		}

		/**
		 * Returns a copy with one more entry; the caller has checked that the type is not
		 * present yet.
		 */
		ResolvedForClasses with(Class<?> type, EffectiveAuthMetadata resolved) {
			int size = this.types.length;
			Class<?>[] newTypes = java.util.Arrays.copyOf(this.types, size + 1);
			EffectiveAuthMetadata[] newMetadata = java.util.Arrays.copyOf(this.metadata, size + 1);
			newTypes[size] = type;
			newMetadata[size] = resolved;
			return new ResolvedForClasses(newTypes, newMetadata);
		}

	}

}
