package dev.gatehouse.auth.autoconfigure.audit;

import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.actuate.audit.listener.AuditListener;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Bridges Gatehouse's {@link dev.gatehouse.auth.audit.AuthDecisionEvent}s to Boot
 * Actuator's {@link AuditEventRepository} when the application defines one.
 *
 * <p>
 * Without Spring Security on the class path, Boot's own {@code AuditAutoConfiguration}
 * cannot start (its authentication and authorization audit listeners extend Spring
 * Security types); {@link AuditAutoConfigurationImportFilter} then leaves it out, and
 * this configuration registers the one listener of it that does not need Spring Security:
 * Boot's {@link AuditListener}, which records {@code AuditApplicationEvent}s.
 */
@AutoConfiguration(afterName = "org.springframework.boot.actuate.autoconfigure.audit.AuditAutoConfiguration")
@ConditionalOnClass(AuditEventRepository.class)
@ConditionalOnBean(AuditEventRepository.class)
@ConditionalOnBooleanProperty(name = "management.auditevents.enabled", matchIfMissing = true)
@EnableConfigurationProperties(GatehouseAuditProperties.class)
@Import(AuditConfiguration.class)
public final class GatehouseAuditAutoConfiguration {

}
