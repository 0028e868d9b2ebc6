package dev.gatehouse.auth.autoconfigure.propagation;

import dev.gatehouse.auth.autoconfigure.core.ConditionalOnGatehouseEnabled;
import dev.gatehouse.auth.autoconfigure.observation.GatehouseObservationProperties;
import dev.gatehouse.auth.autoconfigure.snapshot.GatehouseSnapshotAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.snapshot.GatehouseSnapshotProperties;
import dev.gatehouse.auth.propagation.AuthSnapshotChannelInterceptor;
import dev.gatehouse.auth.propagation.SnapshotPropagator;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Message boundaries, when {@code gatehouse.snapshot.propagation.enabled=true}: a
 * {@link SnapshotPropagator} for any carrier, an {@link AuthSnapshotChannelInterceptor}
 * when spring-messaging is present, and, when spring-kafka is present, the snapshot
 * header on Boot's {@code KafkaTemplate} and its verification around the listeners of
 * Boot's listener container factory. With an {@code ObservationRegistry} bean and
 * {@code gatehouse.observation.enabled} (the default), every verification of an inbound
 * message's snapshot is observed as {@code gatehouse.authentication}.
 */
@AutoConfiguration(after = GatehouseSnapshotAutoConfiguration.class)
@ConditionalOnGatehouseEnabled
@ConditionalOnBooleanProperty("gatehouse.snapshot.propagation.enabled")
@EnableConfigurationProperties({ GatehouseSnapshotProperties.class, GatehouseObservationProperties.class })
@Import(MessagingConfiguration.class)
public final class GatehouseMessagingAutoConfiguration {

}
