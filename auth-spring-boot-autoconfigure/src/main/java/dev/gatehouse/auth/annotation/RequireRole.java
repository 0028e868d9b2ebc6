package dev.gatehouse.auth.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires the caller to hold a role, optionally within a tenant. Checked by the
 * {@code RoleChecker}.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(RequireRole.List.class)
public @interface RequireRole {

	/**
	 * The required role; must not be blank.
	 * @return the role
	 */
	String value();

	/**
	 * The tenant the role must be held in; empty means any tenant.
	 * @return the tenant
	 */
	String tenant() default "";

	/**
	 * Container for repeated {@link RequireRole} annotations; all of them must hold.
	 */
	@Target({ ElementType.TYPE, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@interface List {

		/**
		 * The repeated requirements.
		 * @return the requirements
		 */
		RequireRole[] value();

	}

}
