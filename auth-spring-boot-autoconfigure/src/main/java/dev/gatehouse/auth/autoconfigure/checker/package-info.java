/**
 * Auto-configuration of the default permission checker, declarative policy evaluator and
 * opt-in decision cache ({@code gatehouse.permissions.*}, {@code gatehouse.policies.*},
 * {@code gatehouse.cache.*}).
 */
@NullMarked
package dev.gatehouse.auth.autoconfigure.checker;

import org.jspecify.annotations.NullMarked;
