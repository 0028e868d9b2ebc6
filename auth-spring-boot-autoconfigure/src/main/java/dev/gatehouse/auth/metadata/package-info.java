/**
 * What a boundary requires, resolved once per (method, target class) from the annotations
 * on the class, its supertypes and the methods it overrides or implements.
 */
@NullMarked
package dev.gatehouse.auth.metadata;

import org.jspecify.annotations.NullMarked;
