package dev.gatehouse.auth.metadata;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test access to the resolver's package-private computation hook, for tests in other
 * packages.
 */
public final class CountingMetadataResolver {

	private CountingMetadataResolver() {
	}

	/**
	 * Creates a resolver that counts its uncached computations.
	 * @param computations incremented once per computation
	 * @return the resolver
	 */
	public static AuthMetadataResolver counting(AtomicInteger computations) {
		return new AuthMetadataResolver(
				(AuthMetadataResolver.ComputationHook) (method, targetClass) -> computations.incrementAndGet());
	}

}
