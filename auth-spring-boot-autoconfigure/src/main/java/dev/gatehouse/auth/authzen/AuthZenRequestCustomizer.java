package dev.gatehouse.auth.authzen;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.gatehouse.auth.spi.AuthorizationCall;
import dev.gatehouse.auth.spi.DecisionRequest;
import org.jspecify.annotations.Nullable;

/**
 * Adds subject, resource or context properties to an AuthZEN evaluation from the call's
 * arguments, so that the engine can decide on them; for example a document's owner, read
 * from the document the method receives, for an owner rule. Every bean of this type is
 * applied, in {@code @Order}, after the {@link AuthZenRequestMapper}; a property it adds
 * replaces one of the same name.
 *
 * <p>
 * What a customizer adds is part of the decision cache's key: two calls that differ in an
 * added property never share a cached decision.
 *
 * <pre class="code">
 * &#64;Bean
 * AuthZenRequestCustomizer documentOwner(DocumentStore documents) {
 *     return (request, call, properties) -&gt; {
 *         if (call.arguments().length &gt; 0 &amp;&amp; call.arguments()[0] instanceof String id) {
 *             documents.find(id).ifPresent((document) -&gt; properties.resource("owner", document.owner()));
 *         }
 *     };
 * }
 * </pre>
 */
@FunctionalInterface
public interface AuthZenRequestCustomizer {

	/**
	 * Adds properties for one requirement of a call.
	 * @param request the resolved requirement
	 * @param call the protected call, with its arguments
	 * @param properties where the properties are added
	 */
	void customize(DecisionRequest request, AuthorizationCall call, Properties properties);

	/**
	 * The properties customizers add to one evaluation. Values must be JSON-compatible:
	 * strings, numbers, booleans, lists and maps of those. Not thread-safe; one instance
	 * per evaluation.
	 */
	final class Properties {

		private final Map<String, Object> subject = new LinkedHashMap<>();

		private final Map<String, Object> resource = new LinkedHashMap<>();

		private final Map<String, Object> context = new LinkedHashMap<>();

		/**
		 * Adds a property of the subject.
		 * @param name the property's name
		 * @param value its value; {@code null} removes a property added before
		 * @return these properties
		 */
		public Properties subject(String name, @Nullable Object value) {
			put(this.subject, name, value);
			return this;
		}

		/**
		 * Adds a property of the resource.
		 * @param name the property's name
		 * @param value its value; {@code null} removes a property added before
		 * @return these properties
		 */
		public Properties resource(String name, @Nullable Object value) {
			put(this.resource, name, value);
			return this;
		}

		/**
		 * Adds a property of the evaluation's context.
		 * @param name the property's name
		 * @param value its value; {@code null} removes a property added before
		 * @return these properties
		 */
		public Properties context(String name, @Nullable Object value) {
			put(this.context, name, value);
			return this;
		}

		boolean isEmpty() {
			return this.subject.isEmpty() && this.resource.isEmpty() && this.context.isEmpty();
		}

		Added added() {
			return new Added(Collections.unmodifiableMap(new LinkedHashMap<>(this.subject)),
					Collections.unmodifiableMap(new LinkedHashMap<>(this.resource)),
					Collections.unmodifiableMap(new LinkedHashMap<>(this.context)));
		}

		private static void put(Map<String, Object> properties, String name, @Nullable Object value) {
			Objects.requireNonNull(name, "name must not be null");
			if (name.isBlank()) {
				throw new IllegalArgumentException("property names must not be blank");
			}
			if (value == null) {
				properties.remove(name);
			}
			else {
				properties.put(name, value);
			}
		}

	}

	/**
	 * What customizers added to one evaluation; part of its cache key.
	 *
	 * @param subject the subject properties
	 * @param resource the resource properties
	 * @param context the context properties
	 */
	record Added(Map<String, Object> subject, Map<String, Object> resource, Map<String, Object> context) {

		@Override
		public String toString() {
			// Values may be the caller's or the resource's attributes: named, not shown.
			return "Added[subject=" + this.subject.keySet() + ", resource=" + this.resource.keySet() + ", context="
					+ this.context.keySet() + "]";
		}

	}

}
