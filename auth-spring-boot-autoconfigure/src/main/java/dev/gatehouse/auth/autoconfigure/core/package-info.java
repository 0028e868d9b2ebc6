/**
 * Core auto-configuration of Gatehouse: metadata resolution, the enforcing advisor, the
 * requirement evaluator, the context-based checkers and the task decorator, the root
 * {@code gatehouse.*} properties and the {@code gatehouse.enabled} switch every feature's
 * auto-configuration shares.
 */
@NullMarked
package dev.gatehouse.auth.autoconfigure.core;

import org.jspecify.annotations.NullMarked;
