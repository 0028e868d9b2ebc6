package dev.gatehouse.auth.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires a policy to allow an action on a resource. Evaluated by the
 * {@code PolicyEvaluator}.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(RequirePolicy.List.class)
public @interface RequirePolicy {

	/**
	 * The resource the policy is about (for example {@code documents}); must not be
	 * blank.
	 * @return the resource
	 */
	String resource();

	/**
	 * The action (for example {@code publish}); must not be blank.
	 * @return the action
	 */
	String action();

	/**
	 * The tenant; empty means not set.
	 * @return the tenant
	 */
	String tenant() default "";

	/**
	 * Container for repeated {@link RequirePolicy} annotations; all of them must hold.
	 */
	@Target({ ElementType.TYPE, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@interface List {

		/**
		 * The repeated requirements.
		 * @return the requirements
		 */
		RequirePolicy[] value();

	}

}
