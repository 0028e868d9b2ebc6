/**
 * Relation checks: an in-memory relation store and the
 * {@link dev.gatehouse.auth.spi.RelationChecker} over it, for tests and demos. Production
 * relation checks belong to a ReBAC engine (OpenFGA, SpiceDB) behind an application's own
 * {@code RelationChecker} bean; nothing here is registered automatically.
 */
@NullMarked
package dev.gatehouse.auth.relation;

import org.jspecify.annotations.NullMarked;
