package dev.gatehouse.auth.propagation;

import java.util.Objects;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Verifies the snapshot header of each consumed Kafka record and binds the context it
 * proves around the listener call, so {@code @KafkaListener} methods can carry Gatehouse
 * annotations. The scope is closed when the record is done ({@code success},
 * {@code failure} or {@code afterRecord}, whichever the container calls first), so a
 * consumer thread never keeps a record's identity.
 *
 * <p>
 * The snapshot must be for the audience {@code kafka:<topic>} of the record's topic. A
 * record whose snapshot is invalid, expired or for another audience, that carries the
 * header more than once, or that has none while a snapshot is required, makes
 * {@link #intercept} throw the snapshot exception: the listener never runs and the
 * container hands the record to its error handler, where
 * {@code GatehouseKafkaConfigurer.configure(errorHandler)} has made those exceptions
 * non-retryable. A record without the header otherwise runs with no context bound.
 * Thread-safe; one instance serves all consumer threads of a container.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class KafkaSnapshotRecordInterceptor<K, V> implements RecordInterceptor<K, V> {

	private final SnapshotPropagator propagator;

	/** Audiences, and observed boundaries, are {@code kafka:<topic>}. */
	private final DestinationAudiences audiences = new DestinationAudiences("kafka");

	private final boolean requireSnapshot;

	private final ThreadLocal<@Nullable AuthContextScope> scopes = new ThreadLocal<>();

	/**
	 * Creates the interceptor.
	 * @param propagator verifies the snapshot header
	 * @param requireSnapshot whether a record without the header is refused
	 */
	public KafkaSnapshotRecordInterceptor(SnapshotPropagator propagator, boolean requireSnapshot) {
		this.propagator = Objects.requireNonNull(propagator, "propagator must not be null");
		this.requireSnapshot = requireSnapshot;
	}

	@Override
	public ConsumerRecord<K, V> intercept(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
		String name = this.propagator.headerName();
		Header header = null;
		for (Header candidate : record.headers()) {
			if (name.equals(candidate.key())) {
				if (header != null) {
					// As HTTP refuses a repeated header: which copy a reader picks must
					// never decide who the caller is.
					throw this.propagator.duplicateHeader(record.topic());
				}
				header = candidate;
			}
		}
		AuthContext context = this.propagator.verifyHeader((header != null) ? header.value() : null, record.topic(),
				this.audiences.of(record.topic()), this.requireSnapshot);
		// A scope left over (a container that skipped the callbacks) is closed before the
		// next record binds.
		closeScope();
		// Bind even "no context", so a listener never sees an identity left on the
		// consumer thread.
		this.scopes.set(AuthContextHolder.open(context));
		return record;
	}

	@Override
	public void success(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
		closeScope();
	}

	@Override
	public void failure(ConsumerRecord<K, V> record, Exception exception, Consumer<K, V> consumer) {
		closeScope();
	}

	@Override
	public void afterRecord(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
		closeScope();
	}

	@Override
	public void clearThreadState(Consumer<?, ?> consumer) {
		closeScope();
	}

	private void closeScope() {
		AuthContextScope scope = this.scopes.get();
		if (scope != null) {
			this.scopes.remove();
			scope.close();
		}
	}

}
