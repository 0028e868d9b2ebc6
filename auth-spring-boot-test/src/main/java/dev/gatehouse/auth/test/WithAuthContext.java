package dev.gatehouse.auth.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs each test method with the described {@link dev.gatehouse.auth.context.AuthContext}
 * bound to the test thread, as if an inbound request had authenticated it.
 *
 * <p>
 * Put it on a test class or a test method (the method's wins), directly or as a
 * meta-annotation on an annotation of your own. Spring tests pick it up through
 * {@link WithAuthContextTestExecutionListener}, registered automatically; tests without
 * Spring add {@code @ExtendWith(WithAuthContextExtension.class)}. The context is bound
 * before {@code @BeforeEach} methods run and unbound after {@code @AfterEach} methods.
 */
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface WithAuthContext {

	/**
	 * The subject id.
	 * @return the subject id, never blank
	 */
	String subject() default AuthContexts.DEFAULT_SUBJECT;

	/**
	 * The caller's roles.
	 * @return the roles
	 */
	String[] roles() default {};

	/**
	 * The caller's granted scopes.
	 * @return the scopes
	 */
	String[] scopes() default {};

	/**
	 * The tenant the caller acts in; empty for none.
	 * @return the tenant
	 */
	String tenant() default "";

	/**
	 * Who authenticated the caller; empty for none.
	 * @return the issuer
	 */
	String issuer() default "";

	/**
	 * String claims, each written {@code name=value}.
	 * @return the claims
	 */
	String[] claims() default {};

}
