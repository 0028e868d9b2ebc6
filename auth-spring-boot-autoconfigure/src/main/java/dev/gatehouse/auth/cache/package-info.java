/**
 * The opt-in decision cache: permission, relation and policy decisions reused per caller
 * identity (issuer, subject, tenant), never per token.
 */
@NullMarked
package dev.gatehouse.auth.cache;

import org.jspecify.annotations.NullMarked;
