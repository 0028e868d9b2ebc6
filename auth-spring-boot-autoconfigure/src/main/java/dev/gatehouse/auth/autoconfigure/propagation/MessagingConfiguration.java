package dev.gatehouse.auth.autoconfigure.propagation;

import java.lang.reflect.Method;
import java.time.Duration;

import dev.gatehouse.auth.autoconfigure.observation.GatehouseObservationProperties;
import dev.gatehouse.auth.autoconfigure.snapshot.GatehouseSnapshotProperties;
import dev.gatehouse.auth.observation.AuthenticationObservationConvention;
import dev.gatehouse.auth.propagation.AuthSnapshotChannelInterceptor;
import dev.gatehouse.auth.propagation.GatehouseKafkaConfigurer;
import dev.gatehouse.auth.propagation.SnapshotPropagator;
import dev.gatehouse.auth.spi.SnapshotSigner;
import dev.gatehouse.auth.spi.SnapshotVerifier;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ExceptionClassifier;

/**
 * The snapshot propagator and its channel and Kafka boundaries.
 */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

	/**
	 * How long a sender reuses the envelope of an unchanged bound context: short against
	 * any sensible snapshot TTL, long enough that a burst of records under one context is
	 * signed once.
	 */
	static final Duration ENVELOPE_REUSE = Duration.ofSeconds(1);

	@Bean
	@ConditionalOnMissingBean
	SnapshotPropagator snapshotPropagator(GatehouseSnapshotProperties snapshot,
			GatehouseObservationProperties observation, ObjectProvider<SnapshotSigner> signer,
			ObjectProvider<SnapshotVerifier> verifier, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<AuthenticationObservationConvention> observationConvention) {
		SnapshotPropagator propagator = new SnapshotPropagator(signer::getObject, verifier::getObject,
				snapshot.getPropagation().getMessageHeader(), snapshot.getMaxEnvelopeLength(), ENVELOPE_REUSE);
		// Decided once: without a registry, or with observations off, the propagator
		// has no registry and verifies each message exactly as it always did.
		ObservationRegistry registry = observation.isEnabled() ? observationRegistry.getIfUnique() : null;
		if (registry != null) {
			propagator.setObservationRegistry(registry, observationConvention.getIfUnique());
		}
		return propagator;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.messaging.support.ExecutorChannelInterceptor")
	static class ChannelConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AuthSnapshotChannelInterceptor authSnapshotChannelInterceptor(SnapshotPropagator snapshotPropagator,
				GatehouseSnapshotProperties snapshot) {
			return new AuthSnapshotChannelInterceptor(snapshotPropagator,
					snapshot.getPropagation().isRequireInboundMessages());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.kafka.core.KafkaTemplate")
	static class KafkaConfiguration {

		@Bean
		@ConditionalOnMissingBean
		GatehouseKafkaConfigurer gatehouseKafkaConfigurer(SnapshotPropagator snapshotPropagator,
				GatehouseSnapshotProperties snapshot) {
			return new GatehouseKafkaConfigurer(snapshotPropagator,
					snapshot.getPropagation().isRequireInboundMessages());
		}

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static KafkaBoundaryPostProcessor gatehouseKafkaBoundaryPostProcessor(
				ObjectProvider<GatehouseKafkaConfigurer> configurer) {
			return new KafkaBoundaryPostProcessor(configurer);
		}

	}

	/**
	 * Applies {@link GatehouseKafkaConfigurer} to the template and listener container
	 * factory that Boot's Kafka auto-configuration created (told apart by the class that
	 * declares their factory method, so templates and factories an application builds
	 * itself are left to the documented call), and to every error handler bean. A
	 * post-processor rather than a {@code RecordInterceptor} or
	 * {@code ContainerCustomizer} bean, because Boot only applies those when exactly one
	 * exists: ours would silently switch off an application's own.
	 */
	static final class KafkaBoundaryPostProcessor implements BeanPostProcessor, BeanFactoryAware {

		private static final String BOOT_KAFKA_PACKAGE = "org.springframework.boot.kafka.autoconfigure.";

		private final ObjectProvider<GatehouseKafkaConfigurer> configurer;

		private @Nullable ConfigurableListableBeanFactory beanFactory;

		KafkaBoundaryPostProcessor(ObjectProvider<GatehouseKafkaConfigurer> configurer) {
			this.configurer = configurer;
		}

		@Override
		public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
			if (beanFactory instanceof ConfigurableListableBeanFactory listable) {
				this.beanFactory = listable;
			}
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
			if (bean instanceof KafkaTemplate<?, ?> template && isAutoConfigured(beanName)) {
				this.configurer.getObject().configure(template);
			}
			else if (bean instanceof AbstractKafkaListenerContainerFactory<?, ?, ?> factory
					&& isAutoConfigured(beanName)) {
				this.configurer.getObject().configure(factory);
			}
			else if (bean instanceof ExceptionClassifier errorHandler) {
				this.configurer.getObject().configure(errorHandler);
			}
			return bean;
		}

		private boolean isAutoConfigured(String beanName) {
			if (this.beanFactory == null) {
				return false;
			}
			try {
				BeanDefinition definition = this.beanFactory.getMergedBeanDefinition(beanName);
				Method factoryMethod = (definition instanceof RootBeanDefinition root) ? root.getResolvedFactoryMethod()
						: null;
				return factoryMethod != null
						&& factoryMethod.getDeclaringClass().getName().startsWith(BOOT_KAFKA_PACKAGE);
			}
			catch (NoSuchBeanDefinitionException ex) {
				return false;
			}
		}

	}

}
