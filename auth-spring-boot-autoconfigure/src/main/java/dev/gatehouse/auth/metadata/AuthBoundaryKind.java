package dev.gatehouse.auth.metadata;

/**
 * Where a decision was taken, as recorded by observations and audit events.
 */
public enum AuthBoundaryKind {

	/** A protected method of a Spring bean. */
	METHOD,

	/** An HTTP request: the servlet filter, or a protected controller handler. */
	HTTP,

	/** An inbound message. */
	MESSAGE

}
