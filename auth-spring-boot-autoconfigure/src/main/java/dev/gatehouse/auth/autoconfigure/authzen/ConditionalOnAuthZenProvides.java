package dev.gatehouse.auth.autoconfigure.authzen;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.gatehouse.auth.spi.AuthCapability;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code gatehouse.authzen.provides} (default RELATION_CHECK,
 * POLICY_EVALUATION) includes the capability.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnAuthZenProvidesCondition.class)
@interface ConditionalOnAuthZenProvides {

	/**
	 * The capability.
	 * @return the capability the decision point must back
	 */
	AuthCapability value();

}
