package dev.gatehouse.auth.propagation;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.context.CredentialCarrierLocation;
import dev.gatehouse.auth.observation.AuthObservationContext;
import dev.gatehouse.auth.snapshot.ExpiredAuthContextSnapshotException;
import dev.gatehouse.auth.snapshot.InvalidAuthContextSnapshotException;
import dev.gatehouse.auth.snapshot.MissingAuthContextSnapshotException;
import dev.gatehouse.auth.spi.Authenticator;
import dev.gatehouse.auth.startup.AuthStartupCapabilityValidator;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.util.backoff.FixedBackOff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A producer service and a consumer service, each a Boot application with Gatehouse,
 * talking through a real Kafka broker (embedded KRaft) with Boot's auto-configured
 * template and listener container factory. The consumer has an observation registry, so
 * its snapshot verifications are observed.
 */
class KafkaMessageBoundaryTests {

	private static final String SECRET = Base64.getEncoder().encodeToString(MessagingFixtures.secret());

	private static final String BEARER = "bearer-material-that-must-not-travel";

	private static EmbeddedKafkaKraftBroker broker;

	private static ConfigurableApplicationContext producer;

	private static ConfigurableApplicationContext consumer;

	@BeforeAll
	static void start() {
		broker = new EmbeddedKafkaKraftBroker(1, 1, "orders", "audit", "guarded", "guarded-dlt", "refused",
				"refused-dlt", "observed", "observed-dlt");
		broker.afterPropertiesSet();
		broker.addTopics(new NewTopic("bleed", 3, (short) 1));
		producer = app(ProducerApp.class, "orders").run();
		consumer = app(ConsumerApp.class, "billing").run();
	}

	@AfterAll
	static void stop() {
		if (consumer != null) {
			consumer.close();
		}
		if (producer != null) {
			producer.close();
		}
		broker.destroy();
	}

	private static SpringApplicationBuilder app(Class<?> type, String serviceId) {
		return new SpringApplicationBuilder(type).web(WebApplicationType.NONE)
			.properties("spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
					"spring.kafka.consumer.auto-offset-reset=earliest", "gatehouse.snapshot.service-id=" + serviceId,
					"gatehouse.snapshot.propagation.enabled=true",
					"gatehouse.snapshot.signing.key-id=" + MessagingFixtures.KEY_ID,
					"gatehouse.snapshot.signing.algorithm=HS256", "gatehouse.snapshot.signing.secret=" + SECRET,
					"gatehouse.snapshot.verification.keys." + MessagingFixtures.KEY_ID + ".algorithm=HS256",
					"gatehouse.snapshot.verification.keys." + MessagingFixtures.KEY_ID + ".secret=" + SECRET);
	}

	@SuppressWarnings("unchecked")
	private static KafkaTemplate<String, String> template() {
		return producer.getBean(KafkaTemplate.class);
	}

	private static Recorder listeners() {
		return consumer.getBean(Recorder.class);
	}

	@Test
	void protectedListenerSeesTheProducersIdentityAndTheHeaderCarriesNoCredential() throws Exception {
		AuthContext alice = AuthContext.builder("alice")
			.issuer("https://idp.example")
			.tenant("tenant-1")
			.roles("clerk")
			.correlationId("corr-42")
			.credentialCarrier(new CredentialCarrier(CredentialCarrierKind.BEARER_TOKEN,
					CredentialCarrierLocation.AUTHORIZATION_HEADER, BEARER, "Authorization", "Bearer"))
			.build();
		try (AuthContextScope scope = AuthContextHolder.open(alice)) {
			template().send("orders", "order-1").get(10, TimeUnit.SECONDS);
		}
		Received received = listeners().orders.poll(30, TimeUnit.SECONDS);
		assertThat(received).isNotNull();
		AuthContext seen = received.context().orElseThrow();
		assertThat(seen.subject().id()).isEqualTo("alice");
		assertThat(seen.roles()).containsExactly("clerk");
		assertThat(seen.tenant()).isEqualTo("tenant-1");
		assertThat(seen.correlationId()).isEqualTo("corr-42");
		assertThat(seen.delegationChain()).last().isEqualTo("orders");
		// The consumer never holds the producer's credential: only the signed snapshot
		// travelled.
		assertThat(seen.credentialCarrier()).isNull();
		String json = new String(Base64.getUrlDecoder().decode(received.header()), StandardCharsets.UTF_8);
		assertThat(json).contains("\"alice\"").doesNotContain(BEARER).doesNotContain("Bearer");
	}

