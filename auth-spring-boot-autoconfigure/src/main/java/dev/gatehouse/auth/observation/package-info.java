/**
 * Observability of Gatehouse's decisions: Micrometer observations of each enforced and
 * authenticated boundary, and audit events for refusals.
 */
@NullMarked
package dev.gatehouse.auth.observation;

import org.jspecify.annotations.NullMarked;
