package dev.gatehouse.auth.propagation;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;
import dev.gatehouse.auth.snapshot.InvalidAuthContextSnapshotException;
import dev.gatehouse.auth.snapshot.SnapshotEnvelopeSigner;
import dev.gatehouse.auth.spi.AuthContextSnapshot;
import dev.gatehouse.auth.spi.SnapshotSigner;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * As an attacker who reads the logs: a handler that fails on a snapshot-intercepted
 * channel, or a message refused there, must not put the (valid) envelope into the
 * exception that is thrown and logged. Spring's exceptions print the failed message with
 * its headers.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChannelSnapshotRedactionTests {

	private final Clock clock = Clock.systemUTC();

	private final List<String> envelopes = new CopyOnWriteArrayList<>();

	private final SnapshotPropagator propagator = propagator();

	private final List<Message<?>> handled = new CopyOnWriteArrayList<>();

	private SnapshotPropagator propagator() {
		SnapshotEnvelopeSigner signer = MessagingFixtures.signer("orders", this.clock);
		SnapshotSigner capturing = (request) -> {
			AuthContextSnapshot snapshot = signer.sign(request);
			this.envelopes.add(snapshot.envelope());
			return snapshot;
		};
		return new SnapshotPropagator(() -> capturing, () -> MessagingFixtures.verifier(this.clock),
				MessagingFixtures.HEADER, 8192);
	}

	@Test
	void aFailingHandlersExceptionCarriesNoEnvelope(CapturedOutput output) {
		ExecutorSubscribableChannel channel = channel("orders-channel");
		channel.subscribe((message) -> {
			this.handled.add(message);
			// The handler ran as the sender: the snapshot did its work.
			assertThat(AuthContextHolder.current()).isPresent();
			throw new IllegalStateException("handler failed");
		});
		MessageDeliveryException failure;
		try (AuthContextScope scope = AuthContextHolder.open(MessagingFixtures.context("alice"))) {
			failure = catchThrowableOfType(MessageDeliveryException.class,
					() -> channel.send(MessageBuilder.withPayload("order-1").build()));
		}
		assertThat(failure).isNotNull().hasRootCauseInstanceOf(IllegalStateException.class);
		assertThat(this.envelopes).singleElement();
		String envelope = this.envelopes.get(0);
		LogFactory.getLog(ChannelSnapshotRedactionTests.class).error("delivery failed", failure);
		assertThat(everything(failure)).doesNotContain(envelope).contains(AuthSnapshotChannelInterceptor.REDACTED);
		assertThat(output).doesNotContain(envelope);
		// The handler itself got the redacted copy, with the original id and timestamp.
		assertThat(this.handled).singleElement()
			.satisfies((message) -> assertThat(message.getHeaders().get(MessagingFixtures.HEADER))
				.isEqualTo(AuthSnapshotChannelInterceptor.REDACTED));
		assertThat(failure.getFailedMessage()).isNotNull();
		assertThat(failure.getFailedMessage().getHeaders().getId()).isEqualTo(this.handled.get(0).getHeaders().getId());
	}

	@Test
	void aMessageRefusedOnTheChannelCarriesNoEnvelopeEither(CapturedOutput output) {
		// A valid snapshot, signed for another channel, replayed on this one.
		String envelope;
		try (AuthContextScope scope = AuthContextHolder.open(MessagingFixtures.context("mallory"))) {
			envelope = this.propagator.currentEnvelope("channel:payments-channel");
		}
		ExecutorSubscribableChannel channel = channel("orders-channel");
		channel.subscribe(this.handled::add);
		MessagingException failure = catchThrowableOfType(MessagingException.class, () -> channel
			.send(MessageBuilder.withPayload("order-1").setHeader(MessagingFixtures.HEADER, envelope).build()));
		assertThat(failure).isInstanceOf(MessageDeliveryException.class)
			.hasCauseInstanceOf(InvalidAuthContextSnapshotException.class);
		assertThat(this.handled).isEmpty();
		LogFactory.getLog(ChannelSnapshotRedactionTests.class).error("delivery refused", failure);
		assertThat(everything(failure)).doesNotContain(envelope);
		assertThat(output).doesNotContain(envelope);
	}

	private ExecutorSubscribableChannel channel(String name) {
		ExecutorSubscribableChannel channel = new ExecutorSubscribableChannel();
		channel.setBeanName(name);
		channel.addInterceptor(new AuthSnapshotChannelInterceptor(this.propagator, false));
		return channel;
	}

	private static String everything(Throwable failure) {
		StringWriter trace = new StringWriter();
		failure.printStackTrace(new PrintWriter(trace));
		return failure + "\n" + failure.getMessage() + "\n" + trace;
	}

}
