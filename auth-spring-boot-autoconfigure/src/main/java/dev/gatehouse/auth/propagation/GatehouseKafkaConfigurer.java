package dev.gatehouse.auth.propagation;

import java.util.Objects;

import dev.gatehouse.auth.snapshot.ExpiredAuthContextSnapshotException;
import dev.gatehouse.auth.snapshot.InvalidAuthContextSnapshotException;
import dev.gatehouse.auth.snapshot.MissingAuthContextSnapshotException;

import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CompositeRecordInterceptor;
import org.springframework.kafka.listener.ExceptionClassifier;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * The one call that gives a Kafka template, listener container factory or error handler
 * the Gatehouse message boundary. The auto-configuration applies it to Boot's own
 * {@code KafkaTemplate}, listener container factory and to every
 * {@code DefaultErrorHandler} bean; applications that build their own call
 * {@code configure(...)} with the bean of this type.
 */
public final class GatehouseKafkaConfigurer {

	private final SnapshotPropagator propagator;

	private final boolean requireSnapshot;

	/**
	 * Creates the configurer.
	 * @param propagator signs and verifies the snapshot header
	 * @param requireSnapshot whether consumed records without the header are refused
	 */
	public GatehouseKafkaConfigurer(SnapshotPropagator propagator, boolean requireSnapshot) {
		this.propagator = Objects.requireNonNull(propagator, "propagator must not be null");
		this.requireSnapshot = requireSnapshot;
	}

	/**
	 * Makes the template write the snapshot of the bound context on every record it
	 * sends. This sets the template's producer interceptor; an application that needs its
	 * own as well combines both in a Spring Kafka {@code CompositeProducerInterceptor}
	 * with {@link #producerInterceptor()}.
	 * @param template the template
	 * @param <K> the key type
	 * @param <V> the value type
	 * @return the same template
	 */
	public <K, V> KafkaTemplate<K, V> configure(KafkaTemplate<K, V> template) {
		Objects.requireNonNull(template, "template must not be null");
		template.setProducerInterceptor(producerInterceptor());
		return template;
	}

	/**
	 * Makes every record listener container the factory creates verify the snapshot
	 * header and bind its context around the listener. An interceptor already set on the
	 * factory keeps running, after Gatehouse's, so it sees the bound context. Batch
	 * listeners are not bound (a batch has no single identity); see the README.
	 * @param factory the factory
	 * @param <K> the key type
	 * @param <V> the value type
	 * @param <F> the factory type
	 * @return the same factory
	 */
	public <K, V, F extends AbstractKafkaListenerContainerFactory<?, K, V>> F configure(F factory) {
		Objects.requireNonNull(factory, "factory must not be null");
		RecordInterceptor<K, V> existing = factory.getRecordInterceptor();
		if (existing instanceof KafkaSnapshotRecordInterceptor || existing instanceof GatehouseCompositeInterceptor) {
			return factory;
		}
		KafkaSnapshotRecordInterceptor<K, V> gatehouse = recordInterceptor();
		factory.setRecordInterceptor(
				(existing != null) ? new GatehouseCompositeInterceptor<>(gatehouse, existing) : gatehouse);
		return factory;
	}

	/**
	 * Makes refused snapshots (missing, invalid, expired) non-retryable for the error
	 * handler, so a {@code DeadLetterPublishingRecoverer} receives the record after one
	 * attempt. A snapshot verifier that is unavailable stays retryable.
	 * @param errorHandler the error handler, usually a {@code DefaultErrorHandler}
	 * @param <T> the error handler type
	 * @return the same error handler
	 */
	public <T extends ExceptionClassifier> T configure(T errorHandler) {
		Objects.requireNonNull(errorHandler, "errorHandler must not be null");
		errorHandler.addNotRetryableExceptions(MissingAuthContextSnapshotException.class,
				InvalidAuthContextSnapshotException.class, ExpiredAuthContextSnapshotException.class);
		return errorHandler;
	}

	/**
	 * Returns a new producer interceptor that writes the snapshot header.
	 * @param <K> the key type
	 * @param <V> the value type
	 * @return the interceptor
	 */
	public <K, V> KafkaSnapshotProducerInterceptor<K, V> producerInterceptor() {
		return new KafkaSnapshotProducerInterceptor<>(this.propagator);
	}

	/**
	 * Returns a new record interceptor that verifies the snapshot header and binds its
	 * context.
	 * @param <K> the key type
	 * @param <V> the value type
	 * @return the interceptor
	 */
	public <K, V> KafkaSnapshotRecordInterceptor<K, V> recordInterceptor() {
		return new KafkaSnapshotRecordInterceptor<>(this.propagator, this.requireSnapshot);
	}

	/**
	 * Gatehouse's interceptor first, then the application's, told apart so a second
	 * {@code configure} call does not add Gatehouse twice.
	 */
	private static final class GatehouseCompositeInterceptor<K, V> extends CompositeRecordInterceptor<K, V> {

		@SuppressWarnings("unchecked")
		GatehouseCompositeInterceptor(RecordInterceptor<K, V> gatehouse, RecordInterceptor<K, V> existing) {
			super(gatehouse, existing);
		}

	}

}