	@Test
	void tamperedExpiredAndMalformedSnapshotsGoToTheDeadLetterTopicAfterOneAttemptAndTheContainerKeepsGoing()
			throws Exception {
		String valid;
		try (AuthContextScope scope = AuthContextHolder.open(MessagingFixtures.context("mallory"))) {
			valid = consumer.getBean(SnapshotPropagator.class).currentEnvelope("kafka:refused");
		}
		String forOrders;
		try (AuthContextScope scope = AuthContextHolder.open(MessagingFixtures.context("mallory"))) {
			forOrders = consumer.getBean(SnapshotPropagator.class).currentEnvelope("kafka:orders");
		}
		String tampered = valid.substring(0, 40) + ((valid.charAt(40) == 'A') ? 'B' : 'A') + valid.substring(41);
		Clock anHourAgo = Clock.offset(Clock.systemUTC(), Duration.ofHours(-1));
		String expired;
		try (AuthContextScope scope = AuthContextHolder.open(MessagingFixtures.context("mallory"))) {
			expired = new SnapshotPropagator(() -> MessagingFixtures.signer("orders", anHourAgo), () -> null,
					MessagingFixtures.HEADER, 8192)
				.currentEnvelope("kafka:refused");
		}
		sendRaw("refused", "tampered", tampered.getBytes(StandardCharsets.US_ASCII));
		sendRaw("refused", "expired", expired.getBytes(StandardCharsets.US_ASCII));
		sendRaw("refused", "junk", new byte[] { 0, (byte) 0xc3, (byte) 0x28, (byte) 0xff });
		sendRaw("refused", "huge", "A".repeat(8193).getBytes(StandardCharsets.US_ASCII));
		sendRaw("refused", "empty", new byte[0]);
		// A valid snapshot signed for another topic, replayed here.
		sendRaw("refused", "replayed", forOrders.getBytes(StandardCharsets.US_ASCII));
		// Two copies of the header: refused like a repeated HTTP header, whichever copy
		// a reader would pick.
		sendRaw("refused", "duplicate", valid.getBytes(StandardCharsets.US_ASCII),
				valid.getBytes(StandardCharsets.US_ASCII));
		sendRaw("refused", "valid", valid.getBytes(StandardCharsets.US_ASCII));
		Map<String, ConsumerRecord<String, String>> dead = readAll("refused-dlt", 7);
		assertThat(dead).containsOnlyKeys("tampered", "expired", "junk", "huge", "empty", "replayed", "duplicate");
		assertThat(exceptionType(dead.get("replayed"))).isEqualTo(InvalidAuthContextSnapshotException.class.getName());
		assertThat(exceptionType(dead.get("duplicate"))).isEqualTo(InvalidAuthContextSnapshotException.class.getName());
		assertThat(exceptionType(dead.get("tampered"))).isEqualTo(InvalidAuthContextSnapshotException.class.getName());
		assertThat(exceptionType(dead.get("expired"))).isEqualTo(ExpiredAuthContextSnapshotException.class.getName());
		assertThat(exceptionType(dead.get("junk"))).isEqualTo(InvalidAuthContextSnapshotException.class.getName());
		assertThat(exceptionType(dead.get("huge"))).isEqualTo(InvalidAuthContextSnapshotException.class.getName());
		assertThat(exceptionType(dead.get("empty"))).isEqualTo(MissingAuthContextSnapshotException.class.getName());
		assertThat(listeners().attempts).containsOnly(Map.entry("tampered", 1), Map.entry("expired", 1),
				Map.entry("junk", 1), Map.entry("huge", 1), Map.entry("empty", 1), Map.entry("replayed", 1),
				Map.entry("duplicate", 1));
		// Only the valid record, sent last, ever reached the listener body: the container
		// survived the junk.
		assertThat(listeners().refusedRuns.poll(30, TimeUnit.SECONDS)).isEqualTo("valid:mallory");
		assertThat(listeners().refusedRuns).isEmpty();
	}

