/**
 * Micrometer observability of Gatehouse's boundaries, by decoration: an observation of
 * each authenticated request or message ({@code ObservedAuthenticator}), and for enforced
 * method boundaries a pre-resolved timer ({@code TimedMethodCallEnforcer}) or an
 * observation per call ({@code ObservedMethodCallEnforcer}), with their conventions and
 * keys.
 */
@NullMarked
package dev.gatehouse.auth.observation;

import org.jspecify.annotations.NullMarked;
