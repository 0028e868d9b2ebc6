package dev.gatehouse.auth.enforcement;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gatehouse.auth.annotation.Protected;
import dev.gatehouse.auth.annotation.RequirePermission;
import dev.gatehouse.auth.annotation.RequirePolicy;
import dev.gatehouse.auth.annotation.RequireRelation;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.annotation.RequireScope;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextNotFoundException;
import dev.gatehouse.auth.context.AuthContextScope;
import dev.gatehouse.auth.decision.AuthException;
import dev.gatehouse.auth.decision.AuthRequirementDeniedException;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.AuthorizationRequest;
import dev.gatehouse.auth.spi.PermissionCheckRequest;
import dev.gatehouse.auth.spi.PermissionChecker;
import dev.gatehouse.auth.spi.PolicyEvaluator;
import dev.gatehouse.auth.spi.RelationCheckRequest;
import dev.gatehouse.auth.spi.RelationChecker;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every requirement kind, allowed and denied, through the real Spring proxy that the
 * auto-configuration creates: the decision in the exception, the values the checkers
 * receive, and that a refused method body never runs.
 */
class AuthorizationEnforcementIntegrationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GatehouseAutoConfiguration.class, AopAutoConfiguration.class))
		.withUserConfiguration(DocumentsConfiguration.class);

	@Test
	void allowsProtectedMethodForAnyAuthenticatedCaller() {
		this.contextRunner.run((context) -> {
			DocumentService service = context.getBean(DocumentService.class);
			try (AuthContextScope scope = AuthContextHolder.open(AuthContext.builder("alice").build())) {
				assertThat(service.list()).isEqualTo("list");
			}
			assertThat(invocations(context).count("list")).isOne();
		});
	}

	@Test
	void challengesProtectedMethodWithoutContext() {
		this.contextRunner.run((context) -> {
			DocumentService service = context.getBean(DocumentService.class);
			assertRefused(service::list, AuthContextNotFoundException.class, AuthorizationDecisionState.CHALLENGE,
					AuthorizationReasonCode.MISSING_CREDENTIAL);
			assertThat(invocations(context).count("list")).isZero();
		});
	}

	@Test
	void challengesProtectedMethodInsideScopeThatBindsNoContext() {
		this.contextRunner.run((context) -> {
			DocumentService service = context.getBean(DocumentService.class);
			try (AuthContextScope outer = AuthContextHolder.open(AuthContext.builder("alice").build());
					AuthContextScope none = AuthContextHolder.open(null)) {
				assertRefused(service::list, AuthContextNotFoundException.class, AuthorizationDecisionState.CHALLENGE,
						AuthorizationReasonCode.MISSING_CREDENTIAL);
			}
			assertThat(invocations(context).count("list")).isZero();
		});
	}

	@Test
	void challengesEveryRequirementKindWithoutContextBeforeAskingAnyChecker() {
		this.contextRunner.run((context) -> {
			DocumentService service = context.getBean(DocumentService.class);
			List<ThrowingCallable> calls = List.of(service::archive, service::search, service::delete, service::share,
					service::publish);
			for (ThrowingCallable call : calls) {
				assertRefused(call, AuthContextNotFoundException.class, AuthorizationDecisionState.CHALLENGE,
						AuthorizationReasonCode.MISSING_CREDENTIAL);
			}
			assertThat(context.getBean(RecordingPermissionChecker.class).requests).isEmpty();
			assertThat(context.getBean(RecordingRelationChecker.class).requests).isEmpty();
			assertThat(context.getBean(RecordingPolicyEvaluator.class).requests).isEmpty();
			assertThat(invocations(context).names).isEmpty();
		});
	}

	@Test
	void allowsRoleHeldByCaller() {
		this.contextRunner.run((context) -> {
			DocumentService service = context.getBean(DocumentService.class);
			try (AuthContextScope scope = AuthContextHolder.open(AuthContext.builder("alice").roles("admin").build())) {
				assertThat(service.archive()).isEqualTo("archived");
			}
			assertThat(invocations(context).count("archive")).isOne();
		});
	}

	@Test
	void deniesWhenRoleMissing() {
		this.contextRunner.run((context) -> {
			DocumentService service = context.getBean(DocumentService.class);
			try (AuthContextScope scope = AuthContextHolder.open(AuthContext.builder("bob").roles("user").build())) {
				assertRefused(service::archive, AuthRequirementDeniedException.class, AuthorizationDecisionState.DENY,
						AuthorizationReasonCode.INSUFFICIENT_ROLE);
			}
			assertThat(invocations(context).count("archive")).isZero();
		});
	}

	@Test
	void allowsTenantQualifiedRoleInMatchingTenant() {
		this.contextRunner.run((context) -> {
			DocumentService service = context.getBean(DocumentService.class);
			AuthContext caller = AuthContext.builder("alice").tenant("acme").roles("admin").build();
			try (AuthContextScope scope = AuthContextHolder.open(caller)) {
				assertThat(service.purge()).isEqualTo("purged");
			}
			assertThat(invocations(context).count("purge")).isOne();
		});
	}

	@Test
	void deniesTenantQualifiedRoleInOtherTenant() {
		this.contextRunner.run((context) -> {
			DocumentService service = context.getBean(DocumentService.class);
			AuthContext caller = AuthContext.builder("alice").tenant("globex").roles("admin").build();
			try (AuthContextScope scope = AuthContextHolder.open(caller)) {
				assertRefused(service::purge, AuthRequirementDeniedException.class, AuthorizationDecisionState.DENY,
						AuthorizationReasonCode.INSUFFICIENT_ROLE);
			}
			assertThat(invocations(context).count("purge")).isZero();
		});
	}

	@Test
	void allowsScopeGrantedToCaller() {
		this.contextRunner.run((context) -> {
			DocumentService service = context.getBean(DocumentService.class);
			AuthContext caller = AuthContext.builder("alice").scopes("documents:read").build();
			try (AuthContextScope scope = AuthContextHolder.open(caller)) {
				assertThat(service.search()).isEqualTo("found");
			}
			assertThat(invocations(context).count("search")).isOne();
		});
	}

	@Test
	void deniesWhenScopeMissing() {
		this.contextRunner.run((context) -> {
			DocumentService service = context.getBean(DocumentService.class);
			AuthContext caller = AuthContext.builder("alice").scopes("documents:write").roles("documents:read").build();
			try (AuthContextScope scope = AuthContextHolder.open(caller)) {
				assertRefused(service::search, AuthRequirementDeniedException.class, AuthorizationDecisionState.DENY,
						AuthorizationReasonCode.INSUFFICIENT_SCOPE);
			}
			assertThat(invocations(context).count("search")).isZero();
		});
	}

	@Test
	void allowsPermissionAndPassesAnnotationValuesToChecker() {
		this.contextRunner.run((context) -> {
			DocumentService service = context.getBean(DocumentService.class);
			AuthContext caller = AuthContext.builder("alice").claim("grants", "documents:delete").build();
			try (AuthContextScope scope = AuthContextHolder.open(caller)) {
				assertThat(service.delete()).isEqualTo("deleted");
			}
			assertThat(invocations(context).count("delete")).isOne();
			assertThat(context.getBean(RecordingPermissionChecker.class).requests).singleElement()
				.satisfies((request) -> {
					assertThat(request.context()).isSameAs(caller);
					assertThat(request.permission()).isEqualTo("documents:delete");
					assertThat(request.resource()).isEqualTo("document:42");
					assertThat(request.tenant()).isEqualTo("acme");
				});
		});
	}

	@Test
	void deniesWhenPermissionMissing() {
		this.contextRunner.run((context) -> {
			DocumentService service = context.getBean(DocumentService.class);
			AuthContext caller = AuthContext.builder("bob").claim("grants", "documents:read").build();
			try (AuthContextScope scope = AuthContextHolder.open(caller)) {
				assertRefused(service::delete, AuthRequirementDeniedException.class, AuthorizationDecisionState.DENY,
						AuthorizationReasonCode.INSUFFICIENT_PERMISSION);
			}
			assertThat(invocations(context).count("delete")).isZero();
			assertThat(context.getBean(RecordingPermissionChecker.class).requests).hasSize(1);
		});
	}

	@Test
	void passesUnsetPermissionResourceAndTenantAsNull() {
		this.contextRunner.run((context) -> {
			DocumentService service = context.getBean(DocumentService.class);
			AuthContext caller = AuthContext.builder("alice").claim("grants", "documents:export").build();
			try (AuthContextScope scope = AuthContextHolder.open(caller)) {
				assertThat(service.export()).isEqualTo("exported");
			}
			assertThat(context.getBean(RecordingPermissionChecker.class).requests).singleElement()
				.satisfies((request) -> {
					assertThat(request.permission()).isEqualTo("documents:export");
					assertThat(request.resource()).isNull();
					assertThat(request.tenant()).isNull();
				});
		});
	}

	@Test
	void allowsRelationAndPassesAnnotationValuesToChecker() {
		this.contextRunner.run((context) -> {
			DocumentService service = context.getBean(DocumentService.class);
			AuthContext caller = AuthContext.builder("alice").claim("grants", "owner@document:42").build();
			try (AuthContextScope scope = AuthContextHolder.open(caller)) {
				assertThat(service.share()).isEqualTo("shared");
			}
			assertThat(invocations(context).count("share")).isOne();
			assertThat(context.getBean(RecordingRelationChecker.class).requests).singleElement()
				.satisfies((request) -> {
					assertThat(request.context()).isSameAs(caller);
					assertThat(request.relation()).isEqualTo("owner");
					assertThat(request.resource()).isEqualTo("document:42");
					assertThat(request.tenant()).isEqualTo("acme");
				});
		});
	}

	@Test
	void deniesWhenRelationMissing() {
		this.contextRunner.run((context) -> {
			DocumentService service = context.getBean(DocumentService.class);
			AuthContext caller = AuthContext.builder("bob").claim("grants", "viewer@document:42").build();
			try (AuthContextScope scope = AuthContextHolder.open(caller)) {
				assertRefused(service::share, AuthRequirementDeniedException.class, AuthorizationDecisionState.DENY,
						AuthorizationReasonCode.RELATION_DENIED);
			}
			assertThat(invocations(context).count("share")).isZero();
		});
	}

	@Test
	void allowsPolicyAndPassesAnnotationValuesToEvaluator() {
		this.contextRunner.run((context) -> {
			DocumentService service = context.getBean(DocumentService.class);
			AuthContext caller = AuthContext.builder("alice").claim("grants", "documents#publish").build();
			try (AuthContextScope scope = AuthContextHolder.open(caller)) {
				assertThat(service.publish()).isEqualTo("published");
			}
			assertThat(invocations(context).count("publish")).isOne();
			assertThat(context.getBean(RecordingPolicyEvaluator.class).requests).singleElement()
				.satisfies((request) -> {
					assertThat(request.context()).isSameAs(caller);
					assertThat(request.resource()).isEqualTo("documents");
					assertThat(request.action()).isEqualTo("publish");
					assertThat(request.tenant()).isEqualTo("acme");
				});
		});
	}

	@Test
	void deniesWhenPolicyRefuses() {
		this.contextRunner.run((context) -> {
			DocumentService service = context.getBean(DocumentService.class);
			AuthContext caller = AuthContext.builder("bob").claim("grants", "documents#read").build();
			try (AuthContextScope scope = AuthContextHolder.open(caller)) {
				assertRefused(service::publish, AuthRequirementDeniedException.class, AuthorizationDecisionState.DENY,
						AuthorizationReasonCode.POLICY_DENIED);
			}
			assertThat(invocations(context).count("publish")).isZero();
		});
	}

	@Test
	void doesNotAskLaterCheckersAfterFirstDenial() {
		this.contextRunner.run((context) -> {
			AdminDocumentService service = context.getBean(AdminDocumentService.class);
			AuthContext caller = AuthContext.builder("bob").claim("grants", "documents:delete").build();
			try (AuthContextScope scope = AuthContextHolder.open(caller)) {
				assertRefused(service::destroy, AuthRequirementDeniedException.class, AuthorizationDecisionState.DENY,
						AuthorizationReasonCode.INSUFFICIENT_ROLE);
			}
			assertThat(context.getBean(RecordingPermissionChecker.class).requests).isEmpty();
			assertThat(invocations(context).count("destroy")).isZero();
		});
	}

	@Test
	void asksEveryCheckerInOrderWhenEarlierRequirementsAllow() {
		this.contextRunner.run((context) -> {
			AdminDocumentService service = context.getBean(AdminDocumentService.class);
			AuthContext caller = AuthContext.builder("alice").roles("admin").claim("grants", "documents:read").build();
			try (AuthContextScope scope = AuthContextHolder.open(caller)) {
				// The class-level role passes, so the method-level permission is asked,
				// and refuses.
				assertRefused(service::destroy, AuthRequirementDeniedException.class, AuthorizationDecisionState.DENY,
						AuthorizationReasonCode.INSUFFICIENT_PERMISSION);
			}
			assertThat(context.getBean(RecordingPermissionChecker.class).requests).hasSize(1);
			assertThat(invocations(context).count("destroy")).isZero();
		});
	}

	@Test
	void runsMethodWhenEveryRequirementAllows() {
		this.contextRunner.run((context) -> {
			AdminDocumentService service = context.getBean(AdminDocumentService.class);
			AuthContext caller = AuthContext.builder("alice").roles("admin").claim("grants", "documents:purge").build();
			try (AuthContextScope scope = AuthContextHolder.open(caller)) {
				assertThat(service.destroy()).isEqualTo("destroyed");
			}
			assertThat(invocations(context).count("destroy")).isOne();
		});
	}

	static void assertRefused(ThrowingCallable call, Class<? extends AuthException> type,
			AuthorizationDecisionState state, AuthorizationReasonCode reasonCode) {
		assertThatExceptionOfType(type).isThrownBy(call).satisfies((ex) -> {
			assertThat(ex.decision().state()).isEqualTo(state);
			assertThat(ex.decision().reasonCode()).isEqualTo(reasonCode);
		});
	}

	private static Invocations invocations(ApplicationContext context) {
		return context.getBean(Invocations.class);
	}

	private static boolean granted(AuthContext context, String grant) {
		return context.claim("grants")
			.map((claim) -> List.of(String.valueOf(claim.value()).split(" ")))
			.orElse(List.of())
			.contains(grant);
	}

	@Configuration(proxyBeanMethods = false)
	static class DocumentsConfiguration {

		@Bean
		Invocations invocations() {
			return new Invocations();
		}

		@Bean
		DocumentService documentService(Invocations invocations) {
			return new DocumentService(invocations);
		}

		@Bean
		AdminDocumentService adminDocumentService(Invocations invocations) {
			return new AdminDocumentService(invocations);
		}

		@Bean
		RecordingPermissionChecker recordingPermissionChecker() {
			return new RecordingPermissionChecker();
		}

		@Bean
		RecordingRelationChecker recordingRelationChecker() {
			return new RecordingRelationChecker();
		}

		@Bean
		RecordingPolicyEvaluator recordingPolicyEvaluator() {
			return new RecordingPolicyEvaluator();
		}

	}

	static class DocumentService {

		private final Invocations invocations;

		DocumentService(Invocations invocations) {
			this.invocations = invocations;
		}

		@Protected
		public String list() {
			this.invocations.record("list");
			return "list";
		}

		@RequireRole("admin")
		public String archive() {
			this.invocations.record("archive");
			return "archived";
		}

		@RequireRole(value = "admin", tenant = "acme")
		public String purge() {
			this.invocations.record("purge");
			return "purged";
		}

		@RequireScope("documents:read")
		public String search() {
			this.invocations.record("search");
			return "found";
		}

		@RequirePermission(value = "documents:delete", resource = "document:42", tenant = "acme")
		public String delete() {
			this.invocations.record("delete");
			return "deleted";
		}

		@RequirePermission("documents:export")
		public String export() {
			this.invocations.record("export");
			return "exported";
		}

		@RequireRelation(value = "owner", resource = "document:42", tenant = "acme")
		public String share() {
			this.invocations.record("share");
			return "shared";
		}

		@RequirePolicy(resource = "documents", action = "publish", tenant = "acme")
		public String publish() {
			this.invocations.record("publish");
			return "published";
		}

	}

	@RequireRole("admin")
	static class AdminDocumentService {

		private final Invocations invocations;

		AdminDocumentService(Invocations invocations) {
			this.invocations = invocations;
		}

		@RequirePermission("documents:purge")
		public String destroy() {
			this.invocations.record("destroy");
			return "destroyed";
		}

	}

	/**
	 * Grants a permission named in the caller's "grants" claim, and records what it was
	 * asked.
	 */
	static class RecordingPermissionChecker implements PermissionChecker {

		final List<PermissionCheckRequest> requests = new CopyOnWriteArrayList<>();

		@Override
		public AuthorizationDecision checkPermission(PermissionCheckRequest request) {
			this.requests.add(request);
			return granted(request.context(), request.permission()) ? AuthorizationDecision.allow()
					: AuthorizationDecision.deny(AuthorizationReasonCode.INSUFFICIENT_PERMISSION, "No permission.");
		}

	}

	/** Grants a relation written as relation@resource in the caller's "grants" claim. */
	static class RecordingRelationChecker implements RelationChecker {

		final List<RelationCheckRequest> requests = new CopyOnWriteArrayList<>();

		@Override
		public AuthorizationDecision checkRelation(RelationCheckRequest request) {
			this.requests.add(request);
			return granted(request.context(), request.relation() + "@" + request.resource())
					? AuthorizationDecision.allow()
					: AuthorizationDecision.deny(AuthorizationReasonCode.RELATION_DENIED, "No relation.");
		}

	}

	/** Allows resource#action when the caller's "grants" claim names it. */
	static class RecordingPolicyEvaluator implements PolicyEvaluator {

		final List<AuthorizationRequest> requests = new CopyOnWriteArrayList<>();

		@Override
		public AuthorizationDecision evaluatePolicy(AuthorizationRequest request) {
			this.requests.add(request);
			return granted(request.context(), request.resource() + "#" + request.action())
					? AuthorizationDecision.allow()
					: AuthorizationDecision.deny(AuthorizationReasonCode.POLICY_DENIED, "Policy says no.");
		}

	}

}
