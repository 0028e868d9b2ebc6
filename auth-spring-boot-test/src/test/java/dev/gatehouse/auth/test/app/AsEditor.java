package dev.gatehouse.auth.test.app;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.gatehouse.auth.test.WithAuthContext;

/**
 * An application's own shorthand for an editor, built on {@link WithAuthContext}.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@WithAuthContext(subject = "meta-editor", roles = "editor")
@interface AsEditor {

}
