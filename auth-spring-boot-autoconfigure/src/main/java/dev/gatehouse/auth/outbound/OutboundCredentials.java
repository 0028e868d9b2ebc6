package dev.gatehouse.auth.outbound;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;

import org.springframework.http.client.ClientHttpRequestInterceptor;

/**
 * The outbound registrations of this service: interceptors that add their tokens to
 * {@code RestClient} and {@code RestTemplate} requests, and the operations that report
 * and refresh them. Nothing it returns or reports holds a token or secret. Thread-safe.
 */
public final class OutboundCredentials {

	private final Map<String, OutboundRegistration> registrations;

	/**
	 * Creates the registry.
	 * @param registrations the registrations; names must be unique
	 */
	public OutboundCredentials(List<OutboundRegistration> registrations) {
		Objects.requireNonNull(registrations, "registrations must not be null");
		Map<String, OutboundRegistration> byName = new LinkedHashMap<>();
		for (OutboundRegistration registration : registrations) {
			if (byName.putIfAbsent(registration.name(), registration) != null) {
				throw new IllegalArgumentException("duplicate outbound registration '" + registration.name() + "'");
			}
		}
		this.registrations = Collections.unmodifiableMap(byName);
	}

	/**
	 * Returns an interceptor that writes the registration's token to every request to one
	 * of its allowed hosts, once, and retries once with a new token when the downstream
	 * answers 401; a request to any other host fails with
	 * {@link OutboundCredentialUnavailableException} and is not sent.
	 * @param registration the registration name
	 * @return the interceptor
	 * @throws IllegalArgumentException when no such registration is configured
	 */
	public ClientHttpRequestInterceptor interceptor(String registration) {
		return new OutboundCredentialsInterceptor(registration(registration));
	}

	/**
	 * Returns a token of the registration for the context bound to this thread (ignored
	 * unless the registration acts on behalf of the caller).
	 * @param registration the registration name
	 * @return the token
	 * @throws OutboundCredentialUnavailableException when none can be had
	 */
	public OutboundToken token(String registration) {
		return token(registration(registration), false);
	}

	static OutboundToken token(OutboundRegistration registration, boolean forceRefresh) {
		AuthContext caller = registration.onBehalfOf() ? AuthContextHolder.current().orElse(null) : null;
		return registration.provider().token(new OutboundTokenRequest(registration.name(), caller, forceRefresh));
	}

	/**
	 * Returns whether a registration of that name is configured.
	 * @param registration the name
	 * @return whether it exists
	 */
	public boolean contains(String registration) {
		return this.registrations.containsKey(registration);
	}

	/**
	 * Lists every registration's type, state, token expiry and last error; never a token.
	 * @return the statuses in configuration order
	 */
	public List<OutboundRegistrationStatus> status() {
		List<OutboundRegistrationStatus> statuses = new ArrayList<>();
		for (OutboundRegistration registration : this.registrations.values()) {
			statuses.add(status(registration));
		}
		return statuses;
	}

	private static OutboundRegistrationStatus status(OutboundRegistration registration) {
		if (registration.provider() instanceof CachingOutboundTokenProvider caching) {
			return new OutboundRegistrationStatus(registration.name(), registration.type(), caching.state(),
					caching.expiresAt(), caching.cachedTokens(), caching.lastError());
		}
		return new OutboundRegistrationStatus(registration.name(), registration.type(), OutboundRegistrationState.UP,
				null, 0, null);
	}

	/**
	 * Refreshes one registration now: fetches a new own token, or drops the cached
	 * per-caller tokens; uncached types report success.
	 * @param registration the registration name
	 * @return one entry, the name to whether the refresh succeeded
	 * @throws IllegalArgumentException when no such registration is configured
	 */
	public Map<String, Boolean> refresh(String registration) {
		return Map.of(registration, refresh(registration(registration)));
	}

	/**
	 * Refreshes every registration, best effort: a failing one does not stop the others.
	 * @return each registration's name to whether its refresh succeeded
	 */
	public Map<String, Boolean> refreshAll() {
		Map<String, Boolean> results = new LinkedHashMap<>();
		for (OutboundRegistration registration : this.registrations.values()) {
			results.put(registration.name(), refresh(registration));
		}
		return results;
	}

	private static boolean refresh(OutboundRegistration registration) {
		if (registration.provider() instanceof CachingOutboundTokenProvider caching) {
			return caching.refresh();
		}
		return true;
	}

	private OutboundRegistration registration(String name) {
		Objects.requireNonNull(name, "registration must not be null");
		OutboundRegistration registration = this.registrations.get(name);
		if (registration == null) {
			throw new IllegalArgumentException("No outbound registration '" + name
					+ "' is configured; add it under gatehouse.outbound.registrations." + name + ".");
		}
		return registration;
	}

	@Override
	public String toString() {
		return "OutboundCredentials" + this.registrations.keySet();
	}

}
