package dev.gatehouse.auth.audit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.autoconfigure.audit.GatehouseAuditAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextNotFoundException;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.context.CredentialCarrierLocation;
import dev.gatehouse.auth.decision.AuthRequirementDeniedException;
import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.metadata.AuthBoundaryKind;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.actuate.audit.InMemoryAuditEventRepository;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link AuthDecisionEvent}s for protected method calls: one per refusal with the
 * requirement and the caller but no credential, allowed calls only when asked for,
 * failing listeners never changing the outcome, and the bridge to Actuator's audit
 * repository.
 */
class AuthDecisionEventTests {

	private static final String SECRET = "sk-live-do-not-leak-0123456789";

	private static final AuthContext READER = AuthContext.builder("rita")
		.roles("reader")
		.issuer("https://issuer.test")
		.tenant("acme")
		.correlationId("corr-42")
		.credentialCarrier(new CredentialCarrier(CredentialCarrierKind.API_KEY, CredentialCarrierLocation.HEADER,
				SECRET, "X-API-Key", null))
		.build();

	private static final AuthContext EDITOR = AuthContext.builder("erin").roles("editor").build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GatehouseAutoConfiguration.class, AopAutoConfiguration.class,
				GatehouseAuditAutoConfiguration.class))
		.withUserConfiguration(ArticleConfiguration.class, RecordingListener.class);

	@Test
	void publishesDenialWithRequirementAndCallerButNoCredential() {
		this.contextRunner.run((context) -> {
			assertThatExceptionOfType(AuthRequirementDeniedException.class).isThrownBy(
					() -> AuthContextHolder.runWith(READER, () -> context.getBean(ArticleService.class).publish()));
			List<AuthDecisionEvent> events = context.getBean(RecordingListener.class).events;
			assertThat(events).hasSize(1);
			AuthDecisionEvent event = events.get(0);
			assertThat(event.getDecision().state()).isEqualTo(AuthorizationDecisionState.DENY);
			assertThat(event.getDecision().reasonCode()).isEqualTo(AuthorizationReasonCode.INSUFFICIENT_ROLE);
			assertThat(event.getRequirement()).isEqualTo("ROLE(editor)");
			assertThat(event.getBoundaryKind()).isEqualTo(AuthBoundaryKind.METHOD);
			assertThat(event.getBoundary()).isEqualTo("ArticleService#publish");
			assertThat(event.getSubjectId()).isEqualTo("rita");
			assertThat(event.getIssuer()).isEqualTo("https://issuer.test");
			assertThat(event.getTenant()).isEqualTo("acme");
			assertThat(event.getCorrelationId()).isEqualTo("corr-42");
			assertThat(event.toString()).doesNotContain(SECRET);
		});
	}

	@Test
	void publishesChallengeForACallWithoutContext() {
		this.contextRunner.run((context) -> {
			assertThatExceptionOfType(AuthContextNotFoundException.class)
				.isThrownBy(() -> context.getBean(ArticleService.class).publish());
			AuthDecisionEvent event = context.getBean(RecordingListener.class).events.get(0);
			assertThat(event.getDecision().reasonCode()).isEqualTo(AuthorizationReasonCode.MISSING_CREDENTIAL);
			assertThat(event.getSubjectId()).isNull();
		});
	}

	@Test
	void publishesNothingForAllowedCallsByDefault() {
		this.contextRunner.run((context) -> {
			AuthContextHolder.runWith(EDITOR, () -> context.getBean(ArticleService.class).publish());
			assertThat(context.getBean(RecordingListener.class).events).isEmpty();
		});
	}

	@Test
	void publishesAllowedCallsWhenAsked() {
		this.contextRunner.withPropertyValues("gatehouse.audit.allowed=true").run((context) -> {
			AuthContextHolder.runWith(EDITOR, () -> context.getBean(ArticleService.class).publish());
			assertThat(context.getBean(RecordingListener.class).events).singleElement()
				.satisfies((event) -> assertThat(event.getDecision().isAllowed()).isTrue());
		});
	}

	@Test
	void failingListenerChangesNeitherAnAllowedNorARefusedOutcome() {
		this.contextRunner.withUserConfiguration(FailingListener.class)
			.withPropertyValues("gatehouse.audit.allowed=true")
			.run((context) -> {
				ArticleService articles = context.getBean(ArticleService.class);
				assertThat(AuthContextHolder.callWith(EDITOR, articles::publish)).isEqualTo("published");
				assertThatExceptionOfType(AuthRequirementDeniedException.class)
					.isThrownBy(() -> AuthContextHolder.runWith(READER, articles::publish));
			});
	}

	@Test
	void recordsOneAuthorizationFailureInActuatorsAuditRepository() {
		this.contextRunner.withUserConfiguration(RepositoryConfiguration.class).run((context) -> {
			assertThatExceptionOfType(AuthRequirementDeniedException.class).isThrownBy(
					() -> AuthContextHolder.runWith(READER, () -> context.getBean(ArticleService.class).publish()));
			List<AuditEvent> audit = context.getBean(AuditEventRepository.class).find(null, null, null);
			assertThat(audit).singleElement().satisfies((event) -> {
				assertThat(event.getType()).isEqualTo("AUTHORIZATION_FAILURE");
				assertThat(event.getPrincipal()).isEqualTo("rita");
				assertThat(event.getData()).containsEntry("reasonCode", "INSUFFICIENT_ROLE")
					.containsEntry("requirement", "ROLE(editor)")
					.containsEntry("correlationId", "corr-42");
				assertThat(event.getData().toString()).doesNotContain(SECRET);
			});
		});
	}

	@Test
	void recordsAChallengeAsAuthenticationFailure() {
		this.contextRunner.withUserConfiguration(RepositoryConfiguration.class).run((context) -> {
			assertThatExceptionOfType(AuthContextNotFoundException.class)
				.isThrownBy(() -> context.getBean(ArticleService.class).publish());
			assertThat(context.getBean(AuditEventRepository.class).find(null, null, null)).singleElement()
				.satisfies((event) -> {
					assertThat(event.getType()).isEqualTo("AUTHENTICATION_FAILURE");
					assertThat(event.getPrincipal()).isEqualTo("anonymousUser");
				});
		});
	}

	@Test
	void bridgesNothingWithoutARepository() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(AuthDecisionAuditListener.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class ArticleConfiguration {

		@Bean
		ArticleService articleService() {
			return new ArticleService();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RepositoryConfiguration {

		@Bean
		InMemoryAuditEventRepository auditEventRepository() {
			return new InMemoryAuditEventRepository();
		}

	}

	static class RecordingListener {

		final List<AuthDecisionEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(AuthDecisionEvent event) {
			this.events.add(event);
		}

	}

	static class FailingListener {

		@EventListener
		void on(AuthDecisionEvent event) {
			throw new IllegalStateException("listener failed");
		}

	}

	static class ArticleService {

		@RequireRole("editor")
		public String publish() {
			return "published";
		}

	}

}
