/**
 * Authorization decisions as data: a state, a reason code and a safe human reason that
 * adapters map to transport responses without guessing.
 */
@NullMarked
package dev.gatehouse.auth.decision;

import org.jspecify.annotations.NullMarked;
