package dev.gatehouse.auth.observation;

import java.util.Objects;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.metadata.AuthBoundaryKind;
import dev.gatehouse.auth.spi.AuthInvocation;
import dev.gatehouse.auth.spi.Authenticator;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Decorates an {@link Authenticator} with one {@code gatehouse.authentication}
 * observation per authentication, named by the invocation's operation (for HTTP the
 * request's method and path); what the delegate returns or throws passes through
 * unchanged.
 */
public final class ObservedAuthenticator implements Authenticator {

	private final Authenticator delegate;

	private final ObservationRegistry registry;

	private final @Nullable AuthenticationObservationConvention convention;

	private final AuthBoundaryKind kind;

	/**
	 * Creates the decorator.
	 * @param delegate the authenticator that verifies
	 * @param registry the registry that records the observations
	 * @param convention the application's convention, or {@code null} for
	 * {@link DefaultAuthenticationObservationConvention}
	 * @param kind the kind of boundary that authenticates
	 */
	public ObservedAuthenticator(Authenticator delegate, ObservationRegistry registry,
			@Nullable AuthenticationObservationConvention convention, AuthBoundaryKind kind) {
		this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
		this.registry = Objects.requireNonNull(registry, "registry must not be null");
		this.convention = convention;
		this.kind = Objects.requireNonNull(kind, "kind must not be null");
	}

	@Override
	// observe returns what the delegate returned: a context, by contract (the boundary
	// checks it)
	@SuppressWarnings("NullAway")
	public AuthContext authenticate(CredentialCarrier credential, AuthInvocation invocation) {
		return AuthenticationObservations.observe(this.registry, this.convention, this.kind, invocation.operation(),
				() -> this.delegate.authenticate(credential, invocation));
	}

	@Override
	public boolean supports(CredentialCarrierKind kind) {
		return this.delegate.supports(kind);
	}

	@Override
	public boolean readsInvocation(CredentialCarrierKind kind) {
		return this.delegate.readsInvocation(kind);
	}

}
