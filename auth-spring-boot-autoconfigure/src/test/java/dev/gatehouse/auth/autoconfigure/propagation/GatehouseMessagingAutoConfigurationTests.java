package dev.gatehouse.auth.autoconfigure.propagation;

import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

import dev.gatehouse.auth.autoconfigure.snapshot.GatehouseSnapshotAutoConfiguration;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;

import dev.gatehouse.auth.observation.AuthenticationObservationConvention;
import dev.gatehouse.auth.observation.DefaultAuthenticationObservationConvention;
import dev.gatehouse.auth.propagation.AuthSnapshotChannelInterceptor;
import dev.gatehouse.auth.propagation.GatehouseKafkaConfigurer;
import dev.gatehouse.auth.propagation.KafkaSnapshotProducerInterceptor;
import dev.gatehouse.auth.propagation.KafkaSnapshotRecordInterceptor;
import dev.gatehouse.auth.propagation.SnapshotPropagator;
import dev.gatehouse.auth.snapshot.ExpiredAuthContextSnapshotException;
import dev.gatehouse.auth.snapshot.InvalidAuthContextSnapshotException;
import dev.gatehouse.auth.snapshot.MissingAuthContextSnapshotException;
import dev.gatehouse.auth.snapshot.SnapshotVerifierUnavailableException;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CompositeRecordInterceptor;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.support.ExceptionMatcher;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

class GatehouseMessagingAutoConfigurationTests {

	private static final String SECRET;

