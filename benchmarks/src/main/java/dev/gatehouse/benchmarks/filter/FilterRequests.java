package dev.gatehouse.benchmarks.filter;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.http.HttpHeaders;

/**
 * The requests of the filter benchmark, one per case, created once per trial on the
 * measuring thread and reused on every call. Every stack sees the same request for a
 * case.
 */
@State(Scope.Thread)
public class FilterRequests {

	Exchange noCredential;

	Exchange apiKey;

	Exchange jwt;

	Exchange snapshot;

	/** Creates the requests. */
	@Setup(Level.Trial)
	public void create() {
		this.noCredential = Exchange.withoutCredential();
		this.apiKey = Exchange.withHeader(FilterCredentials.API_KEY_HEADER, FilterCredentials.API_KEY);
		this.jwt = Exchange.withHeader(HttpHeaders.AUTHORIZATION, "Bearer " + FilterCredentials.jwt());
		this.snapshot = Exchange.withHeader(FilterCredentials.SNAPSHOT_HEADER, FilterCredentials.snapshot());
	}

}
