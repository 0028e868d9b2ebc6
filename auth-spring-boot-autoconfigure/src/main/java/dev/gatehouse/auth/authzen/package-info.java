/**
 * Deciding in an external policy decision point over the OpenID AuthZEN Authorization API
 * 1.0: relation, policy and permission checks sent to any engine that implements it
 * (Cerbos, OpenFGA, Topaz), one request per boundary, failing closed with
 * ERROR/DECISION_PROVIDER_UNAVAILABLE when the engine cannot decide.
 */
@NullMarked
package dev.gatehouse.auth.authzen;

import org.jspecify.annotations.NullMarked;
