/**
 * Gatehouse's built-in credential authenticators (API keys, JWT bearer tokens, signed
 * snapshots) and the composite that combines them into the application's single
 * {@link dev.gatehouse.auth.spi.Authenticator}.
 */
@NullMarked
package dev.gatehouse.auth.authentication;

import org.jspecify.annotations.NullMarked;
