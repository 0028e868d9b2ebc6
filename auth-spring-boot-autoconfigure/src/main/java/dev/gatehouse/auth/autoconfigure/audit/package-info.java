/**
 * Auto-configuration of audit events of decisions and their {@code gatehouse.audit.*}
 * properties.
 */
@NullMarked
package dev.gatehouse.auth.autoconfigure.audit;

import org.jspecify.annotations.NullMarked;
