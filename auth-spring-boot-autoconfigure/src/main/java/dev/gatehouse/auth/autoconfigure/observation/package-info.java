/**
 * The {@code gatehouse.observation.*} properties that the web, messaging and enforcement
 * auto-configurations read.
 */
@NullMarked
package dev.gatehouse.auth.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