	@Test
	void aRecordWithoutSnapshotRunsAnUnannotatedListenerWithoutContextAndIsRefusedByAnAnnotatedOne() throws Exception {
		template().send("audit", "no-snapshot").get(10, TimeUnit.SECONDS);
		Received received = listeners().audit.poll(30, TimeUnit.SECONDS);
		assertThat(received).isNotNull();
		assertThat(received.context()).isEmpty();
		template().send("guarded", "anonymous", "no-snapshot").get(10, TimeUnit.SECONDS);
		Map<String, ConsumerRecord<String, String>> dead = readAll("guarded-dlt", 1);
		assertThat(dead).containsOnlyKeys("anonymous");
		assertThat(listeners().guardedBodyRuns).hasValue(0);
	}

	@Test
	void aKafkaOnlyServiceWithProtectedListenersHasSnapshotVerificationAsItsOneAuthenticator() {
		// The consumer has no web server and no credential configuration but the snapshot
		// keys, and its
		// @RequireRole listeners passed startup validation, which requires exactly one
		// Authenticator.
		assertThat(consumer.getBeanNamesForType(Authenticator.class)).hasSize(1);
		assertThat(consumer.getBeanNamesForType(AuthStartupCapabilityValidator.class)).hasSize(1);
		assertThat(consumer.getBean(Authenticator.class).supports(CredentialCarrierKind.AUTH_CONTEXT_SNAPSHOT))
			.isTrue();
	}

