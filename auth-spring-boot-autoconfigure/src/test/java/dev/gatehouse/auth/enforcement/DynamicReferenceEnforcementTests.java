package dev.gatehouse.auth.enforcement;

import java.lang.reflect.Method;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gatehouse.auth.annotation.RequirePermission;
import dev.gatehouse.auth.annotation.RequirePolicy;
import dev.gatehouse.auth.annotation.RequireRelation;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;
import dev.gatehouse.auth.decision.AuthRequirementDeniedException;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.metadata.AuthMetadataResolver;
import dev.gatehouse.auth.metadata.InvalidAuthMetadataException;
import dev.gatehouse.auth.metadata.ParameterInvocationResolver;
import dev.gatehouse.auth.spi.AuthorizationRequest;
import dev.gatehouse.auth.spi.InvocationResolver;
import dev.gatehouse.auth.spi.PermissionCheckRequest;
import dev.gatehouse.auth.spi.RelationCheckRequest;
import dev.gatehouse.auth.spi.RoleCheckRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code {placeholder}} references in resource, action and tenant are resolved per call
 * from the arguments and reach the checkers as plain values; a value that is {@code null}
 * refuses the call before the method runs.
 */
class DynamicReferenceEnforcementTests {

	private static final AuthContext ALICE = AuthContext.builder("alice").roles("admin").build();

	private final List<Object> requests = new CopyOnWriteArrayList<>();

	private final Invocations invocations = new Invocations();

	private final AtomicInteger prepared = new AtomicInteger();

	private Documents documents;

	private AuthContextScope scope;

	@BeforeEach
	void proxy() {
		InvocationResolver counting = new InvocationResolver() {

			private final ParameterInvocationResolver delegate = new ParameterInvocationResolver();

			@Override
			public Reference prepare(Method method, String template) {
				DynamicReferenceEnforcementTests.this.prepared.incrementAndGet();
				return this.delegate.prepare(method, template);
			}

		};
		AuthMetadataResolver resolver = new AuthMetadataResolver(counting);
		AuthRequirementEvaluator evaluator = new AuthRequirementEvaluator(() -> this::allowRole, () -> null,
				() -> this::allowPermission, () -> this::allowRelation, () -> this::allowPolicy);
		ProxyFactory factory = new ProxyFactory(new Documents(this.invocations));
		factory.setProxyTargetClass(true);
		factory.addAdvice(new AuthorizationMethodInterceptor(resolver, () -> evaluator));
		this.documents = (Documents) factory.getProxy();
		this.scope = AuthContextHolder.open(ALICE);
	}

	@AfterEach
	void close() {
		this.scope.close();
	}

	@Test
	void resolvesSimpleParameterIntoTheResource() {
		this.documents.read("42");

		assertThat(this.requests).containsExactly(new PermissionCheckRequest(ALICE, "doc:read", "doc:42", null));
		assertThat(this.invocations.names).containsExactly("read");
	}

	@Test
	void resolvesNestedRecordPathIntoResourceAndTenant() {
		this.documents.readRecord(new Doc("7", new Owner("acme")));

		assertThat(this.requests).containsExactly(new PermissionCheckRequest(ALICE, "doc:read", "doc:7", "acme"));
	}

	@Test
	void resolvesJavaBeanGetterPath() {
		Folder folder = new Folder();
		folder.setName("reports");
		folder.setShared(true);

		this.documents.editFolder(folder);

		assertThat(this.requests)
			.containsExactly(new RelationCheckRequest(ALICE, "editor", "folder:reports/true", null));
	}

	@Test
	void resolvesSeveralPlaceholdersInOneTemplate() {
		this.documents.inOrganisation("org-1", new Doc("d-9", new Owner("acme")));

		assertThat(this.requests).containsExactly(new RelationCheckRequest(ALICE, "viewer", "org:org-1/doc:d-9", null));
	}

	@Test
	void rendersUuidLongAndEnumParameters() {
		UUID id = UUID.fromString("6f1c2f7a-3b7e-4a3e-9d1c-7a2b3c4d5e6f");

		this.documents.touch(id, Mode.ARCHIVE, 12L);

		assertThat(this.requests).containsExactly(new AuthorizationRequest(ALICE, "item:" + id, "ARCHIVE", "t-12"));
	}

	@Test
	void resolvesRoleTenantFromParameter() {
		this.documents.administer("acme");

		assertThat(this.requests).containsExactly(new RoleCheckRequest(ALICE, "admin", "acme"));
	}

	@Test
	void refusesWithInternalErrorWhenParameterIsNullAndDoesNotCallMethod() {
		assertUnresolved(() -> this.documents.read(null));
	}

	@Test
	void refusesWithInternalErrorWhenRecordOnPathIsNull() {
		assertUnresolved(() -> this.documents.readRecord(null));
		assertUnresolved(() -> this.documents.readRecord(new Doc("7", null)));
		assertUnresolved(() -> this.documents.readRecord(new Doc(null, new Owner("acme"))));
	}

	@Test
	void refusesWithInternalErrorWhenResolvedTenantIsBlank() {
		assertUnresolved(() -> this.documents.administer(" "));
	}

	@Test
	void refusesWithInternalErrorWhenGetterThrows() {
		Folder folder = new Folder();
		folder.setName("boom");

		assertThatExceptionOfType(AuthRequirementDeniedException.class)
			.isThrownBy(() -> this.documents.editFolder(folder))
			.satisfies((ex) -> assertThat(ex.decision().reasonCode()).isEqualTo(AuthorizationReasonCode.INTERNAL_ERROR))
			.withRootCauseInstanceOf(IllegalStateException.class);
		assertThat(this.invocations.names).isEmpty();
	}

