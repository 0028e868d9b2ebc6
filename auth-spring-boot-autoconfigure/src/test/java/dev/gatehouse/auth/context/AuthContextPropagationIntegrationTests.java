package dev.gatehouse.auth.context;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.decision.AuthRequirementDeniedException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The context crosses threads exactly where Gatehouse's auto-configuration says it does,
 * in a real Spring Boot context: Boot's {@code @Async} executor carries it, a raw
 * executor does not, pooled threads forget it, and concurrent callers never see each
 * other's identity through the enforcing proxy.
 */
class AuthContextPropagationIntegrationTests {

	private static final String NONE = "<none>";

	private static final long TIMEOUT_SECONDS = 10;

	private static final ThreadLocal<String> APPLICATION_MARKER = new ThreadLocal<>();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GatehouseAutoConfiguration.class, TaskExecutionAutoConfiguration.class,
				AopAutoConfiguration.class))
		.withUserConfiguration(AsyncConfiguration.class);

	@Test
	void asyncMethodSeesTheCallersSubjectOnAnotherThread() {
		this.contextRunner.run((context) -> {
			AsyncProbe probe = context.getBean(AsyncProbe.class);
			String seen;
			try (AuthContextScope scope = AuthContextHolder.open(subject("caller"))) {
				seen = probe.currentSubject().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
			}
			assertThat(seen).isEqualTo("caller");
			assertThat(probe.threads()).singleElement().isNotSameAs(Thread.currentThread());
		});
	}

	@Test
	void rawFixedThreadPoolDoesNotCarryTheContext() throws Exception {
		ExecutorService raw = Executors.newFixedThreadPool(1);
		try (AuthContextScope scope = AuthContextHolder.open(subject("caller"))) {
			Optional<AuthContext> seen = raw.submit(AuthContextHolder::current).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
			assertThat(seen).isEmpty();
		}
		finally {
			raw.shutdownNow();
		}
	}

	@Test
	void pooledAsyncThreadDoesNotKeepThePreviousTasksContext() {
		this.contextRunner
			.withPropertyValues("spring.task.execution.pool.core-size=1", "spring.task.execution.pool.max-size=1")
			.run((context) -> {
				AsyncProbe probe = context.getBean(AsyncProbe.class);
				String first;
				try (AuthContextScope scope = AuthContextHolder.open(subject("a"))) {
					first = probe.currentSubject().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
				}
				String second = probe.currentSubject().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
				assertThat(first).isEqualTo("a");
				assertThat(second).isEqualTo(NONE);
				// One pooled thread ran both tasks, so the second really ran where the
				// first one had run.
				assertThat(probe.threads()).hasSize(2);
				assertThat(probe.threads().get(1)).isSameAs(probe.threads().get(0));
			});
	}

	@Test
	void pooledThreadIsLeftWithoutContextAfterEachTaskEvenWhenATaskLeaksAScope() {
		this.contextRunner.run((context) -> {
			// Built by Boot's builder, so it carries the auto-configured task
			// decorator(s).
			ProbingExecutor executor = context.getBean(ThreadPoolTaskExecutorBuilder.class)
				.corePoolSize(1)
				.maxPoolSize(1)
				.configure(new ProbingExecutor());
			executor.initialize();
			try {
				String first;
				try (AuthContextScope scope = AuthContextHolder.open(subject("a"))) {
					first = executor.submitCompletable(AsyncProbe::subjectId).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
				}
				String leaky;
				try (AuthContextScope scope = AuthContextHolder.open(subject("c"))) {
					leaky = executor.submitCompletable(() -> {
						// A buggy task: opens a scope and forgets to close it.
						AuthContextHolder.open(subject("forgotten"));
						return AsyncProbe.subjectId();
					}).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
				}
				String next = executor.submitCompletable(AsyncProbe::subjectId).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

				assertThat(first).isEqualTo("a");
				assertThat(leaky).isEqualTo("forgotten");
				assertThat(next).isEqualTo(NONE);
				// Whenever a worker went back to the queue for its next task, it held no
				// identity at all.
				await().atMost(Duration.ofSeconds(TIMEOUT_SECONDS))
					.until(() -> executor.bindingsBetweenTasks().size() >= 3 && !executor.uncaught().isEmpty());
				assertThat(executor.bindingsBetweenTasks()).allSatisfy((binding) -> assertThat(binding).isEmpty());
				// The leak itself is reported on the worker, not swallowed.
				assertThat(executor.uncaught()).singleElement()
					.isInstanceOf(IllegalStateException.class)
					.satisfies((ex) -> assertThat(ex).hasMessageContaining("out of order"));
			}
			finally {
				executor.shutdown();
			}
		});
	}

	@Test
	void applicationTaskDecoratorStillRunsBesideGatehouses() {
		this.contextRunner.withUserConfiguration(ApplicationTaskDecoratorConfiguration.class).run((context) -> {
			assertThat(context).getBeans(TaskDecorator.class).hasSize(2);
			AsyncProbe probe = context.getBean(AsyncProbe.class);
			String seen;
			try (AuthContextScope scope = AuthContextHolder.open(subject("caller"))) {
				seen = probe.markerAndSubject().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
			}
			assertThat(seen).isEqualTo("application-marker/caller");
		});
	}

	@Test
	void bootsMicrometerContextPropagationComposesWithGatehousesDecorator() {
		this.contextRunner
			.withPropertyValues("spring.task.execution.propagate-context=true",
					"spring.task.execution.pool.core-size=1", "spring.task.execution.pool.max-size=1")
			.run((context) -> {
				assertThat(context).getBeans(TaskDecorator.class).hasSize(2);
				AsyncProbe probe = context.getBean(AsyncProbe.class);
				String first;
				try (AuthContextScope scope = AuthContextHolder.open(subject("a"))) {
					first = probe.currentSubject().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
				}
				String second = probe.currentSubject().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
				assertThat(first).isEqualTo("a");
				assertThat(second).isEqualTo(NONE);
			});
	}

	@Test
	void concurrentCallersThroughTheEnforcingProxySeeOnlyTheirOwnSubject() {
		this.contextRunner.run((context) -> {
			ReaderService service = context.getBean(ReaderService.class);
			assertThat(AopUtils.isAopProxy(service)).isTrue();
			// The calls below really go through enforcement: a caller without the role is
			// refused.
			try (AuthContextScope scope = AuthContextHolder.open(AuthContext.builder("outsider").build())) {
				assertThatExceptionOfType(AuthRequirementDeniedException.class).isThrownBy(service::whoAmI);
			}

			int threadCount = 32;
			int callsPerThread = 1_000;
			CountDownLatch ready = new CountDownLatch(threadCount);
			CountDownLatch startGate = new CountDownLatch(1);
			Queue<String> mismatches = new ConcurrentLinkedQueue<>();
			LongAdder successes = new LongAdder();
			List<Thread> threads = new ArrayList<>();
			for (int i = 0; i < threadCount; i++) {
				String expected = "user-" + i;
				Thread thread = new Thread(() -> {
					try (AuthContextScope scope = AuthContextHolder.open(subject(expected))) {
						ready.countDown();
						startGate.await();
						for (int call = 0; call < callsPerThread; call++) {
							String seen = service.whoAmI();
							if (expected.equals(seen)) {
								successes.increment();
							}
							else {
								mismatches.add(expected + " saw " + seen);
							}
						}
					}
					catch (Throwable ex) {
						mismatches.add(expected + " failed: " + ex);
					}
				}, "bleed-test-" + i);
				threads.add(thread);
				thread.start();
			}
			assertThat(ready.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
			startGate.countDown();
			for (Thread thread : threads) {
				thread.join(TimeUnit.SECONDS.toMillis(20));
				assertThat(thread.isAlive()).as("%s finished", thread.getName()).isFalse();
			}
			assertThat(mismatches).isEmpty();
			assertThat(successes.sum()).isEqualTo((long) threadCount * callsPerThread);
		});
	}

	private static AuthContext subject(String id) {
		return AuthContext.builder(id).roles("reader").build();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class AsyncConfiguration {

		@Bean
		AsyncProbe asyncProbe() {
			return new AsyncProbe();
		}

		@Bean
		ReaderService readerService() {
			return new ReaderService();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ApplicationTaskDecoratorConfiguration {

		// The kind of decorator applications already have (MDC, tenant, locale): it must
		// keep working.
		@Bean
		TaskDecorator applicationMarkerTaskDecorator() {
			return (runnable) -> () -> {
				APPLICATION_MARKER.set("application-marker");
				try {
					runnable.run();
				}
				finally {
					APPLICATION_MARKER.remove();
				}
			};
		}

	}

	static class AsyncProbe {

		private final List<Thread> threads = new CopyOnWriteArrayList<>();

		@Async
		public CompletableFuture<String> currentSubject() {
			this.threads.add(Thread.currentThread());
			return CompletableFuture.completedFuture(subjectId());
		}

		@Async
		public CompletableFuture<String> markerAndSubject() {
			return CompletableFuture.completedFuture(APPLICATION_MARKER.get() + "/" + subjectId());
		}

		public List<Thread> threads() {
			return this.threads;
		}

		static String subjectId() {
			return AuthContextHolder.current().map((context) -> context.subject().id()).orElse(NONE);
		}

	}

	static class ReaderService {

		@RequireRole("reader")
		public String whoAmI() {
			return AuthContextHolder.require().subject().id();
		}

	}

	/**
	 * Records the worker's binding each time it comes back to the queue for work, that
	 * is, after the previous task (decorators included) has completely finished.
	 */
	static class ProbingExecutor extends ThreadPoolTaskExecutor {

		private final List<Optional<AuthContext>> bindingsBetweenTasks = new CopyOnWriteArrayList<>();

		private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();

		List<Optional<AuthContext>> bindingsBetweenTasks() {
			return this.bindingsBetweenTasks;
		}

		List<Throwable> uncaught() {
			return this.uncaught;
		}

		@Override
		public Thread createThread(Runnable runnable) {
			Thread thread = super.createThread(runnable);
			thread.setUncaughtExceptionHandler((failed, ex) -> this.uncaught.add(ex));
			return thread;
		}

		@Override
		protected BlockingQueue<Runnable> createQueue(int queueCapacity) {
			return new LinkedBlockingQueue<>() {

				@Override
				public Runnable take() throws InterruptedException {
					ProbingExecutor.this.bindingsBetweenTasks.add(AuthContextHolder.current());
					return super.take();
				}

				@Override
				public @Nullable Runnable poll(long timeout, TimeUnit unit) throws InterruptedException {
					ProbingExecutor.this.bindingsBetweenTasks.add(AuthContextHolder.current());
					return super.poll(timeout, unit);
				}

			};
		}

	}

}
