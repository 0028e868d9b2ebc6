/**
 * Micrometer observability of Gatehouse's boundaries: observations of each authenticated
 * request or message and of enforced method boundaries, with their conventions and keys.
 */
@NullMarked
package dev.gatehouse.auth.observation;

import org.jspecify.annotations.NullMarked;
