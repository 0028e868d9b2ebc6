package dev.gatehouse.sample;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.gatehouse.auth.annotation.RequireRole;

/**
 * A composed Gatehouse annotation: the annotated method or class needs the {@code admin}
 * role. Gatehouse evaluates the {@link RequireRole} it carries wherever it is used.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RequireRole("admin")
public @interface AdminOnly {

}
