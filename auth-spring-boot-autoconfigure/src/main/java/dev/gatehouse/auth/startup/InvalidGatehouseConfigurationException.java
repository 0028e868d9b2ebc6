package dev.gatehouse.auth.startup;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A {@code gatehouse.*} property has a value Gatehouse cannot work with, found while the
 * application starts. It names the property and says what to do; it never carries the
 * value itself, which may be a secret. Spring Boot's failure report prints it (see the
 * startup package's failure analyzer) instead of a stack trace.
 */
public class InvalidGatehouseConfigurationException extends IllegalArgumentException {

	private final String property;

	private final String problem;

	private final String action;

	/**
	 * Creates the exception.
	 * @param property the property to fix, for example
	 * {@code gatehouse.api-keys[1].sha256}
	 * @param problem what is wrong with it, without its value
	 * @param action what to do about it
	 */
	public InvalidGatehouseConfigurationException(String property, String problem, String action) {
		this(property, problem, action, null);
	}

	/**
	 * Creates the exception with a cause, which must not carry the property's value in
	 * its message either.
	 * @param property the property to fix
	 * @param problem what is wrong with it, without its value
	 * @param action what to do about it
	 * @param cause the underlying failure, or {@code null}
	 */
	public InvalidGatehouseConfigurationException(String property, String problem, String action,
			@Nullable Throwable cause) {
		super(Objects.requireNonNull(property, "property must not be null") + " "
				+ Objects.requireNonNull(problem, "problem must not be null"), cause);
		this.property = property;
		this.problem = problem;
		this.action = Objects.requireNonNull(action, "action must not be null");
	}

	/**
	 * Returns the property to fix.
	 * @return the property name
	 */
	public String property() {
		return this.property;
	}

	/**
	 * Returns what is wrong with the property, without its value.
	 * @return the problem
	 */
	public String problem() {
		return this.problem;
	}

	/**
	 * Returns what to do about it.
	 * @return the action
	 */
	public String action() {
		return this.action;
	}

}
