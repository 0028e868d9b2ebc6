/**
 * Spring Security integration: Gatehouse authorizes on top of the authentication Spring
 * Security already performed (resource server, OAuth2/OIDC login, form or basic login),
 * mapping its {@code Authentication} to the request's
 * {@link dev.gatehouse.auth.context.AuthContext} instead of authenticating a second time.
 */
@NullMarked
package dev.gatehouse.auth.springsecurity;

import org.jspecify.annotations.NullMarked;
