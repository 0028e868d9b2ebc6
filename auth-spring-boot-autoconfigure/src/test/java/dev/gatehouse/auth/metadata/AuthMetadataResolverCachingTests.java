package dev.gatehouse.auth.metadata;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gatehouse.auth.annotation.RequireRole;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static dev.gatehouse.auth.metadata.AuthMetadataResolverTests.declaredMethod;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AuthMetadataResolver} computes the metadata of each (method, target class) pair
 * once, however often and from however many threads it is asked, and keeps pairs with the
 * same method apart.
 */
class AuthMetadataResolverCachingTests {

	private static final int THREADS = 8;

	private final CountingResolver resolver = new CountingResolver();

	@Test
	void computesSamePairOnceAndReturnsSameInstance() {
		Method method = declaredMethod(AdminTask.class, "run");

		EffectiveAuthMetadata first = this.resolver.resolve(method, AdminTask.class);
		for (int i = 0; i < 100; i++) {
			assertThat(this.resolver.resolve(method, AdminTask.class)).isSameAs(first);
		}

		assertThat(this.resolver.computations.get()).isEqualTo(1);
		assertThat(first.requirements()).containsExactly(AuthRequirement.authenticated(),
				AuthRequirement.role("admin", null));
	}

	@Test
	void computesUndecoratedMethodOnceToo() {
		Method method = declaredMethod(PlainTask.class, "run");

		for (int i = 0; i < 10; i++) {
			assertThat(this.resolver.resolve(method, PlainTask.class)).isEqualTo(EffectiveAuthMetadata.NONE);
		}

		assertThat(this.resolver.computations.get()).isEqualTo(1);
	}

	@Test
	void nullTargetClassSharesTheDeclaringClassEntry() {
		Method method = declaredMethod(AdminTask.class, "run");

		this.resolver.resolve(method, null);
		this.resolver.resolve(method, AdminTask.class);

		assertThat(this.resolver.computations.get()).isEqualTo(1);
	}

	@Test
	void computesSamePairOnceWhenManyThreadsAskAfterwards() throws Exception {
		Method method = declaredMethod(AdminTask.class, "run");
		EffectiveAuthMetadata expected = this.resolver.resolve(method, AdminTask.class);

		List<EffectiveAuthMetadata> results = resolveConcurrently(this.resolver.delegate, method, AdminTask.class,
				1_000, () -> {
				});

		assertThat(results).hasSize(THREADS * 1_000).allSatisfy((result) -> assertThat(result).isSameAs(expected));
		assertThat(this.resolver.computations.get()).isEqualTo(1);
	}

	@Test
	void computesSamePairOnceWhenManyThreadsMissTheCacheTogether() throws Exception {
		Method method = declaredMethod(AdminTask.class, "run");
		CountDownLatch allAsked = new CountDownLatch(THREADS);
		// Hold the first computation until every thread has asked, so that all of them
		// find the cache empty at
		// the same time; a resolver that does not compute exactly once computes THREADS
		// times.
		CountingResolver resolver = new CountingResolver(() -> awaitQuietly(allAsked));

		List<EffectiveAuthMetadata> results = resolveConcurrently(resolver.delegate, method, AdminTask.class, 1,
				allAsked::countDown);

		assertThat(resolver.computations.get()).isEqualTo(1);
		assertThat(results).hasSize(THREADS).allSatisfy((result) -> assertThat(result).isSameAs(results.get(0)));
	}

	@Test
	void computesSameMethodSeparatelyPerTargetClass() {
		Method run = declaredMethod(AbstractJob.class, "run");

		EffectiveAuthMetadata forAlpha = this.resolver.resolve(run, AlphaJob.class);
		EffectiveAuthMetadata forBeta = this.resolver.resolve(run, BetaJob.class);

		assertThat(this.resolver.computations.get()).isEqualTo(2);
		assertThat(forAlpha.requirements()).containsExactly(AuthRequirement.authenticated(),
				AuthRequirement.role("alpha", null));
		assertThat(forBeta.requirements()).containsExactly(AuthRequirement.authenticated(),
				AuthRequirement.role("beta", null));
	}

	@Test
	void keepsEachTargetClassEntryCachedOnceBothAreKnown() {
		Method run = declaredMethod(AbstractJob.class, "run");
		EffectiveAuthMetadata forAlpha = this.resolver.resolve(run, AlphaJob.class);
		EffectiveAuthMetadata forBeta = this.resolver.resolve(run, BetaJob.class);

		for (int i = 0; i < 10; i++) {
			assertThat(this.resolver.resolve(run, AlphaJob.class)).isSameAs(forAlpha);
			assertThat(this.resolver.resolve(run, BetaJob.class)).isSameAs(forBeta);
		}
		assertThat(this.resolver.resolve(run, PlainJob.class)).isEqualTo(EffectiveAuthMetadata.NONE);

		assertThat(this.resolver.computations.get()).isEqualTo(3);
	}

	@Test
	void separateResolversDoNotShareTheirCache() {
		Method method = declaredMethod(AdminTask.class, "run");
		CountingResolver other = new CountingResolver();

		this.resolver.resolve(method, AdminTask.class);
		other.resolve(method, AdminTask.class);

		assertThat(this.resolver.computations.get()).isEqualTo(1);
		assertThat(other.computations.get()).isEqualTo(1);
	}

	private static List<EffectiveAuthMetadata> resolveConcurrently(AuthMetadataResolver resolver, Method method,
			Class<?> targetClass, int callsPerThread, Runnable beforeEachCall) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(THREADS);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<List<EffectiveAuthMetadata>>> futures = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				futures.add(executor.submit(() -> {
					start.await();
					List<EffectiveAuthMetadata> seen = new ArrayList<>(callsPerThread);
					for (int i = 0; i < callsPerThread; i++) {
						beforeEachCall.run();
						seen.add(resolver.resolve(method, targetClass));
					}
					return seen;
				}));
			}
			start.countDown();
			List<EffectiveAuthMetadata> results = new ArrayList<>();
			for (Future<List<EffectiveAuthMetadata>> future : futures) {
				results.addAll(future.get(30, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Counts how often the uncached computation runs, through the resolver's
	 * package-private hook.
	 */
	static class CountingResolver {

		final AtomicInteger computations = new AtomicInteger();

		final AuthMetadataResolver delegate;

		CountingResolver() {
			this(() -> {
			});
		}

		CountingResolver(Runnable beforeCompute) {
			this.delegate = new AuthMetadataResolver((AuthMetadataResolver.ComputationHook) (method, targetClass) -> {
				this.computations.incrementAndGet();
				beforeCompute.run();
			});
		}

		EffectiveAuthMetadata resolve(Method method, @Nullable Class<?> targetClass) {
			return this.delegate.resolve(method, targetClass);
		}

	}

	@RequireRole("admin")
	static class AdminTask {

		public void run() {
		}

	}

	static class PlainTask {

		public void run() {
		}

	}

	abstract static class AbstractJob {

		public void run() {
		}

	}

	@RequireRole("alpha")
	static class AlphaJob extends AbstractJob {

	}

	@RequireRole("beta")
	static class BetaJob extends AbstractJob {

	}

	static class PlainJob extends AbstractJob {

	}

}
