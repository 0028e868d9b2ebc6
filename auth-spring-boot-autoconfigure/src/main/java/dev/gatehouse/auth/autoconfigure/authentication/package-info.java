/**
 * Auto-configuration of authentication for any kind of application: the API-key
 * authenticator, the composite authenticator and password hashing.
 */
@NullMarked
package dev.gatehouse.auth.autoconfigure.authentication;

import org.jspecify.annotations.NullMarked;
