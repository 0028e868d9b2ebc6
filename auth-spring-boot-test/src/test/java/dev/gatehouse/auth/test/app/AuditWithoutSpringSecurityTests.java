package dev.gatehouse.auth.test.app;

import java.util.Map;

import dev.gatehouse.auth.test.WithAuthContext;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.actuate.audit.InMemoryAuditEventRepository;
import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * An application with Actuator and an {@link AuditEventRepository} but without Spring
 * Security (this module's test class path has none): it starts, Gatehouse's refusals
 * reach the repository, and Boot's own {@code AuditApplicationEvent}s still do.
 */
@SpringBootTest(classes = { EditorialApplication.class, AuditWithoutSpringSecurityTests.AuditConfiguration.class })
@WithAuthContext(subject = "rita", roles = "reader")
class AuditWithoutSpringSecurityTests {

	@Autowired
	private ArticleService articles;

	@Autowired
	private AuditEventRepository auditEvents;

	@Autowired
	private ApplicationEventPublisher publisher;

	@Test
	void runsWithoutSpringSecurity() {
		assertThat(ClassUtils.isPresent("org.springframework.security.authentication.event.AbstractAuthenticationEvent",
				getClass().getClassLoader()))
			.isFalse();
	}

	@Test
	void recordsARefusalAsAuthorizationFailure() {
		catchThrowable(() -> this.articles.publish("7"));
		assertThat(this.auditEvents.find("rita", null, "AUTHORIZATION_FAILURE")).singleElement()
			.satisfies((event) -> assertThat(event.getData()).containsEntry("reasonCode", "INSUFFICIENT_ROLE"));
	}

	@Test
	void stillRecordsTheApplicationsOwnAuditEvents() {
		this.publisher.publishEvent(new AuditApplicationEvent("ops", "EXPORT", Map.of("rows", 3)));
		assertThat(this.auditEvents.find("ops", null, "EXPORT")).hasSize(1);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class AuditConfiguration {

		@Bean
		InMemoryAuditEventRepository auditEventRepository() {
			return new InMemoryAuditEventRepository();
		}

	}

}
