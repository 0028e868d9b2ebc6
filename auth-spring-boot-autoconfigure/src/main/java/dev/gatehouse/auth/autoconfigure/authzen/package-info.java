/**
 * Auto-configuration of the AuthZEN adapter ({@code gatehouse.authzen.*}): a policy
 * decision point backing the relation, policy and permission ports it is told to.
 */
@NullMarked
package dev.gatehouse.auth.autoconfigure.authzen;

import org.jspecify.annotations.NullMarked;
