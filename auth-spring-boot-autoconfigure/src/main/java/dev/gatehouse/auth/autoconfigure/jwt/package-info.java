/**
 * Auto-configuration of the JWT bearer authenticator and its {@code gatehouse.jwt.*}
 * properties.
 */
@NullMarked
package dev.gatehouse.auth.autoconfigure.jwt;

import org.jspecify.annotations.NullMarked;
