/**
 * Spring Boot Actuator views of Gatehouse: the {@code gatehouse} endpoint and health
 * indicator. Nothing they show is a secret or a token.
 */
@NullMarked
package dev.gatehouse.auth.actuate;

import org.jspecify.annotations.NullMarked;
