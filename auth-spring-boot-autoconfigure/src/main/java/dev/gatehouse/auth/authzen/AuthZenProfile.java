package dev.gatehouse.auth.authzen;

/**
 * What the default request mapper adds for a particular engine, beyond the standard
 * AuthZEN request.
 */
public enum AuthZenProfile {

	/** The request as AuthZEN 1.0 defines it. */
	STANDARD,

	/**
	 * Also sends the caller's roles as {@code subject.properties["cerbos.roles"]}: Cerbos
	 * reads a principal's roles only from there, and without them takes the subject's
	 * type as its only role.
	 */
	CERBOS

}
