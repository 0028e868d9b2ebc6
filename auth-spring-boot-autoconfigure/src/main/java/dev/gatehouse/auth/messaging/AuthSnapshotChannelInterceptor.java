package dev.gatehouse.auth.messaging;

import java.util.ArrayDeque;
import java.util.Objects;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.support.AbstractMessageChannel;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Carries the bound {@link AuthContext} across a spring-messaging channel: on send it
 * writes the signed snapshot as a message header; before the handler runs (on whatever
 * thread the channel's executor uses) it verifies the header and binds the context, and
 * unbinds it after the handler, whatever the outcome.
 *
 * <p>
 * A message whose snapshot is invalid or expired, or that has none while
 * {@code gatehouse.snapshot.propagation.require-inbound-messages} is set, never reaches
 * the handler: the snapshot exception is thrown from {@link #beforeHandle}. A message
 * without the header otherwise runs with no context bound, so protected handlers refuse
 * it. Thread-safe; one instance may serve many channels.
 */
public final class AuthSnapshotChannelInterceptor implements ExecutorChannelInterceptor {

	/** Observed boundaries are {@code channel:<bean name>}. */
	private static final String CARRIER = "channel";

	private final SnapshotPropagator propagator;

	private final boolean requireSnapshot;

	// A stack per thread: on a channel without an executor, a handler that sends again
	// nests a second scope.
	private final ThreadLocal<ArrayDeque<AuthContextScope>> scopes = ThreadLocal.withInitial(ArrayDeque::new);

	/**
	 * Creates the interceptor.
	 * @param propagator signs and verifies the snapshot header
	 * @param requireSnapshot whether a message without the header is refused
	 */
	public AuthSnapshotChannelInterceptor(SnapshotPropagator propagator, boolean requireSnapshot) {
		this.propagator = Objects.requireNonNull(propagator, "propagator must not be null");
		this.requireSnapshot = requireSnapshot;
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		String envelope = this.propagator.currentEnvelope();
		if (envelope == null) {
			return message;
		}
		return MessageBuilder.fromMessage(message).setHeader(this.propagator.headerName(), envelope).build();
	}

	@Override
	public Message<?> beforeHandle(Message<?> message, MessageChannel channel, MessageHandler handler) {
		Object header = message.getHeaders().get(this.propagator.headerName());
		AuthContext context = this.propagator.verifyHeader(header, channelName(channel), CARRIER, this.requireSnapshot);
		// Bind even "no context", so a handler never sees an identity left on a pooled
		// thread.
		this.scopes.get().push(AuthContextHolder.open(context));
		return message;
	}

	@Override
	public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler,
			@Nullable Exception ex) {
		ArrayDeque<AuthContextScope> stack = this.scopes.get();
		AuthContextScope scope = stack.poll();
		if (scope != null) {
			scope.close();
		}
		if (stack.isEmpty()) {
			this.scopes.remove();
		}
	}

	private static String channelName(MessageChannel channel) {
		return (channel instanceof AbstractMessageChannel named) ? named.getBeanName() : channel.toString();
	}

}
