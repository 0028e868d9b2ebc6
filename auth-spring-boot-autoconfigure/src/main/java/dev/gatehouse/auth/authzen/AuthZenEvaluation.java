package dev.gatehouse.auth.authzen;

import java.util.Map;
import java.util.Objects;

/**
 * One AuthZEN access evaluation, as Gatehouse sends it: who ({@link Subject}) wants to do
 * what ({@link Action}) to which {@link Resource}, and in what context. The correlation
 * id is not part of it: the client adds it to the context when it sends the request, so
 * that an evaluation describes the question only and can be a cache key.
 *
 * @param subject the caller
 * @param action what the caller wants to do: the relation, permission or policy action
 * @param resource what it is done to
 * @param context further attributes of the call (the boundary); JSON-compatible values
 */
public record AuthZenEvaluation(Subject subject, Action action, Resource resource, Map<String, Object> context) {

	public AuthZenEvaluation {
		Objects.requireNonNull(subject, "subject must not be null");
		Objects.requireNonNull(action, "action must not be null");
		Objects.requireNonNull(resource, "resource must not be null");
		context = Map.copyOf(Objects.requireNonNull(context, "context must not be null"));
	}

	/**
	 * The caller.
	 *
	 * @param type the subject type, for example {@code user}
	 * @param id the subject id
	 * @param properties the caller's attributes (roles, scopes, tenant, issuer, selected
	 * claims); JSON-compatible values
	 */
	public record Subject(String type, String id, Map<String, Object> properties) {

		public Subject {
			requireText(type, "subject type");
			requireText(id, "subject id");
			properties = Map.copyOf(Objects.requireNonNull(properties, "properties must not be null"));
		}

		@Override
		public String toString() {
			// The properties are the caller's attributes: named, not shown.
			return "Subject[type=" + this.type + ", id=" + this.id + ", properties=" + this.properties.keySet() + "]";
		}

	}

	/**
	 * What the caller wants to do.
	 *
	 * @param name the action's name
	 */
	public record Action(String name) {

		public Action {
			requireText(name, "action name");
		}

	}

	/**
	 * What it is done to.
	 *
	 * @param type the resource type (the part of a {@code type:id} reference before the
	 * first colon)
	 * @param id the resource id (the part after it)
	 * @param properties attributes of the resource (its tenant, or what customizers add);
	 * JSON-compatible values
	 */
	public record Resource(String type, String id, Map<String, Object> properties) {

		public Resource {
			requireText(type, "resource type");
			requireText(id, "resource id");
			properties = Map.copyOf(Objects.requireNonNull(properties, "properties must not be null"));
		}

		@Override
		public String toString() {
			return "Resource[type=" + this.type + ", id=" + this.id + ", properties=" + this.properties.keySet() + "]";
		}

	}

	private static void requireText(String value, String name) {
		if (value == null) {
			throw new NullPointerException(name + " must not be null");
		}
		if (value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
	}

}
