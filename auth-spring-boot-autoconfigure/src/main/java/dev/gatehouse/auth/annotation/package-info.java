/**
 * Declarative requirements for classes and methods. Class and method requirements combine
 * with AND; all of them work as meta-annotations, so applications can compose their own
 * ({@code @AdminOnly}).
 */
@NullMarked
package dev.gatehouse.auth.annotation;

import org.jspecify.annotations.NullMarked;
