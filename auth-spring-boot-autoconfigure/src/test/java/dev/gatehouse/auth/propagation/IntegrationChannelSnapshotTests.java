package dev.gatehouse.auth.propagation;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.channel.ExecutorChannel;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The channel interceptor on Spring Integration's own channels: an
 * {@link ExecutorChannel} hands the message to a pooled thread, which sees the sender's
 * identity from the verified snapshot and is clean afterwards; a {@link DirectChannel}
 * runs the handler on the sender's thread, which keeps the sender's context.
 */
class IntegrationChannelSnapshotTests {

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
	void executorChannelHandlerSeesTheSenderAndLeavesThePooledThreadClean() throws Exception {
		ExecutorChannel channel = new ExecutorChannel(this.worker);
		channel.setBeanName("orders");
		channel.addInterceptor(new AuthSnapshotChannelInterceptor(this.propagator, true));
		// As Spring initialises a channel bean: this is when ExecutorChannel starts
		// applying executor interceptors.
		channel.setBeanFactory(new DefaultListableBeanFactory());
		channel.afterPropertiesSet();
		CountDownLatch handled = new CountDownLatch(2);
		channel.subscribe((message) -> {
			this.seen.add(AuthContextHolder.current());
			handled.countDown();
		});
		try (AuthContextScope scope = AuthContextHolder.open(MessagingFixtures.context("alice"))) {
			channel.send(MessageBuilder.withPayload("order-1").build());
		}
		try (AuthContextScope scope = AuthContextHolder.open(MessagingFixtures.context("bob"))) {
			channel.send(MessageBuilder.withPayload("order-2").build());
		}
		assertThat(handled.await(5, TimeUnit.SECONDS)).isTrue();
		Optional<AuthContext> afterwards = this.worker.submit(AuthContextHolder::current).get(5, TimeUnit.SECONDS);
		assertThat(this.seen).extracting((context) -> context.orElseThrow().subject().id())
			.containsExactly("alice", "bob");
		assertThat(this.seen.get(0).orElseThrow().delegationChain()).containsExactly("orders");
		assertThat(afterwards).isEmpty();
	}

	@Test
	void directChannelHandlerRunsWithTheSendersContext() {
		DirectChannel channel = new DirectChannel();
		channel.setBeanName("orders");
		channel.addInterceptor(new AuthSnapshotChannelInterceptor(this.propagator, true));
		channel.setBeanFactory(new DefaultListableBeanFactory());
		channel.afterPropertiesSet();
		List<String> headers = new CopyOnWriteArrayList<>();
		channel.subscribe((message) -> {
			this.seen.add(AuthContextHolder.current());
			headers.add(String.valueOf(message.getHeaders().get(MessagingFixtures.HEADER)));
		});
		AuthContext sender = MessagingFixtures.context("alice");
		try (AuthContextScope scope = AuthContextHolder.open(sender)) {
			channel.send(MessageBuilder.withPayload("order-1").build());
		}
		assertThat(this.seen).singleElement()
			.satisfies((context) -> assertThat(context.orElseThrow().subject().id()).isEqualTo("alice"));
		assertThat(headers).singleElement().satisfies((header) -> assertThat(header).isNotEqualTo("null"));
		assertThat(AuthContextHolder.current()).isEmpty();
	}

}
