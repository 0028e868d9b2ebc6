/**
 * Default password hashing and verification
 * ({@link dev.gatehouse.auth.spi.PasswordHasher},
 * {@link dev.gatehouse.auth.spi.PasswordVerifier}) on top of spring-security-crypto's
 * delegating encoder.
 */
@NullMarked
package dev.gatehouse.auth.password;

import org.jspecify.annotations.NullMarked;
