package dev.gatehouse.auth.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Turns an {@link InvalidGatehouseConfigurationException} into Spring Boot's failure
 * report (the property and what is wrong with it, then what to do) instead of a
 * bean-creation stack trace. The exception never carries the property's value, so neither
 * does the report. Registered in {@code META-INF/spring.factories}, and ordered first:
 * the exception is one of Boot's {@code InvalidConfigurationPropertyValueException}s,
 * whose own analyzer would print the value from the environment.
 */
final class GatehouseConfigurationFailureAnalyzer
		extends AbstractFailureAnalyzer<InvalidGatehouseConfigurationException> implements Ordered {

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidGatehouseConfigurationException cause) {
		String description = "Invalid Gatehouse configuration: " + cause.property() + " " + cause.problem() + ".";
		return new FailureAnalysis(description, cause.action(), cause);
	}

}
