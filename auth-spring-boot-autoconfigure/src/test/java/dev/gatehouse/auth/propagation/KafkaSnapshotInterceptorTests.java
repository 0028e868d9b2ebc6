package dev.gatehouse.auth.propagation;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;
import dev.gatehouse.auth.snapshot.InvalidAuthContextSnapshotException;
import dev.gatehouse.auth.snapshot.MissingAuthContextSnapshotException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.RecordInterceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class KafkaSnapshotInterceptorTests {

	private final Clock clock = Clock.systemUTC();

	private final SnapshotPropagator propagator = MessagingFixtures.propagator(this.clock,
			MessagingFixtures.verifier(this.clock));

	private final GatehouseKafkaConfigurer configurer = new GatehouseKafkaConfigurer(this.propagator, false);

	@Test
	void producerInterceptorReplacesTheHeaderWithTheBoundContextsSnapshot() {
		KafkaSnapshotProducerInterceptor<String, String> interceptor = this.configurer.producerInterceptor();
		ProducerRecord<String, String> record = new ProducerRecord<>("orders", "k", "v");
		record.headers().add(MessagingFixtures.HEADER, "stale".getBytes(StandardCharsets.US_ASCII));
		try (AuthContextScope scope = AuthContextHolder.open(MessagingFixtures.context("alice"))) {
			interceptor.onSend(record);
		}
		Header[] headers = record.headers().toArray();
		assertThat(headers).hasSize(1);
		String envelope = new String(headers[0].value(), StandardCharsets.US_ASCII);
		assertThat(this.propagator.extract("kafka:orders", (name) -> envelope).subject().id()).isEqualTo("alice");
	}

	@Test
	void recordInterceptorRefusesARecordWithTwoSnapshotHeaders() {
		RecordInterceptor<String, String> interceptor = this.configurer.recordInterceptor();
		ConsumerRecord<String, String> record = signedRecord("alice");
		Header header = record.headers().lastHeader(MessagingFixtures.HEADER);
		record.headers().add(MessagingFixtures.HEADER, header.value());
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> interceptor.intercept(record, consumer()))
			.withMessageContaining("more than one snapshot header");
		assertThat(AuthContextHolder.current()).isEmpty();
	}

	@Test
	void producerInterceptorLeavesRecordsAloneWithoutContext() {
		ProducerRecord<String, String> record = new ProducerRecord<>("orders", "k", "v");
		this.configurer.<String, String>producerInterceptor().onSend(record);
		assertThat(record.headers().toArray()).isEmpty();
	}

	@Test
	void recordInterceptorBindsAroundTheListenerAndUnbindsAfterwards() {
		RecordInterceptor<String, String> interceptor = this.configurer.recordInterceptor();
		ConsumerRecord<String, String> record = signedRecord("alice");
		assertThat(interceptor.intercept(record, consumer())).isSameAs(record);
		assertThat(AuthContextHolder.require().subject().id()).isEqualTo("alice");
		interceptor.success(record, consumer());
		assertThat(AuthContextHolder.current()).isEmpty();
		interceptor.intercept(record, consumer());
		interceptor.failure(record, new IllegalStateException("listener failed"), consumer());
		assertThat(AuthContextHolder.current()).isEmpty();
		interceptor.afterRecord(record, consumer());
		interceptor.clearThreadState(consumer());
		assertThat(AuthContextHolder.current()).isEmpty();
	}

	@Test
	void recordInterceptorBindsNoContextOverAStaleOneForARecordWithoutHeader() {
		RecordInterceptor<String, String> interceptor = this.configurer.recordInterceptor();
		ConsumerRecord<String, String> record = new ConsumerRecord<>("audit", 0, 0, "k", "v");
		try (AuthContextScope stale = AuthContextHolder.open(MessagingFixtures.context("leftover"))) {
			interceptor.intercept(record, consumer());
			assertThat(AuthContextHolder.current()).isEmpty();
			interceptor.afterRecord(record, consumer());
			assertThat(AuthContextHolder.require().subject().id()).isEqualTo("leftover");
		}
	}

	@Test
	void recordInterceptorRefusesAMissingHeaderWhenRequired() {
		RecordInterceptor<String, String> interceptor = new GatehouseKafkaConfigurer(this.propagator, true)
			.recordInterceptor();
		assertThatExceptionOfType(MissingAuthContextSnapshotException.class)
			.isThrownBy(() -> interceptor.intercept(new ConsumerRecord<>("audit", 0, 0, "k", "v"), consumer()));
		assertThat(AuthContextHolder.current()).isEmpty();
	}

	@Test
	void recordInterceptorRefusesJunkWithoutBinding() {
		RecordInterceptor<String, String> interceptor = this.configurer.recordInterceptor();
		ConsumerRecord<String, String> record = new ConsumerRecord<>("orders", 0, 0, "k", "v");
		record.headers().add(MessagingFixtures.HEADER, new byte[] { 0, (byte) 0xff });
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> interceptor.intercept(record, consumer()));
		assertThat(AuthContextHolder.current()).isEmpty();
	}

	@Test
	void factoryKeepsTheApplicationsInterceptorWhichSeesTheBoundContext() {
		List<Optional<AuthContext>> seen = new ArrayList<>();
		ConcurrentKafkaListenerContainerFactory<String, String> factory;
		factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setRecordInterceptor((record, consumer) -> {
			seen.add(AuthContextHolder.current());
			return record;
		});
		this.configurer.configure(factory);
		RecordInterceptor<String, String> configured = factory.getRecordInterceptor();
		assertThat(this.configurer.configure(factory).getRecordInterceptor()).isSameAs(configured);
		ConsumerRecord<String, String> record = signedRecord("alice");
		configured.intercept(record, consumer());
		configured.afterRecord(record, consumer());
		assertThat(seen).singleElement()
			.satisfies((context) -> assertThat(context.get().subject().id()).isEqualTo("alice"));
		assertThat(AuthContextHolder.current()).isEmpty();
	}

	@Test
	void factoryWithoutInterceptorGetsGatehousesOnce() {
		ConcurrentKafkaListenerContainerFactory<String, String> factory;
		factory = new ConcurrentKafkaListenerContainerFactory<>();
		this.configurer.configure(factory);
		RecordInterceptor<String, String> configured = factory.getRecordInterceptor();
		assertThat(configured).isInstanceOf(KafkaSnapshotRecordInterceptor.class);
		assertThat(this.configurer.configure(factory).getRecordInterceptor()).isSameAs(configured);
	}

	private ConsumerRecord<String, String> signedRecord(String subject) {
		ProducerRecord<String, String> sent = new ProducerRecord<>("orders", "k", "v");
		try (AuthContextScope scope = AuthContextHolder.open(MessagingFixtures.context(subject))) {
			this.configurer.<String, String>producerInterceptor().onSend(sent);
		}
		ConsumerRecord<String, String> record = new ConsumerRecord<>("orders", 0, 0, "k", "v");
		sent.headers().forEach(record.headers()::add);
		return record;
	}

	@SuppressWarnings("unchecked")
	private static Consumer<String, String> consumer() {
		return org.mockito.Mockito.mock(Consumer.class);
	}

}
