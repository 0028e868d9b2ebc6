package dev.gatehouse.auth.spi;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

/**
 * Resolves the dynamic references of an annotated method ({@code resource =
 * "document:{id}"}): a template is prepared once per method when its metadata is
 * resolved, and the prepared {@link Reference} is then resolved from the actual arguments
 * of each call.
 */
public interface InvocationResolver {

	/**
	 * Prepares a template that contains at least one {@code {placeholder}}, once per
	 * method.
	 * @param method the annotated method, whose parameters the placeholders name
	 * @param template the attribute value, for example {@code "org:{orgId}/doc:{doc.id}"}
	 * @return the prepared reference
	 * @throws IllegalArgumentException when a placeholder names no parameter or a path
	 * names no accessor; the message names the placeholder
	 */
	Reference prepare(Method method, String template);

	/**
	 * A template prepared for one method, resolved per call without further lookups.
	 */
	interface Reference {

		/**
		 * Returns the template this reference was prepared from.
		 * @return the template
		 */
		String template();

		/**
		 * Resolves the reference from a call's arguments.
		 * @param arguments the arguments of the call, in declaration order
		 * @return the resolved value, or {@code null} when a referenced value (or a step
		 * of its path) is {@code null}, or a referenced text value is blank
		 */
		@Nullable String resolve(@Nullable Object[] arguments);

		/**
		 * Tells which parameter left this reference without a value, after
		 * {@link #resolve} returned {@code null} for the same arguments; only called
		 * then, so it may do more work than {@code resolve}. Enforcement uses it to
		 * answer a value missing from a request as the client's mistake.
		 * @param arguments the arguments of the call, in declaration order
		 * @return the index of the parameter whose value (or a step of its path) is
		 * {@code null} or blank, or {@code -1} when not known, in which case the missing
		 * value is treated as a fault of the code
		 */
		default int unresolvedParameter(@Nullable Object[] arguments) {
			return -1;
		}

	}

}