	@Test
	void preparesEachTemplateOnceAcrossCalls() {
		for (int i = 0; i < 5; i++) {
			this.documents.read(String.valueOf(i));
			this.documents.readRecord(new Doc(String.valueOf(i), new Owner("acme")));
		}

		// read: one template; readRecord: resource and tenant.
		assertThat(this.prepared).hasValue(3);
		assertThat(this.invocations.count("read")).isEqualTo(5);
	}

	@Test
	void failsResolutionNamingMethodAndUnknownPlaceholder() {
		AuthMetadataResolver resolver = new AuthMetadataResolver();
		Method method = method(Broken.class, "unknownParameter", String.class);

		assertThatExceptionOfType(InvalidAuthMetadataException.class)
			.isThrownBy(() -> resolver.resolve(method, Broken.class))
			.withMessageContaining("Broken#unknownParameter")
			.withMessageContaining("{documentId}")
			.withMessageContaining("names no parameter")
			.withMessageContaining("parameters: id");
	}

	@Test
	void failsResolutionNamingUnknownAccessorOnPath() {
		AuthMetadataResolver resolver = new AuthMetadataResolver();
		Method method = method(Broken.class, "unknownAccessor", Doc.class);

		assertThatExceptionOfType(InvalidAuthMetadataException.class)
			.isThrownBy(() -> resolver.resolve(method, Broken.class))
			.withMessageContaining("Broken#unknownAccessor")
			.withMessageContaining("{doc.title}")
			.withMessageContaining("no record component or getter named 'title'");
	}

	@Test
	void failsResolutionOnUnclosedPlaceholder() {
		AuthMetadataResolver resolver = new AuthMetadataResolver();
		Method method = method(Broken.class, "unclosed", String.class);

		assertThatExceptionOfType(InvalidAuthMetadataException.class)
			.isThrownBy(() -> resolver.resolve(method, Broken.class))
			.withMessageContaining("Broken#unclosed")
			.withMessageContaining("not closed");
	}

	private void assertUnresolved(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
		assertThatExceptionOfType(AuthRequirementDeniedException.class).isThrownBy(call).satisfies((ex) -> {
			assertThat(ex.decision().state()).isEqualTo(AuthorizationDecisionState.ERROR);
			assertThat(ex.decision().reasonCode()).isEqualTo(AuthorizationReasonCode.INTERNAL_ERROR);
		});
		assertThat(this.invocations.names).isEmpty();
		assertThat(this.requests).isEmpty();
	}

	private static Method method(Class<?> type, String name, Class<?>... parameterTypes) {
		try {
			return type.getMethod(name, parameterTypes);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private AuthorizationDecision allowRole(RoleCheckRequest request) {
		this.requests.add(request);
		return AuthorizationDecision.allow();
	}

	private AuthorizationDecision allowPermission(PermissionCheckRequest request) {
		this.requests.add(request);
		return AuthorizationDecision.allow();
	}

	private AuthorizationDecision allowRelation(RelationCheckRequest request) {
		this.requests.add(request);
		return AuthorizationDecision.allow();
	}

	private AuthorizationDecision allowPolicy(AuthorizationRequest request) {
		this.requests.add(request);
		return AuthorizationDecision.allow();
	}

	enum Mode {

		READ, ARCHIVE

	}

	record Owner(String tenant) {
	}

	record Doc(String id, Owner owner) {
	}

	static class Folder {

		private String name;

		private boolean shared;

		public String getName() {
			if ("boom".equals(this.name)) {
				throw new IllegalStateException("folder store unavailable");
			}
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public boolean isShared() {
			return this.shared;
		}

		public void setShared(boolean shared) {
			this.shared = shared;
		}

	}

	static class Documents {

		private final Invocations invocations;

		Documents(Invocations invocations) {
			this.invocations = invocations;
		}

		@RequirePermission(value = "doc:read", resource = "doc:{id}")
		public void read(String id) {
			this.invocations.record("read");
		}

		@RequirePermission(value = "doc:read", resource = "doc:{doc.id}", tenant = "{doc.owner.tenant}")
		public void readRecord(Doc doc) {
			this.invocations.record("readRecord");
		}

		@RequireRelation(value = "editor", resource = "folder:{folder.name}/{folder.shared}")
		public void editFolder(Folder folder) {
			this.invocations.record("editFolder");
		}

		@RequireRelation(value = "viewer", resource = "org:{orgId}/doc:{doc.id}")
		public void inOrganisation(String orgId, Doc doc) {
			this.invocations.record("inOrganisation");
		}

		@RequirePolicy(resource = "item:{id}", action = "{mode}", tenant = "t-{number}")
		public void touch(UUID id, Mode mode, long number) {
			this.invocations.record("touch");
		}

		@RequireRole(value = "admin", tenant = "{tenant}")
		public void administer(String tenant) {
			this.invocations.record("administer");
		}

	}

	static class Broken {

		@RequirePermission(value = "doc:read", resource = "doc:{documentId}")
		public void unknownParameter(String id) {
		}

		@RequirePermission(value = "doc:read", resource = "doc:{doc.title}")
		public void unknownAccessor(Doc doc) {
		}

		@RequirePermission(value = "doc:read", resource = "doc:{id")
		public void unclosed(String id) {
		}

	}

}
