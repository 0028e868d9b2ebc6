/**
 * Audit of Gatehouse decisions: refusals (and, on request, grants) published as
 * {@link AuthDecisionEvent} application events and, when Actuator is present, as Boot
 * {@code AuditEvent}s. Events never carry credential material.
 */
@NullMarked
package dev.gatehouse.auth.audit;

import org.jspecify.annotations.NullMarked;
