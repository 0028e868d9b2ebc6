package dev.gatehouse.auth.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires the caller to hold a permission, optionally on a resource and within a tenant.
 * Checked by the {@code PermissionChecker}.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(RequirePermission.List.class)
public @interface RequirePermission {

	/**
	 * The required permission (for example {@code documents:delete}); must not be blank.
	 * @return the permission
	 */
	String value();

	/**
	 * The resource the permission is required on; empty means not set.
	 * @return the resource
	 */
	String resource() default "";

	/**
	 * The tenant; empty means not set.
	 * @return the tenant
	 */
	String tenant() default "";

	/**
	 * Container for repeated {@link RequirePermission} annotations; all of them must
	 * hold.
	 */
	@Target({ ElementType.TYPE, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@interface List {

		/**
		 * The repeated requirements.
		 * @return the requirements
		 */
		RequirePermission[] value();

	}

}
