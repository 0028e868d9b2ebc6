package dev.gatehouse.auth.autoconfigure.audit;

import dev.gatehouse.auth.audit.AuthDecisionAuditListener;
import dev.gatehouse.auth.autoconfigure.core.ConditionalOnGatehouseEnabled;

import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.actuate.audit.listener.AbstractAuditListener;
import org.springframework.boot.actuate.audit.listener.AuditListener;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The audit listener of decisions, and Boot's own audit listener where its
 * auto-configuration cannot start.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

	@Bean
	@ConditionalOnGatehouseEnabled
	@ConditionalOnMissingBean
	AuthDecisionAuditListener gatehouseAuthDecisionAuditListener(AuditEventRepository repository) {
		return new AuthDecisionAuditListener(repository);
	}

	// Independent of gatehouse.enabled: the import filter leaves Boot's configuration out
	// either way.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass(AuditAutoConfigurationImportFilter.SPRING_SECURITY_EVENT)
	static class WithoutSpringSecurityConfiguration {

		@Bean
		@ConditionalOnMissingBean(AbstractAuditListener.class)
		AuditListener auditListener(AuditEventRepository repository) {
			return new AuditListener(repository);
		}

	}

}
