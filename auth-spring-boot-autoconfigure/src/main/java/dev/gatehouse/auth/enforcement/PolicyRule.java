package dev.gatehouse.auth.enforcement;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One rule of a declarative policy document: for a resource and an action ({@code *}
 * matches any), it allows (or, with {@link Effect#DENY}, denies) a caller who meets any
 * one of its conditions.
 *
 * @param name the rule's name, used in error messages
 * @param resource the resource the rule applies to, {@code *} for any, or {@code type:*}
 * for every resource {@code type:<id>} with a non-empty id
 * @param action the action the rule applies to, or {@code *}
 * @param effect whether a matching rule allows or denies
 * @param anyRole roles of which the caller needs one
 * @param anyScope scopes of which the caller needs one
 * @param anyPermission permissions of which the caller needs one (as the default
 * permission check grants them)
 * @param subjectClaims claims the caller needs one of, by name and value; a value of
 * {@code {tenant}}, {@code {resource}} or {@code {action}} stands for that value of the
 * call being checked
 */
public record PolicyRule(String name, String resource, String action, Effect effect, List<String> anyRole,
		List<String> anyScope, List<String> anyPermission, Map<String, String> subjectClaims) {

	/**
	 * The placeholders a subject-claim value may use: values of the call being checked.
	 */
	static final List<String> CALL_VALUES = List.of("{tenant}", "{resource}", "{action}");

	/**
	 * Validates the rule.
	 * @throws IllegalArgumentException naming the problem when the rule cannot be
	 * evaluated as written
	 */
	public PolicyRule {
		Objects.requireNonNull(effect, "effect must not be null");
		requireText(name, "name");
		requireText(resource, "resource");
		requireText(action, "action");
		if (resource.endsWith(":*") && (resource.length() == 2 || resource.indexOf(':') != resource.length() - 2)) {
			throw new IllegalArgumentException("resource '" + resource + "' of rule '" + name
					+ "' is not a type pattern: write type:* with a type that has no ':'");
		}
		anyRole = copyOf(anyRole, "any-role");
		anyScope = copyOf(anyScope, "any-scope");
		anyPermission = copyOf(anyPermission, "any-permission");
		subjectClaims = Map.copyOf(Objects.requireNonNull(subjectClaims, "subject-claim must not be null"));
		for (Map.Entry<String, String> claim : subjectClaims.entrySet()) {
			requireText(claim.getKey(), "subject-claim name");
			String value = claim.getValue();
			requireText(value, "subject-claim '" + claim.getKey() + "'");
			if ((value.indexOf('{') >= 0 || value.indexOf('}') >= 0) && !CALL_VALUES.contains(value)) {
				throw new IllegalArgumentException("subject-claim '" + claim.getKey() + "' compares with " + value
						+ "; the only placeholders are " + String.join(", ", CALL_VALUES));
			}
		}
		if (effect == Effect.ALLOW && anyRole.isEmpty() && anyScope.isEmpty() && anyPermission.isEmpty()
				&& subjectClaims.isEmpty()) {
			throw new IllegalArgumentException(
					"an allow rule needs at least one any-role, any-scope, any-permission or subject-claim condition");
		}
	}

	/**
	 * Whether a rule has no condition and so matches every caller (allowed for deny rules
	 * only).
	 * @return {@code true} when the rule is unconditional
	 */
	public boolean isUnconditional() {
		return this.anyRole.isEmpty() && this.anyScope.isEmpty() && this.anyPermission.isEmpty()
				&& this.subjectClaims.isEmpty();
	}

	/**
	 * The type of a {@code type:*} resource pattern.
	 * @return the type (what precedes {@code :*}), or {@code null} when the resource is
	 * exact or {@code *}
	 */
	public @Nullable String resourceType() {
		return this.resource.endsWith(":*") ? this.resource.substring(0, this.resource.length() - 2) : null;
	}

	private static void requireText(String value, String field) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(field + " must not be blank");
		}
	}

	private static List<String> copyOf(List<String> values, String field) {
		Objects.requireNonNull(values, () -> field + " must not be null");
		for (String value : values) {
			requireText(value, field + " entry");
		}
		return List.copyOf(values);
	}

	/** What a matching rule decides. */
	public enum Effect {

		/** A matching rule allows, unless a matching deny rule exists. */
		ALLOW,

		/** A matching rule denies, whatever allow rules say. */
		DENY

	}

}
