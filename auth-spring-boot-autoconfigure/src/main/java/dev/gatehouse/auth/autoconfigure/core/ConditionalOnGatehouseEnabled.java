package dev.gatehouse.auth.autoconfigure.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * Matches unless {@code gatehouse.enabled=false}: the one switch that turns all of
 * Gatehouse's auto-configuration off.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnBooleanProperty(name = "gatehouse.enabled", matchIfMissing = true)
public @interface ConditionalOnGatehouseEnabled {

}
