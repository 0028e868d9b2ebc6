package dev.gatehouse.auth.propagation;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;
import dev.gatehouse.auth.snapshot.InvalidAuthContextSnapshotException;
import dev.gatehouse.auth.snapshot.MissingAuthContextSnapshotException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AuthSnapshotChannelInterceptorTests {

	private final Clock clock = Clock.systemUTC();

	private final SnapshotPropagator propagator = MessagingFixtures.propagator(this.clock,
			MessagingFixtures.verifier(this.clock));

	private final ExecutorService worker = Executors.newSingleThreadExecutor();

	private final List<Optional<AuthContext>> seen = new CopyOnWriteArrayList<>();

	@AfterEach
	void stopWorker() throws InterruptedException {
		this.worker.shutdownNow();
		this.worker.awaitTermination(5, TimeUnit.SECONDS);
	}

	@Test
	void executorChannelHandlerSeesTheSendersSubjectAndThePooledThreadIsCleanAfterwards() throws Exception {
		ExecutorSubscribableChannel channel = channel(this.worker, false);
		try (AuthContextScope scope = AuthContextHolder.open(MessagingFixtures.context("alice"))) {
			channel.send(MessageBuilder.withPayload("order-1").build());
		}
		Optional<AuthContext> afterwards = this.worker.submit(AuthContextHolder::current).get(5, TimeUnit.SECONDS);
		assertThat(this.seen).singleElement().satisfies((context) -> {
			assertThat(context).isPresent();
			assertThat(context.get().subject().id()).isEqualTo("alice");
			assertThat(context.get().correlationId()).isEqualTo("corr-alice");
			assertThat(context.get().delegationChain()).containsExactly("orders");
		});
		assertThat(afterwards).isEmpty();
	}

	@Test
	void directChannelBindsTheVerifiedContextAndRestoresTheSendersAfterwards() {
		ExecutorSubscribableChannel channel = channel(null, false);
		AuthContext sender = MessagingFixtures.context("alice");
		try (AuthContextScope scope = AuthContextHolder.open(sender)) {
			channel.send(MessageBuilder.withPayload("order-1").build());
			assertThat(AuthContextHolder.current()).containsSame(sender);
		}
		assertThat(this.seen).singleElement()
			.satisfies((context) -> assertThat(context.get().delegationChain()).containsExactly("orders"));
		assertThat(AuthContextHolder.current()).isEmpty();
	}

	@Test
	void aMessageWithoutSnapshotRunsWithoutContextUnlessRequired() {
		channel(null, false).send(MessageBuilder.withPayload("anonymous").build());
		assertThat(this.seen).containsExactly(Optional.empty());
		assertThatExceptionOfType(MessageDeliveryException.class)
			.isThrownBy(() -> channel(null, true).send(MessageBuilder.withPayload("anonymous").build()))
			.withCauseInstanceOf(MissingAuthContextSnapshotException.class);
		assertThat(this.seen).hasSize(1);
	}

	@Test
	void aTamperedSnapshotNeverReachesTheHandler() {
		String envelope;
		try (AuthContextScope scope = AuthContextHolder.open(MessagingFixtures.context("alice"))) {
			envelope = this.propagator.currentEnvelope();
		}
		Message<String> tampered = MessageBuilder.withPayload("order-1")
			.setHeader(MessagingFixtures.HEADER, flipLast(envelope))
			.build();
		assertThatExceptionOfType(MessageDeliveryException.class).isThrownBy(() -> channel(null, false).send(tampered))
			.withCauseInstanceOf(InvalidAuthContextSnapshotException.class);
		assertThat(this.seen).isEmpty();
		assertThat(AuthContextHolder.current()).isEmpty();
	}

	@Test
	void aHandlerThatSendsAgainNestsScopesAndUnwindsThemInOrder() {
		ExecutorSubscribableChannel inner = channel(null, false);
		ExecutorSubscribableChannel outer = new ExecutorSubscribableChannel();
		outer.addInterceptor(new AuthSnapshotChannelInterceptor(this.propagator, false));
		outer.subscribe((message) -> {
			try (AuthContextScope scope = AuthContextHolder.open(MessagingFixtures.context("bob"))) {
				inner.send(MessageBuilder.withPayload("nested").build());
			}
			this.seen.add(AuthContextHolder.current());
		});
		try (AuthContextScope scope = AuthContextHolder.open(MessagingFixtures.context("alice"))) {
			outer.send(MessageBuilder.withPayload("order-1").build());
		}
		assertThat(this.seen).extracting((context) -> context.get().subject().id()).containsExactly("bob", "alice");
		assertThat(AuthContextHolder.current()).isEmpty();
	}

	private static String flipLast(String envelope) {
		char last = envelope.charAt(envelope.length() - 1);
		return envelope.substring(0, envelope.length() - 1) + ((last == 'A') ? 'B' : 'A');
	}

	private ExecutorSubscribableChannel channel(java.util.concurrent.Executor executor, boolean require) {
		ExecutorSubscribableChannel channel = new ExecutorSubscribableChannel(executor);
		channel.setBeanName("orders-channel");
		channel.addInterceptor(new AuthSnapshotChannelInterceptor(this.propagator, require));
		channel.subscribe((message) -> this.seen.add(AuthContextHolder.current()));
		return channel;
	}

}
