package dev.gatehouse.auth.propagation;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;
import dev.gatehouse.auth.snapshot.AuthContextSnapshotException;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.AbstractMessageChannel;
import org.springframework.messaging.support.ErrorMessage;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Carries the bound {@link AuthContext} across a spring-messaging channel: on send it
 * writes the signed snapshot, for the audience {@code channel:<bean name>}, as a message
 * header; before the handler runs (on whatever thread the channel's executor uses) it
 * verifies the header against that audience and binds the context, and unbinds it after
 * the handler, whatever the outcome.
 *
 * <p>
 * A message whose snapshot is invalid, expired or for another channel, or that has none
 * while {@code gatehouse.snapshot.propagation.require-inbound-messages} is set, never
 * reaches the handler: {@link #beforeHandle} throws a {@link MessageDeliveryException}
 * whose cause is the snapshot exception. A message without the header otherwise runs with
 * no context bound, so protected handlers refuse it.
 *
 * <p>
 * Once verified, the envelope has done its work: the handler receives the message with
 * the header's value replaced by {@value #REDACTED} (same id, timestamp, payload and
 * other headers), so a failing handler's {@code MessagingException}, whose text includes
 * the message, never carries a valid snapshot into a log. The refusal thrown by
 * {@link #beforeHandle} carries the same redacted copy. Thread-safe; one instance may
 * serve many channels.
 */
public final class AuthSnapshotChannelInterceptor implements ExecutorChannelInterceptor {

	/** What the snapshot header says once verified, and in every exception. */
	public static final String REDACTED = "[REDACTED]";

	private final SnapshotPropagator propagator;

	private final boolean requireSnapshot;

	/** Audiences, and observed boundaries, are {@code channel:<bean name>}. */
	private final DestinationAudiences audiences = new DestinationAudiences("channel");

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
		String envelope = this.propagator.currentEnvelope(this.audiences.of(channelName(channel)));
		if (envelope == null) {
			return message;
		}
		return MessageBuilder.fromMessage(message).setHeader(this.propagator.headerName(), envelope).build();
	}

	@Override
	public Message<?> beforeHandle(Message<?> message, MessageChannel channel, MessageHandler handler) {
		Object header = message.getHeaders().get(this.propagator.headerName());
		String name = channelName(channel);
		AuthContext context;
		try {
			context = this.propagator.verifyHeader(header, name, this.audiences.of(name), this.requireSnapshot);
		}
		catch (AuthContextSnapshotException ex) {
			// Thrown as the channel would wrap it, but with the envelope redacted: the
			// channel rethrows a MessagingException as it is.
			throw new MessageDeliveryException(redact(message),
					"Refused the message on channel '" + name + "': " + ex.getMessage(), ex);
		}
		// Bind even "no context", so a handler never sees an identity left on a pooled
		// thread.
		this.scopes.get().push(AuthContextHolder.open(context));
		return redact(message);
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

	/**
	 * A copy of the message whose snapshot header says {@value #REDACTED}, keeping the id
	 * and timestamp, so nothing downstream of verification sees the envelope; the message
	 * itself when it has no snapshot header.
	 * @param message the message
	 * @return the redacted message
	 */
	Message<?> redact(Message<?> message) {
		MessageHeaders headers = message.getHeaders();
		String headerName = this.propagator.headerName();
		if (!headers.containsKey(headerName) || message instanceof ErrorMessage) {
			return message;
		}
		Map<String, Object> copy = new HashMap<>(headers);
		copy.put(headerName, REDACTED);
		return new GenericMessage<>(message.getPayload(),
				new RedactedHeaders(copy, headers.getId(), headers.getTimestamp()));
	}

	private static String channelName(MessageChannel channel) {
		return (channel instanceof AbstractMessageChannel named) ? named.getBeanName() : channel.toString();
	}

	/**
	 * Message headers that keep the original message's id and timestamp.
	 */
	private static final class RedactedHeaders extends MessageHeaders {

		private static final long serialVersionUID = 1L;

		RedactedHeaders(Map<String, Object> headers, @Nullable UUID id, @Nullable Long timestamp) {
			super(headers, id, timestamp);
		}

	}

}
