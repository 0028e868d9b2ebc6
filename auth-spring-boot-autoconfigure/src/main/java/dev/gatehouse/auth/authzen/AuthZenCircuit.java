package dev.gatehouse.auth.authzen;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Stops asking an engine that keeps failing: after {@code failureThreshold} consecutive
 * failures it opens for {@code openInterval}, during which every call fails fast; then
 * one trial call is let through, and its outcome closes the circuit or opens it again.
 * Thread-safe and lock-free.
 */
final class AuthZenCircuit {

	/** The circuit's states, as health shows them. */
	enum State {

		/** Calls go through. */
		CLOSED,

		/** Calls fail fast until the interval is over. */
		OPEN,

		/** The interval is over and one trial call is in flight. */
		HALF_OPEN

	}

	private final int failureThreshold;

	private final long openNanos;

	private final LongSupplier nanoTime;

	private final AtomicInteger consecutiveFailures = new AtomicInteger();

	// When the circuit opened (nanoTime), meaningful while consecutiveFailures reaches
	// the threshold.
	private volatile long openedAt;

	private final AtomicInteger trial = new AtomicInteger();

	AuthZenCircuit(int failureThreshold, Duration openInterval, LongSupplier nanoTime) {
		if (failureThreshold < 1) {
			throw new IllegalArgumentException("failureThreshold must be at least 1");
		}
		Objects.requireNonNull(openInterval, "openInterval must not be null");
		if (openInterval.isNegative() || openInterval.isZero()) {
			throw new IllegalArgumentException("openInterval must be positive");
		}
		this.failureThreshold = failureThreshold;
		this.openNanos = openInterval.toNanos();
		this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime must not be null");
	}

	/**
	 * Asks whether a call may go to the engine now; a {@code true} must be followed by
	 * {@link #succeeded()} or {@link #failed()}.
	 * @return {@code false} when the call must fail fast
	 */
	boolean tryAcquire() {
		if (this.consecutiveFailures.get() < this.failureThreshold) {
			return true;
		}
		if (this.nanoTime.getAsLong() - this.openedAt < this.openNanos) {
			return false;
		}
		// The interval is over: exactly one caller gets the trial.
		return this.trial.compareAndSet(0, 1);
	}

	void succeeded() {
		this.consecutiveFailures.set(0);
		this.trial.set(0);
	}

	void failed() {
		// Written before the count, so that no caller sees the threshold reached with an
		// old opening time; opens, or re-opens after a failed trial, from now.
		this.openedAt = this.nanoTime.getAsLong();
		if (this.consecutiveFailures.incrementAndGet() >= this.failureThreshold) {
			this.trial.set(0);
		}
	}

	State state() {
		if (this.consecutiveFailures.get() < this.failureThreshold) {
			return State.CLOSED;
		}
		if (this.trial.get() == 1) {
			return State.HALF_OPEN;
		}
		return (this.nanoTime.getAsLong() - this.openedAt < this.openNanos) ? State.OPEN : State.HALF_OPEN;
	}

}
