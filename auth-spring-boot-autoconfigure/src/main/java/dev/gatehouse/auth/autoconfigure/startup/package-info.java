/**
 * Auto-configuration of startup validation and of the configuration checks (unknown
 * {@code gatehouse.*} keys, missing optional dependencies) that join its one failure
 * report.
 */
@NullMarked
package dev.gatehouse.auth.autoconfigure.startup;

import org.jspecify.annotations.NullMarked;
