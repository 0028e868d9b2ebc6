package dev.gatehouse.auth.context;

/**
 * What kind of credential a {@link CredentialCarrier} holds, so an authenticator can
 * dispatch on it.
 */
public enum CredentialCarrierKind {

	/** An opaque or JWT bearer token. */
	BEARER_TOKEN,

	/** An API key. */
	API_KEY,

	/** HTTP Basic user name and password. */
	BASIC,

	/** A TLS client certificate. */
	CLIENT_CERTIFICATE,

	/** A signed Gatehouse context snapshot from another service. */
	AUTH_CONTEXT_SNAPSHOT

}