	@Test
	void everyListenerCallSeesExactlyItsRecordsSubjectUnderConcurrency() throws Exception {
		int producers = 4;
		int perProducer = 250;
		// Three consumers each own a partition before anything is sent, so the records
		// really are consumed
		// concurrently (on an idle machine one consumer could otherwise drain the topic
		// before the rebalance).
		MessageListenerContainer bleedContainer = consumer.getBean(KafkaListenerEndpointRegistry.class)
			.getListenerContainers()
			.stream()
			.filter((container) -> "billing-bleed".equals(container.getGroupId()))
			.findFirst()
			.orElseThrow();
		// Three partitions assigned is not enough: the first consumer to join may hold
		// all three until the others' rebalance, so wait until each consumer holds one.
		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.until(() -> eachOfThreeConsumersHoldsAPartition(bleedContainer));
		ExecutorService senders = Executors.newFixedThreadPool(producers);
		try {
			List<Future<?>> sent = new ArrayList<>();
			for (int p = 0; p < producers; p++) {
				String subject = "user-" + p;
				sent.add(senders.submit(() -> {
					try (AuthContextScope scope = AuthContextHolder.open(MessagingFixtures.context(subject))) {
						for (int i = 0; i < perProducer; i++) {
							template().send("bleed", subject + "-" + i, subject);
						}
						template().flush();
					}
				}));
			}
			for (Future<?> future : sent) {
				future.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			senders.shutdownNow();
		}
		assertThat(listeners().bleedDone.await(60, TimeUnit.SECONDS)).isTrue();
		assertThat(listeners().bleedMismatches).isEmpty();
		assertThat(listeners().bleedCount).hasValue(producers * perProducer);
		assertThat(listeners().bleedThreads).hasSizeGreaterThan(1);
	}

	@Test
	void eachConsumedRecordsSnapshotVerificationIsOneAuthenticationObservationOfItsTopic() throws Exception {
		try (AuthContextScope scope = AuthContextHolder.open(MessagingFixtures.context("alice"))) {
			template().send("observed", "admitted", "payload").get(10, TimeUnit.SECONDS);
		}
		String forged;
		try (AuthContextScope scope = AuthContextHolder.open(MessagingFixtures.context("mallory"))) {
			forged = flipMiddle(consumer.getBean(SnapshotPropagator.class).currentEnvelope("kafka:observed"));
		}
		// Keys are unique across topics: the application's interceptor counts attempts by
		// key.
		sendRaw("observed", "forged", forged.getBytes(StandardCharsets.US_ASCII));
		assertThat(listeners().observedRuns.poll(30, TimeUnit.SECONDS)).isEqualTo("admitted:alice");
		assertThat(readAll("observed-dlt", 1)).containsOnlyKeys("forged");
		// One attempt, so one observation; removed so the other tests' attempt counts
		// stay theirs.
		assertThat(listeners().attempts.remove("forged")).isEqualTo(1);
		// The listener ran and the dead letter was published after the observations
		// stopped.
		TestObservationRegistryAssert.assertThat(consumer.getBean(TestObservationRegistry.class))
			.hasHandledContextsThatSatisfy((contexts) -> assertThat(contexts)
				.filteredOn((context) -> context instanceof AuthObservationContext observed
						&& observed.getBoundary().equals("kafka:observed"))
				.extracting(Observation.Context::getName, (context) -> tag(context, "gatehouse.decision.state"),
						(context) -> tag(context, "gatehouse.reason.code"),
						(context) -> tag(context, "gatehouse.boundary.kind"))
				.containsExactlyInAnyOrder(tuple("gatehouse.authentication", "ALLOW", "AUTHORIZED", "MESSAGE"),
						tuple("gatehouse.authentication", "CHALLENGE", "SNAPSHOT_INVALID", "MESSAGE")));
	}

	private static String tag(Observation.Context context, String key) {
		KeyValue keyValue = context.getLowCardinalityKeyValue(key);
		return (keyValue != null) ? keyValue.getValue() : null;
	}

	private static String flipMiddle(String envelope) {
		int middle = envelope.length() / 2;
		return envelope.substring(0, middle) + ((envelope.charAt(middle) == 'A') ? 'B' : 'A')
				+ envelope.substring(middle + 1);
	}

	private static boolean eachOfThreeConsumersHoldsAPartition(MessageListenerContainer container) {
		Map<String, Collection<TopicPartition>> assignments = container.getAssignmentsByClientId();
		return assignments != null && assignments.size() == 3
				&& assignments.values().stream().allMatch((partitions) -> partitions != null && !partitions.isEmpty());
	}

	private static void sendRaw(String topic, String key, byte[]... headers) throws Exception {
		ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, "payload");
		for (byte[] header : headers) {
			record.headers().add(MessagingFixtures.HEADER, header);
		}
		template().send(record).get(10, TimeUnit.SECONDS);
	}