	static {
		byte[] secret = new byte[32];
		Arrays.fill(secret, (byte) 3);
		SECRET = Base64.getEncoder().encodeToString(secret);
	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GatehouseSnapshotAutoConfiguration.class,
				GatehouseMessagingAutoConfiguration.class, KafkaAutoConfiguration.class))
		.withPropertyValues("gatehouse.snapshot.service-id=orders", "gatehouse.snapshot.signing.key-id=k1",
				"gatehouse.snapshot.signing.algorithm=HS256", "gatehouse.snapshot.signing.secret=" + SECRET,
				"gatehouse.snapshot.verification.keys.k1.algorithm=HS256",
				"gatehouse.snapshot.verification.keys.k1.secret=" + SECRET);

	private final ApplicationContextRunner enabled = this.runner
		.withPropertyValues("gatehouse.snapshot.propagation.enabled=true");

	@Test
	void addsNothingWhenPropagationIsDisabled() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(SnapshotPropagator.class)
				.doesNotHaveBean(AuthSnapshotChannelInterceptor.class)
				.doesNotHaveBean(GatehouseKafkaConfigurer.class);
			assertThat(producerInterceptor(context.getBean(KafkaTemplate.class))).isNull();
			assertThat(context.getBean(ConcurrentKafkaListenerContainerFactory.class).getRecordInterceptor()).isNull();
		});
	}

	@Test
	void addsNothingWhenGatehouseIsDisabled() {
		this.enabled.withPropertyValues("gatehouse.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SnapshotPropagator.class));
	}

	@Test
	void configuresBootsKafkaTemplateAndListenerContainerFactory() {
		this.enabled.run((context) -> {
			assertThat(context).hasSingleBean(SnapshotPropagator.class)
				.hasSingleBean(AuthSnapshotChannelInterceptor.class)
				.hasSingleBean(GatehouseKafkaConfigurer.class);
			assertThat(context.getBean(SnapshotPropagator.class).headerName())
				.isEqualTo("gatehouse.auth.context_snapshot");
			assertThat(producerInterceptor(context.getBean(KafkaTemplate.class)))
				.isInstanceOf(KafkaSnapshotProducerInterceptor.class);
			assertThat(context.getBean(ConcurrentKafkaListenerContainerFactory.class).getRecordInterceptor())
				.isInstanceOf(KafkaSnapshotRecordInterceptor.class);
		});
	}

	@Test
	void usesTheConfiguredMessageHeader() {
		this.enabled.withPropertyValues("gatehouse.snapshot.propagation.message-header=x-identity")
			.run((context) -> assertThat(context.getBean(SnapshotPropagator.class).headerName())
				.isEqualTo("x-identity"));
	}

	@Test
	void keepsTheApplicationsRecordInterceptorAfterGatehouses() {
		this.enabled.withUserConfiguration(AppRecordInterceptor.class).run((context) -> {
			RecordInterceptor<?, ?> interceptor = context.getBean(ConcurrentKafkaListenerContainerFactory.class)
				.getRecordInterceptor();
			assertThat(interceptor).isInstanceOf(CompositeRecordInterceptor.class);
			assertThat(ReflectionTestUtils.getField(interceptor, "delegates"))
				.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.collection(RecordInterceptor.class))
				.hasSize(2)
				.first()
				.isInstanceOf(KafkaSnapshotRecordInterceptor.class);
		});
	}

	@Test
	void leavesTemplatesTheApplicationBuildsToTheDocumentedCall() {
		this.enabled.withUserConfiguration(AppTemplate.class).run((context) -> {
			KafkaTemplate<?, ?> template = context.getBean(KafkaTemplate.class);
			assertThat(producerInterceptor(template)).isNull();
			context.getBean(GatehouseKafkaConfigurer.class).configure(template);
			assertThat(producerInterceptor(template)).isInstanceOf(KafkaSnapshotProducerInterceptor.class);
		});
	}

	@Test
	void makesRefusedSnapshotsNonRetryableButAnUnavailableVerifierRetryable() {
		this.enabled.withUserConfiguration(AppErrorHandler.class).run((context) -> {
			ExceptionMatcher retryable = (ExceptionMatcher) ReflectionTestUtils
				.invokeMethod(context.getBean(DefaultErrorHandler.class), "getExceptionMatcher");
			assertThat(retryable.match(new MissingAuthContextSnapshotException())).isFalse();
			assertThat(retryable.match(new InvalidAuthContextSnapshotException("bad"))).isFalse();
			assertThat(retryable.match(new ExpiredAuthContextSnapshotException("old"))).isFalse();
			assertThat(retryable.match(new SnapshotVerifierUnavailableException("down", null))).isTrue();
			assertThat(retryable.match(new IllegalStateException("other"))).isTrue();
		});
	}

	@Test
	void backsOffWithoutSpringKafka() {
		this.enabled.withClassLoader(new FilteredClassLoader(KafkaTemplate.class)).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(SnapshotPropagator.class);
			assertThat(context).doesNotHaveBean(GatehouseKafkaConfigurer.class);
		});
	}

	@Test
	void backsOffWithoutSpringMessaging() {
		this.enabled.withClassLoader(new FilteredClassLoader(ExecutorChannelInterceptor.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(AuthSnapshotChannelInterceptor.class)
				.hasSingleBean(GatehouseKafkaConfigurer.class));
	}

	@Test
	void observesEachMessageAuthenticationWithTheApplicationsRegistry() {
		this.enabled.withBean(TestObservationRegistry.class, TestObservationRegistry::create).run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			assertThat(verificationOf(context.getBean(SnapshotPropagator.class))).isEqualTo("ObservedVerification");
			assertThat(sendSignedMessage(context)).isEqualTo("alice");
			TestObservationRegistryAssert.assertThat(registry)
				.hasNumberOfObservationsWithNameEqualTo("gatehouse.authentication", 1)
				.hasObservationWithNameEqualTo("gatehouse.authentication")
				.that()
				.hasLowCardinalityKeyValue("gatehouse.decision.state", "ALLOW")
				.hasLowCardinalityKeyValue("gatehouse.boundary.kind", "MESSAGE")
				.hasHighCardinalityKeyValue("gatehouse.boundary", "channel:inbound");
		});
	}

	@Test
	void namesMessageObservationsWithTheApplicationsConvention() {
		this.enabled.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withBean(AuthenticationObservationConvention.class, RenamedConvention::new)
			.run((context) -> {
				sendSignedMessage(context);
				TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
					.hasNumberOfObservationsWithNameEqualTo("orders.authentication", 1)
					.hasNumberOfObservationsWithNameEqualTo("gatehouse.authentication", 0);
			});
	}

	@Test
	void observesNothingWithoutAnObservationRegistry() {
		this.enabled.run((context) -> {
			assertThat(context).doesNotHaveBean(ObservationRegistry.class);
			SnapshotPropagator propagator = context.getBean(SnapshotPropagator.class);
			assertThat(verificationOf(propagator)).isNotEqualTo("ObservedVerification");
			assertThat(sendSignedMessage(context)).isEqualTo("alice");
		});
	}

	@Test
	void observesNothingWhenObservationsAreDisabled() {
		this.enabled.withPropertyValues("gatehouse.observation.enabled=false")
			.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.run((context) -> {
				assertThat(verificationOf(context.getBean(SnapshotPropagator.class)))
					.isNotEqualTo("ObservedVerification");
				assertThat(sendSignedMessage(context)).isEqualTo("alice");
				TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
					.doesNotHaveAnyObservation();
			});
	}

	// How the propagator verifies headers: directly unless observations are on.
	private static String verificationOf(SnapshotPropagator propagator) {
		Object verification = ReflectionTestUtils.getField(propagator, "headerVerification");
		assertThat(verification).isNotNull();
		return verification.getClass().getSimpleName();
	}

	/**
	 * Sends a message under a bound context through a channel with the auto-configured
	 * interceptor and returns the subject its handler saw.
	 */
	private static String sendSignedMessage(ApplicationContext context) {
		ExecutorSubscribableChannel channel = new ExecutorSubscribableChannel();
		channel.setBeanName("inbound");
		channel.addInterceptor(context.getBean(AuthSnapshotChannelInterceptor.class));
		AtomicReference<String> seen = new AtomicReference<>();
		channel.subscribe((message) -> seen.set(AuthContextHolder.require().subject().id()));
		try (AuthContextScope scope = AuthContextHolder.open(AuthContext.builder("alice").build())) {
			channel.send(MessageBuilder.withPayload("order").build());
		}
		return seen.get();
	}

	private static Object producerInterceptor(KafkaTemplate<?, ?> template) {
		return ReflectionTestUtils.getField(template, "producerInterceptor");
	}

	static final class RenamedConvention extends DefaultAuthenticationObservationConvention {

		@Override
		public String getName() {
			return "orders.authentication";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AppRecordInterceptor {

		@Bean
		RecordInterceptor<Object, Object> appInterceptor() {
			return (ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) -> record;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AppTemplate {

		@Bean
		KafkaTemplate<String, String> appTemplate() {
			return new KafkaTemplate<>(
					new DefaultKafkaProducerFactory<>(java.util.Map.of("bootstrap.servers", "localhost:1")));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AppErrorHandler {

		@Bean
		DefaultErrorHandler appErrorHandler() {
			return new DefaultErrorHandler();
		}

	}

}
