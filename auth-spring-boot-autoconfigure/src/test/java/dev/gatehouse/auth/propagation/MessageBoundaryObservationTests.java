package dev.gatehouse.auth.propagation;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;
import dev.gatehouse.auth.observation.AuthObservationContext;
import dev.gatehouse.auth.observation.DefaultAuthenticationObservationConvention;
import dev.gatehouse.auth.snapshot.ExpiredAuthContextSnapshotException;
import dev.gatehouse.auth.snapshot.InvalidAuthContextSnapshotException;
import dev.gatehouse.auth.snapshot.MissingAuthContextSnapshotException;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Message boundaries observed with a real {@link TestObservationRegistry}: each
 * verification of a message's snapshot is one {@code gatehouse.authentication}
 * observation of boundary kind {@code MESSAGE}, tagged with the decision.
 */
class MessageBoundaryObservationTests {

	private static final String NAME = DefaultAuthenticationObservationConvention.NAME;

	private final Clock clock = Clock.systemUTC();

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private final SnapshotPropagator propagator = observed(
			MessagingFixtures.propagator(this.clock, MessagingFixtures.verifier(this.clock)));

	private final List<Optional<AuthContext>> seen = new CopyOnWriteArrayList<>();

	@Test
	void anAcceptedChannelMessageIsOneAllowedAuthenticationOfTheChannel() {
		try (AuthContextScope scope = AuthContextHolder.open(MessagingFixtures.context("alice"))) {
			channel(false).send(MessageBuilder.withPayload("order-1").build());
		}
		assertThat(this.seen).singleElement().satisfies((context) -> assertThat(context).isPresent());
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasNumberOfObservationsWithNameEqualTo(NAME, 1)
			.hasObservationWithNameEqualTo(NAME)
			.that()
			.hasBeenStarted()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("gatehouse.decision.state", "ALLOW")
			.hasLowCardinalityKeyValue("gatehouse.reason.code", "AUTHORIZED")
			.hasLowCardinalityKeyValue("gatehouse.boundary.kind", "MESSAGE")
			.hasHighCardinalityKeyValue("gatehouse.boundary", "channel:orders-channel")
			.hasContextualNameEqualTo("authenticate channel:orders-channel");
	}

	@Test
	void aTamperedChannelMessageIsOneChallengedAuthenticationWithTheSnapshotsReason() {
		Message<String> tampered = MessageBuilder.withPayload("order-1")
			.setHeader(MessagingFixtures.HEADER, flipLast(envelopeFor("alice")))
			.build();
		assertThatExceptionOfType(MessageDeliveryException.class).isThrownBy(() -> channel(false).send(tampered))
			.withCauseInstanceOf(InvalidAuthContextSnapshotException.class);
		assertThat(this.seen).isEmpty();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasNumberOfObservationsWithNameEqualTo(NAME, 1)
			.hasObservationWithNameEqualTo(NAME)
			.that()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("gatehouse.decision.state", "CHALLENGE")
			.hasLowCardinalityKeyValue("gatehouse.reason.code", "SNAPSHOT_INVALID")
			.hasLowCardinalityKeyValue("gatehouse.boundary.kind", "MESSAGE")
			.hasHighCardinalityKeyValue("gatehouse.boundary", "channel:orders-channel");
	}

	@Test
	void aRequiredButMissingSnapshotIsObservedAsMissingAndAnOptionalMissingOneIsNotObserved() {
		channel(false).send(MessageBuilder.withPayload("anonymous").build());
		assertThat(this.seen).containsExactly(Optional.empty());
		TestObservationRegistryAssert.assertThat(this.registry).doesNotHaveAnyObservation();
		assertThatExceptionOfType(MessageDeliveryException.class)
			.isThrownBy(() -> channel(true).send(MessageBuilder.withPayload("anonymous").build()))
			.withCauseInstanceOf(MissingAuthContextSnapshotException.class);
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasNumberOfObservationsWithNameEqualTo(NAME, 1)
			.hasObservationWithNameEqualTo(NAME)
			.that()
			.hasLowCardinalityKeyValue("gatehouse.decision.state", "CHALLENGE")
			.hasLowCardinalityKeyValue("gatehouse.reason.code", "SNAPSHOT_MISSING");
	}

	@Test
	void extractObservesTheDestinationAsGivenAndAnExpiredSnapshotAsExpired() {
		String envelope = envelopeFor("alice", "amqp:orders");
		this.propagator.extract("amqp:orders", Map.of(MessagingFixtures.HEADER, envelope)::get);
		SnapshotPropagator later = observed(MessagingFixtures.propagator(this.clock,
				MessagingFixtures.verifier(Clock.offset(this.clock, Duration.ofHours(1)))));
		assertThatExceptionOfType(ExpiredAuthContextSnapshotException.class)
			.isThrownBy(() -> later.extract("amqp:invoices", Map.of(MessagingFixtures.HEADER, envelope)::get));
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasNumberOfObservationsWithNameEqualTo(NAME, 2)
			.hasHandledContextsThatSatisfy((contexts) -> assertThat(contexts)
				.extracting((context) -> ((AuthObservationContext) context).getBoundary(),
						(context) -> tag(context.getLowCardinalityKeyValues(), "gatehouse.reason.code"))
				.containsExactly(tuple("amqp:orders", "AUTHORIZED"), tuple("amqp:invoices", "SNAPSHOT_EXPIRED")));
	}

	@Test
	void anUnobservedPropagatorRecordsNothing() {
		SnapshotPropagator plain = MessagingFixtures.propagator(this.clock, MessagingFixtures.verifier(this.clock));
		plain.extract("orders", Map.of(MessagingFixtures.HEADER, envelopeFor("alice", "orders"))::get);
		TestObservationRegistryAssert.assertThat(this.registry).doesNotHaveAnyObservation();
	}

	private SnapshotPropagator observed(SnapshotPropagator propagator) {
		propagator.setObservationRegistry(this.registry, null);
		return propagator;
	}

	private String envelopeFor(String subject) {
		return envelopeFor(subject, "channel:orders-channel");
	}

	private String envelopeFor(String subject, String audience) {
		try (AuthContextScope scope = AuthContextHolder.open(MessagingFixtures.context(subject))) {
			return this.propagator.currentEnvelope(audience);
		}
	}

	private static String tag(KeyValues keyValues, String key) {
		return keyValues.stream()
			.filter((keyValue) -> keyValue.getKey().equals(key))
			.findFirst()
			.orElseThrow()
			.getValue();
	}

	private static String flipLast(String envelope) {
		char last = envelope.charAt(envelope.length() - 1);
		return envelope.substring(0, envelope.length() - 1) + ((last == 'A') ? 'B' : 'A');
	}

	private ExecutorSubscribableChannel channel(boolean require) {
		ExecutorSubscribableChannel channel = new ExecutorSubscribableChannel();
		channel.setBeanName("orders-channel");
		channel.addInterceptor(new AuthSnapshotChannelInterceptor(this.propagator, require));
		channel.subscribe((message) -> this.seen.add(AuthContextHolder.current()));
		return channel;
	}

}