	private static String exceptionType(ConsumerRecord<String, String> record) {
		Header header = record.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN);
		if (header == null) {
			header = record.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_FQCN);
		}
		assertThat(header).as("DLT exception header in %s", record.headers()).isNotNull();
		return new String(header.value(), StandardCharsets.UTF_8);
	}

	private static Map<String, ConsumerRecord<String, String>> readAll(String topic, int expected) {
		Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "reader-" + topic, false);
		props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		Map<String, ConsumerRecord<String, String>> records = new HashMap<>();
		try (Consumer<String, String> reader = new KafkaConsumer<>(props, new StringDeserializer(),
				new StringDeserializer())) {
			reader.subscribe(List.of(topic));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (records.size() < expected && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(200))) {
					records.put(record.key(), record);
				}
			}
		}
		return records;
	}

	record Received(Optional<AuthContext> context, String header) {
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ProducerApp {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ConsumerApp {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

		@Bean
		Listeners listeners(Recorder recorder) {
			return new Listeners(recorder);
		}

		@Bean
		DefaultErrorHandler errorHandler(KafkaTemplate<Object, Object> template) {
			// Retryable failures get two more attempts; Gatehouse marks refused snapshots
			// as not retryable.
			return new DefaultErrorHandler(new DeadLetterPublishingRecoverer(template), new FixedBackOff(0, 2));
		}

		@Bean
		RecordInterceptor<Object, Object> attemptCounter(Recorder listeners) {
			// The application's own interceptor: Gatehouse composes with it instead of
			// replacing it.
			return new RecordInterceptor<>() {

				@Override
				public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
						Consumer<Object, Object> consumer) {
					return record;
				}

				@Override
				public void failure(ConsumerRecord<Object, Object> record, Exception exception,
						Consumer<Object, Object> consumer) {
					listeners.attempts.merge(String.valueOf(record.key()), 1, Integer::sum);
				}

			};
		}

	}

	/**
	 * What the listeners saw; a plain object, since the listener bean itself is proxied
	 * by the enforcement.
	 */
	static class Recorder {

		final BlockingQueue<Received> orders = new LinkedBlockingQueue<>();

		final BlockingQueue<Received> audit = new LinkedBlockingQueue<>();

		final Map<String, Integer> attempts = new ConcurrentHashMap<>();

		final BlockingQueue<String> refusedRuns = new LinkedBlockingQueue<>();

		final BlockingQueue<String> observedRuns = new LinkedBlockingQueue<>();

		final AtomicInteger guardedBodyRuns = new AtomicInteger();

		final AtomicInteger bleedCount = new AtomicInteger();

		final List<String> bleedMismatches = new CopyOnWriteArrayList<>();

		final Set<String> bleedThreads = ConcurrentHashMap.newKeySet();

		final CountDownLatch bleedDone = new CountDownLatch(1000);

	}

	static class Listeners {

		private final Recorder recorder;

		Listeners(Recorder recorder) {
			this.recorder = recorder;
		}

		@KafkaListener(topics = "orders", groupId = "billing-orders")
		@RequireRole("clerk")
		public void onOrder(ConsumerRecord<String, String> record) {
			Header header = record.headers().lastHeader(MessagingFixtures.HEADER);
			this.recorder.orders
				.add(new Received(AuthContextHolder.current(), new String(header.value(), StandardCharsets.US_ASCII)));
		}

		@KafkaListener(topics = "audit", groupId = "billing-audit")
		public void onAudit(String payload) {
			this.recorder.audit.add(new Received(AuthContextHolder.current(), ""));
		}

		@KafkaListener(topics = "guarded", groupId = "billing-guarded")
		@RequireRole("clerk")
		public void onGuarded(String payload) {
			this.recorder.guardedBodyRuns.incrementAndGet();
		}

		@KafkaListener(topics = "refused", groupId = "billing-refused")
		public void onRefused(ConsumerRecord<String, String> record) {
			this.recorder.refusedRuns.add(record.key() + ":" + AuthContextHolder.require().subject().id());
		}

		@KafkaListener(topics = "observed", groupId = "billing-observed")
		public void onObserved(ConsumerRecord<String, String> record) {
			this.recorder.observedRuns.add(record.key() + ":" + AuthContextHolder.require().subject().id());
		}

		@KafkaListener(topics = "bleed", groupId = "billing-bleed", concurrency = "3")
		@RequireRole("clerk")
		public void onBleed(String subject) {
			String seen = AuthContextHolder.require().subject().id();
			if (!seen.equals(subject)) {
				this.recorder.bleedMismatches.add(subject + " saw " + seen);
			}
			this.recorder.bleedThreads.add(Thread.currentThread().getName());
			this.recorder.bleedCount.incrementAndGet();
			this.recorder.bleedDone.countDown();
		}

	}

}
