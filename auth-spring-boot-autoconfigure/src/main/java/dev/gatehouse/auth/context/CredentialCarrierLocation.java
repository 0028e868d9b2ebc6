package dev.gatehouse.auth.context;

/**
 * Where a {@link CredentialCarrier} was found on the incoming call.
 */
public enum CredentialCarrierLocation {

	/** The HTTP {@code Authorization} header. */
	AUTHORIZATION_HEADER,

	/** Another, named request header. */
	HEADER,

	/** A query parameter. */
	QUERY_PARAMETER,

	/** Message or RPC metadata. */
	METADATA,

	/** A cookie. */
	COOKIE,

	/** A command-line option. */
	CLI_OPTION,

	/** Handed over inside the application itself. */
	APPLICATION_CONTEXT

}
