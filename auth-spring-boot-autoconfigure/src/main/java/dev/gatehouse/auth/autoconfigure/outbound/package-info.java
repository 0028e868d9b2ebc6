/**
 * Auto-configuration of outbound credentials and their {@code gatehouse.outbound.*}
 * properties.
 */
@NullMarked
package dev.gatehouse.auth.autoconfigure.outbound;

import org.jspecify.annotations.NullMarked;
