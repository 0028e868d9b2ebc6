package dev.gatehouse.benchmarks.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;
import dev.gatehouse.auth.propagation.GatehouseKafkaConfigurer;
import dev.gatehouse.auth.propagation.SnapshotPropagator;
import dev.gatehouse.auth.snapshot.SnapshotEnvelopeSigner;
import dev.gatehouse.auth.snapshot.SnapshotEnvelopeVerifier;
import dev.gatehouse.auth.snapshot.SnapshotSigningKey;
import dev.gatehouse.auth.snapshot.SnapshotVerificationKey;
import dev.gatehouse.auth.spi.AuthInvocation;
import dev.gatehouse.auth.spi.SnapshotVerifier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Per-record cost of the Kafka message boundary. Consumer side: Gatehouse's
 * {@code RecordInterceptor} doing what the container asks of it for one record
 * ({@code intercept}, which verifies the HS256 header and binds the context, then
 * {@code success} and {@code afterRecord}, which unbind it) against an interceptor that
 * does nothing, with {@link #hs256Verify} (the bare verification of the same envelope)
 * measured in the same run for the ratio. Producer side: the {@code ProducerInterceptor}
 * writing the header for a bound context, with the auto-configured envelope reuse and
 * signing every record, against a no-op interceptor.
 *
 * <p>
 * Published numbers: {@code -f 1 -wi 3 -i 5 -w 1s -r 1s} (see
 * {@code docs/benchmarks.md}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class MessagingBenchmarks {

	private static final String HEADER = "gatehouse.auth.context_snapshot";

	private static final AuthInvocation INVOCATION = new AuthInvocation("MESSAGE", "orders", null,
			Map.of(SnapshotVerifier.AUDIENCE_ATTRIBUTE, "kafka:orders"));

	private final byte[] secret = "0123456789abcdef0123456789abcdef-benchmark".getBytes(StandardCharsets.US_ASCII);

	private SnapshotEnvelopeVerifier verifier;

	private String envelope;

	private ConsumerRecord<String, String> record;

	private RecordInterceptor<String, String> gatehouseRecordInterceptor;

	private RecordInterceptor<String, String> noOpRecordInterceptor;

	private ProducerRecord<String, String> producerRecord;

	private ProducerInterceptor<String, String> reusingProducerInterceptor;

	private ProducerInterceptor<String, String> signingProducerInterceptor;

	private ProducerInterceptor<String, String> noOpProducerInterceptor;

	private AuthContextScope boundForProducer;

	/**
	 * Builds the signer, verifier, interceptors and a record that carries a valid HS256
	 * header.
	 */
	@Setup(Level.Trial)
	public void setUp() {
		Clock clock = Clock.systemUTC();
		SnapshotEnvelopeSigner signer = new SnapshotEnvelopeSigner(SnapshotSigningKey.hs256("hs", this.secret),
				"orders", Duration.ofHours(1), null, clock);
		this.verifier = SnapshotEnvelopeVerifier.builder(List.of(SnapshotVerificationKey.hs256("hs", this.secret)))
			.clock(clock)
			.maxTtl(Duration.ofHours(1))
			.build();
		SnapshotPropagator reusing = new SnapshotPropagator(() -> signer, () -> this.verifier, HEADER, 8192,
				Duration.ofSeconds(1));
		SnapshotPropagator signingEach = new SnapshotPropagator(() -> signer, () -> this.verifier, HEADER, 8192);
		GatehouseKafkaConfigurer configurer = new GatehouseKafkaConfigurer(reusing, false);
		this.gatehouseRecordInterceptor = configurer.recordInterceptor();
		this.noOpRecordInterceptor = (record, consumer) -> record;
		this.reusingProducerInterceptor = configurer.producerInterceptor();
		this.signingProducerInterceptor = new GatehouseKafkaConfigurer(signingEach, false).producerInterceptor();
		this.noOpProducerInterceptor = new NoOpProducerInterceptor();

		AuthContext context = AuthContext.builder("user-1")
			.displayName("User One")
			.issuer("https://idp.example")
			.tenant("tenant-1")
			.roles("role:admin", "role:user")
			.scopes("documents:read", "documents:write")
			.claim("email", "user@example.com")
			.claim("age", 42)
			.correlationId("3f2b9c4e-8a71-4d0e-9b5a-2c6d7e8f9a0b")
			.build();
		try (AuthContextScope scope = AuthContextHolder.open(context)) {
			this.envelope = signingEach.currentEnvelope("kafka:orders");
		}
		this.record = new ConsumerRecord<>("orders", 0, 0L, "key", "value");
		this.record.headers().add(HEADER, this.envelope.getBytes(StandardCharsets.US_ASCII));
		this.producerRecord = new ProducerRecord<>("orders", "key", "value");
		// Scope.Thread: the trial setup runs on the benchmark thread, so the producer
		// benchmarks see this context.
		this.boundForProducer = AuthContextHolder.open(context);
		if (!"user-1".equals(consumeWithGatehouse())) {
			throw new IllegalStateException("the consumer path does not bind the record's context");
		}
	}

	/** Unbinds the producer's context. */
	@TearDown(Level.Trial)
	public void tearDown() {
		this.boundForProducer.close();
	}

	/**
	 * The bare HS256 verification of the record's envelope: the consumer side's
	 * reference.
	 */
	@Benchmark
	public AuthContext hs256Verify() {
		return this.verifier.verify(this.envelope, INVOCATION);
	}

	/**
	 * Consumer side with Gatehouse: verify the header, bind, (the listener would run
	 * here), unbind.
	 */
	@Benchmark
	public String consumeWithGatehouse() {
		ConsumerRecord<String, String> intercepted = this.gatehouseRecordInterceptor.intercept(this.record,
				noConsumer());
		String subject = AuthContextHolder.require().subject().id();
		this.gatehouseRecordInterceptor.success(intercepted, noConsumer());
		this.gatehouseRecordInterceptor.afterRecord(intercepted, noConsumer());
		return subject;
	}

	/** Consumer side with an interceptor that does nothing, called the same way. */
	@Benchmark
	public ConsumerRecord<String, String> consumeWithNoOp() {
		ConsumerRecord<String, String> intercepted = this.noOpRecordInterceptor.intercept(this.record, noConsumer());
		this.noOpRecordInterceptor.success(intercepted, noConsumer());
		this.noOpRecordInterceptor.afterRecord(intercepted, noConsumer());
		return intercepted;
	}

	/**
	 * Producer side with Gatehouse as auto-configured: a burst under one context reuses
	 * its envelope.
	 */
	@Benchmark
	public ProducerRecord<String, String> produceWithGatehouse() {
		return this.reusingProducerInterceptor.onSend(this.producerRecord);
	}

	/** Producer side with Gatehouse signing every record (envelope reuse off). */
	@Benchmark
	public ProducerRecord<String, String> produceWithGatehouseSigningEachRecord() {
		return this.signingProducerInterceptor.onSend(this.producerRecord);
	}

	/** Producer side with an interceptor that does nothing. */
	@Benchmark
	public ProducerRecord<String, String> produceWithNoOp() {
		return this.noOpProducerInterceptor.onSend(this.producerRecord);
	}

	@SuppressWarnings("NullAway")
	private static Consumer<String, String> noConsumer() {
		// Neither interceptor reads the consumer; the container passes its own.
		return null;
	}

	private static final class NoOpProducerInterceptor implements ProducerInterceptor<String, String> {

		@Override
		public ProducerRecord<String, String> onSend(ProducerRecord<String, String> record) {
			return record;
		}

		@Override
		public void onAcknowledgement(@Nullable RecordMetadata metadata, @Nullable Exception exception) {
		}

		@Override
		public void close() {
		}

		@Override
		public void configure(java.util.Map<String, ?> configs) {
		}

	}

}
