/**
 * Spring Boot auto-configuration for Gatehouse and its {@code gatehouse.*} configuration
 * properties.
 */
@NullMarked
package dev.gatehouse.auth.autoconfigure;

import org.jspecify.annotations.NullMarked;
