package dev.gatehouse.auth.propagation;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Writes the signed snapshot of the bound context, for the audience
 * {@code kafka:<topic>}, as a header of every record a {@code KafkaTemplate} sends,
 * replacing any header of the same name; with no context bound the record is sent
 * unchanged. Runs on the sending thread (the template calls it before handing the record
 * to the producer). Thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class KafkaSnapshotProducerInterceptor<K, V> implements ProducerInterceptor<K, V> {

	private final SnapshotPropagator propagator;

	private final DestinationAudiences audiences = new DestinationAudiences("kafka");

	/**
	 * Creates the interceptor.
	 * @param propagator signs the bound context
	 */
	public KafkaSnapshotProducerInterceptor(SnapshotPropagator propagator) {
		this.propagator = Objects.requireNonNull(propagator, "propagator must not be null");
	}

	@Override
	public ProducerRecord<K, V> onSend(ProducerRecord<K, V> record) {
		// Bound to the topic: a snapshot copied from this record is refused anywhere
		// else.
		String envelope = this.propagator.currentEnvelope(this.audiences.of(record.topic()));
		if (envelope != null) {
			Headers headers = record.headers();
			String name = this.propagator.headerName();
			headers.remove(name);
			// Envelopes are base64url, hence ASCII.
			headers.add(name, envelope.getBytes(StandardCharsets.US_ASCII));
		}
		return record;
	}

	@Override
	public void onAcknowledgement(@Nullable RecordMetadata metadata, @Nullable Exception exception) {
		// Nothing to do once the record is sent.
	}

	@Override
	public void close() {
		// Holds no resources.
	}

	@Override
	public void configure(Map<String, ?> configs) {
		// Configured by its constructor, never by Kafka's reflective instantiation.
	}

}
