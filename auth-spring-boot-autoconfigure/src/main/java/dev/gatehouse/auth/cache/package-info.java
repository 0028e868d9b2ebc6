/**
 * The opt-in decision cache: permission, relation and policy decisions reused per caller
 * identity (issuer, subject, tenant) and the context inputs the deciding checker reads
 * (roles, scopes, claims, delegation chain:
 * {@link dev.gatehouse.auth.cache.DecisionInputs}), never per token.
 */
@NullMarked
package dev.gatehouse.auth.cache;

import org.jspecify.annotations.NullMarked;
