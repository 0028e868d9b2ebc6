/**
 * Auto-configuration of Gatehouse's Actuator endpoint, health indicator and secret
 * masking.
 */
@NullMarked
package dev.gatehouse.auth.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
