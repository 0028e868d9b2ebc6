package dev.gatehouse.auth.enforcement;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gatehouse.auth.annotation.RequirePermission;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.annotation.RequireScope;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;
import dev.gatehouse.auth.decision.AuthRequirementDeniedException;
import dev.gatehouse.auth.metadata.AuthMetadataResolver;
import dev.gatehouse.auth.metadata.AuthRequirement;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.annotation.AliasFor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Composed annotations that override a meta-annotation's attribute with {@code @AliasFor}
 * are enforced with the overriding value, never the meta-annotation's own: as an attacker
 * holding the meta-annotation's default role or another tenant's role would try it,
 * through the proxy the auto-configuration creates.
 */
class ComposedAnnotationAliasEnforcementTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, GatehouseAutoConfiguration.class))
		.withBean(AdminService.class);

	@Test
	void deniesCallerHoldingOnlyTheMetaAnnotationsRole() {
		this.contextRunner.run((context) -> {
			AdminService service = context.getBean(AdminService.class);
			try (AuthContextScope scope = AuthContextHolder
				.open(AuthContext.builder("mallory").roles("USER").build())) {
				assertThatExceptionOfType(AuthRequirementDeniedException.class).isThrownBy(service::shutdown);
			}
			assertThat(service.calls()).isZero();
		});
	}

	@Test
	void allowsCallerHoldingTheAliasedRole() {
		this.contextRunner.run((context) -> {
			AdminService service = context.getBean(AdminService.class);
			try (AuthContextScope scope = AuthContextHolder.open(AuthContext.builder("alice").roles("ADMIN").build())) {
				service.shutdown();
			}
			assertThat(service.calls()).isOne();
		});
	}

	@Test
	void deniesAdminOfAnotherTenantWhenTenantIsAliased() {
		this.contextRunner.run((context) -> {
			AdminService service = context.getBean(AdminService.class);
			AuthContext otherTenant = AuthContext.builder("mallory").tenant("globex").roles("admin").build();
			try (AuthContextScope scope = AuthContextHolder.open(otherTenant)) {
				assertThatExceptionOfType(AuthRequirementDeniedException.class).isThrownBy(service::purgeAcme);
			}
			assertThat(service.calls()).isZero();
		});
	}

	@Test
	void allowsAdminOfTheAliasedTenant() {
		this.contextRunner.run((context) -> {
			AdminService service = context.getBean(AdminService.class);
			AuthContext acmeAdmin = AuthContext.builder("alice").tenant("acme").roles("admin").build();
			try (AuthContextScope scope = AuthContextHolder.open(acmeAdmin)) {
				service.purgeAcme();
			}
			assertThat(service.calls()).isOne();
		});
	}

	@Test
	void countsAliasedRequirementsWhereTheComposedAnnotationStands() {
		this.contextRunner.run((context) -> {
			AuthMetadataResolver resolver = context.getBean(AuthMetadataResolver.class);
			assertThat(resolver.resolve(AdminService.class.getMethod("rotateKeys"), AdminService.class).requirements())
				.containsExactly(AuthRequirement.authenticated(), AuthRequirement.scope("keys:write"),
						AuthRequirement.role("ADMIN", null), AuthRequirement.scope("audit"),
						AuthRequirement.role("admin", "acme"), AuthRequirement.permission("keys:rotate", null, null));
		});
	}

	@Target({ ElementType.TYPE, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@RequireRole("USER")
	@interface Role {

		@AliasFor(annotation = RequireRole.class, attribute = "value")
		String value();

	}

	@Target({ ElementType.TYPE, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@RequireRole("admin")
	@interface TenantAdmin {

		@AliasFor(annotation = RequireRole.class, attribute = "tenant")
		String tenant();

	}

	/**
	 * Nested composition: its own meta-annotations count in declaration order, depth
	 * first.
	 */
	@Target({ ElementType.TYPE, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@Role("ADMIN")
	@RequireScope("audit")
	@TenantAdmin(tenant = "acme")
	@interface AuditedAcmeAdmin {

	}

	static class AdminService {

		private final AtomicInteger calls = new AtomicInteger();

		// Read through the proxy: a field read would see the proxy's own (unused) field.
		public int calls() {
			return this.calls.get();
		}

		@Role("ADMIN")
		public void shutdown() {
			this.calls.incrementAndGet();
		}

		@TenantAdmin(tenant = "acme")
		public void purgeAcme() {
			this.calls.incrementAndGet();
		}

		@RequireScope("keys:write")
		@AuditedAcmeAdmin
		@RequirePermission("keys:rotate")
		public void rotateKeys() {
			this.calls.incrementAndGet();
		}

	}

}
