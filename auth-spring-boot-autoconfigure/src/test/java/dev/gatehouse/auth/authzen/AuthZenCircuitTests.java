package dev.gatehouse.auth.authzen;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The circuit on its own: consecutive failures open it, a success resets the count, and
 * after the interval exactly one caller gets the trial, however many ask at once.
 */
class AuthZenCircuitTests {

	private final AtomicLong nanos = new AtomicLong(5_000_000_000L);

	private final AuthZenCircuit circuit = new AuthZenCircuit(3, Duration.ofSeconds(10), this.nanos::get);

	@Test
	void opensOnlyAfterConsecutiveFailures() {
		this.circuit.failed();
		this.circuit.failed();
		this.circuit.succeeded();
		this.circuit.failed();
		this.circuit.failed();
		assertThat(this.circuit.tryAcquire()).isTrue();
		assertThat(this.circuit.state()).isEqualTo(AuthZenCircuit.State.CLOSED);
		this.circuit.failed();
		assertThat(this.circuit.tryAcquire()).isFalse();
		assertThat(this.circuit.state()).isEqualTo(AuthZenCircuit.State.OPEN);
	}

	@Test
	void letsExactlyOneTrialThroughAfterTheInterval() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			this.circuit.failed();
		}
		this.nanos.addAndGet(Duration.ofSeconds(9).toNanos());
		assertThat(this.circuit.tryAcquire()).isFalse();
		this.nanos.addAndGet(Duration.ofSeconds(2).toNanos());
		assertThat(this.circuit.state()).isEqualTo(AuthZenCircuit.State.HALF_OPEN);

		AtomicInteger granted = new AtomicInteger();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		for (int i = 0; i < 64; i++) {
			pool.execute(() -> {
				try {
					start.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				if (this.circuit.tryAcquire()) {
					granted.incrementAndGet();
				}
			});
		}
		start.countDown();
		pool.shutdown();
		assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		assertThat(granted).hasValue(1);
		assertThat(this.circuit.state()).isEqualTo(AuthZenCircuit.State.HALF_OPEN);

		this.circuit.succeeded();
		assertThat(this.circuit.state()).isEqualTo(AuthZenCircuit.State.CLOSED);
		assertThat(this.circuit.tryAcquire()).isTrue();
	}

	@Test
	void refusesUnusableSettings() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AuthZenCircuit(0, Duration.ofSeconds(1), System::nanoTime));
		assertThatIllegalArgumentException().isThrownBy(() -> new AuthZenCircuit(1, Duration.ZERO, System::nanoTime));
	}

}
