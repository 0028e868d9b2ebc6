package dev.gatehouse.auth.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires the caller to have been granted a scope (for example an OAuth2 scope such as
 * {@code documents:read}). Checked by the {@code ScopeChecker}.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(RequireScope.List.class)
public @interface RequireScope {

	/**
	 * The required scope; must not be blank.
	 * @return the scope
	 */
	String value();

	/**
	 * Container for repeated {@link RequireScope} annotations; all of them must hold.
	 */
	@Target({ ElementType.TYPE, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@interface List {

		/**
		 * The repeated requirements.
		 * @return the requirements
		 */
		RequireScope[] value();

	}

}
