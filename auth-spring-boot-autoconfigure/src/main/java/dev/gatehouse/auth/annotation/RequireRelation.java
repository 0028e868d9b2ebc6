package dev.gatehouse.auth.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires the caller to stand in a relation to a resource (ReBAC, for example
 * {@code owner} of {@code document:42}). Checked by the {@code RelationChecker};
 * Gatehouse has no default one.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(RequireRelation.List.class)
public @interface RequireRelation {

	/**
	 * The required relation; must not be blank.
	 * @return the relation
	 */
	String value();

	/**
	 * The resource the relation is about; must not be blank.
	 * @return the resource
	 */
	String resource();

	/**
	 * The tenant; empty means not set.
	 * @return the tenant
	 */
	String tenant() default "";

	/**
	 * Container for repeated {@link RequireRelation} annotations; all of them must hold.
	 */
	@Target({ ElementType.TYPE, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@interface List {

		/**
		 * The repeated requirements.
		 * @return the requirements
		 */
		RequireRelation[] value();

	}

}
