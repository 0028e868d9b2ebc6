package dev.gatehouse.auth.startup;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * A {@code gatehouse.*} property has a value Gatehouse cannot work with, found while the
 * application starts: Boot's {@link InvalidConfigurationPropertyValueException}, with
 * what to do about it. It names the property and says what to do; it never carries the
 * value itself, which may be a secret ({@link #getValue()} is a placeholder). Spring
 * Boot's failure report prints it (see the startup package's failure analyzer, which runs
 * before Boot's own, as Boot's would print the value) instead of a stack trace.
 */
public class InvalidGatehouseConfigurationException extends InvalidConfigurationPropertyValueException {

	/** What {@link #getValue()} returns instead of the value, which may be a secret. */
	public static final String VALUE_NOT_SHOWN = "(not shown)";

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
		super(Objects.requireNonNull(property, "property must not be null"), VALUE_NOT_SHOWN,
				Objects.requireNonNull(problem, "problem must not be null"), cause);
		this.property = property;
		this.problem = problem;
		this.action = Objects.requireNonNull(action, "action must not be null");
	}

	/**
	 * Returns the property and what is wrong with it, as before this exception was one of
	 * Boot's (whose message would quote the placeholder value).
	 * @return the message
	 */
	@Override
	public String getMessage() {
		return this.property + " " + this.problem;
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
