package dev.gatehouse.auth.metadata;

import java.lang.reflect.Method;

import dev.gatehouse.auth.annotation.RequirePermission;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.annotation.RequireScope;
import org.junit.jupiter.api.Test;

import static dev.gatehouse.auth.metadata.AuthMetadataResolverTests.declaredMethod;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link AuthMetadataResolver} finds annotations across superclasses and interfaces:
 * which types' class-level annotations apply to a method, the methods a method overrides
 * or implements, and the order in which all of them count.
 */
class AuthMetadataResolverHierarchyTests {

	private final AuthMetadataResolver resolver = new AuthMetadataResolver();

	@Test
	void superclassTypeLevelAnnotationCoversInheritedMethod() {
		EffectiveAuthMetadata metadata = this.resolver.resolve(declaredMethod(RoleBase.class, "inherited"),
				PlainSub.class);

		assertThat(metadata.requirements()).containsExactly(AuthRequirement.authenticated(),
				AuthRequirement.role("base", null));
	}

	@Test
	void superclassTypeLevelAnnotationCoversOverridingMethod() {
		assertThat(resolve(PlainSub.class, "overridden").requirements())
			.containsExactly(AuthRequirement.authenticated(), AuthRequirement.role("base", null));
	}

	@Test
	void superclassTypeLevelAnnotationDoesNotCoverMethodsOnlyTheSubclassDeclares() {
		// A type's class-level annotations apply to the methods that type declares (SPEC
		// §4).
		assertThat(resolve(PlainSub.class, "subclassOnly")).isEqualTo(EffectiveAuthMetadata.NONE);
	}

	@Test
	void superclassMethodAnnotationFoundOnUndecoratedOverride() {
		assertThat(resolve(ScopeSub.class, "read").requirements()).containsExactly(AuthRequirement.authenticated(),
				AuthRequirement.scope("documents:read"));
	}

	@Test
	void superclassMethodAnnotationFoundWhenSuperclassMethodIsInvokedOnSubclass() {
		EffectiveAuthMetadata metadata = this.resolver.resolve(declaredMethod(ScopeBase.class, "read"), ScopeSub.class);

		assertThat(metadata.requirements()).containsExactly(AuthRequirement.authenticated(),
				AuthRequirement.scope("documents:read"));
	}

	@Test
	void superclassMethodAnnotationFoundOnInheritedMethod() {
		EffectiveAuthMetadata metadata = this.resolver.resolve(declaredMethod(ScopeBase.class, "write"),
				ScopeSub.class);

		assertThat(metadata.requirements()).containsExactly(AuthRequirement.authenticated(),
				AuthRequirement.scope("documents:write"));
	}

	@Test
	void overrideAddsItsOwnAnnotationsAfterTheSuperclassMethodOnes() {
		assertThat(resolve(ScopeSub.class, "delete").requirements()).containsExactly(AuthRequirement.authenticated(),
				AuthRequirement.role("sub", null), AuthRequirement.scope("documents:delete"));
	}

	@Test
	void annotationsTwoLevelsUpAreFound() {
		assertThat(resolve(GrandChild.class, "read").requirements()).containsExactly(AuthRequirement.authenticated(),
				AuthRequirement.scope("documents:read"));
	}

	@Test
	void interfaceMethodAnnotationFoundOnImplementingMethod() {
		assertThat(resolve(InterfaceMethodImpl.class, "save").requirements())
			.containsExactly(AuthRequirement.authenticated(), AuthRequirement.role("writer", null));
	}

	@Test
	void interfaceMethodAnnotationFoundWhenInterfaceMethodIsInvoked() {
		EffectiveAuthMetadata metadata = this.resolver.resolve(declaredMethod(InterfaceMethodAnnotated.class, "save"),
				InterfaceMethodImpl.class);

		assertThat(metadata.requirements()).containsExactly(AuthRequirement.authenticated(),
				AuthRequirement.role("writer", null));
	}

	@Test
	void interfaceTypeLevelAnnotationCoversThatInterfacesMethods() {
		assertThat(resolve(TypeAnnotatedInterfaceImpl.class, "find").requirements())
			.containsExactly(AuthRequirement.authenticated(), AuthRequirement.role("reader", null));
	}

	@Test
	void interfaceTypeLevelAnnotationDoesNotCoverOtherMethodsOfImplementingClass() {
		assertThat(resolve(TypeAnnotatedInterfaceImpl.class, "unrelated")).isEqualTo(EffectiveAuthMetadata.NONE);
	}

	@Test
	void superinterfaceTypeLevelAnnotationDoesNotCoverSubinterfaceMethods() {
		assertThat(resolve(SubRepositoryImpl.class, "save")).isEqualTo(EffectiveAuthMetadata.NONE);
		assertThat(resolve(SubRepositoryImpl.class, "find").requirements())
			.containsExactly(AuthRequirement.authenticated(), AuthRequirement.role("reader", null));
	}

	@Test
	void superinterfaceMethodAnnotationFoundOnImplementingMethod() {
		assertThat(resolve(ExtendedServiceImpl.class, "delete").requirements())
			.containsExactly(AuthRequirement.authenticated(), AuthRequirement.role("deleter", null));
	}

	@Test
	void superinterfaceMethodAnnotationFoundWhenSuperinterfaceMethodIsInvoked() {
		EffectiveAuthMetadata metadata = this.resolver.resolve(declaredMethod(BaseService.class, "delete"),
				ExtendedServiceImpl.class);

		assertThat(metadata.requirements()).containsExactly(AuthRequirement.authenticated(),
				AuthRequirement.role("deleter", null));
	}

	@Test
	void superinterfaceOfSuperclassInterfaceContributesToSubclassInvocation() {
		assertThat(resolve(ExtendedServiceImplSub.class, "delete").requirements())
			.containsExactly(AuthRequirement.authenticated(), AuthRequirement.role("deleter", null));
	}

	@Test
	void interfaceImplementedBySuperclassContributesToSubclassInvocation() {
		EffectiveAuthMetadata metadata = this.resolver.resolve(declaredMethod(InterfaceMethodImpl.class, "save"),
				InterfaceMethodImplSub.class);

		assertThat(metadata.requirements()).containsExactly(AuthRequirement.authenticated(),
				AuthRequirement.role("writer", null));
	}

	@Test
	void interfaceMethodInvokedOnTargetThatDoesNotImplementItKeepsItsAnnotations() {
		// Introductions and JDK proxies: the invoked interface method is not one the
		// target class declares.
		EffectiveAuthMetadata metadata = this.resolver.resolve(declaredMethod(Auditable.class, "audit"),
				UnrelatedTarget.class);

		assertThat(metadata.requirements()).containsExactly(AuthRequirement.authenticated(),
				AuthRequirement.role("auditor", null));
	}

	@Test
	void interfaceAsTargetClassUsesItsTypeAndMethodAnnotations() {
		assertThat(resolve(TypeAnnotated.class, "find").requirements()).containsExactly(AuthRequirement.authenticated(),
				AuthRequirement.role("reader", null));
		assertThat(resolve(InterfaceMethodAnnotated.class, "save").requirements())
			.containsExactly(AuthRequirement.authenticated(), AuthRequirement.role("writer", null));
	}

	@Test
	void privateSuperclassMethodWithSameSignatureIsNotOverriddenAndContributesNothing() {
		assertThat(resolve(PrivateHelperSub.class, "helper")).isEqualTo(EffectiveAuthMetadata.NONE);
	}

	@Test
	void staticSuperclassMethodWithSameNameContributesNothing() {
		assertThat(resolve(StaticHelperSub.class, "helper")).isEqualTo(EffectiveAuthMetadata.NONE);
	}

	@Test
	void genericInterfaceMethodAnnotationFoundOnTypedImplementation() {
		assertThat(resolve(DocumentRepository.class, "save").requirements())
			.containsExactly(AuthRequirement.authenticated(), AuthRequirement.role("x", null));
	}

	@Test
	void genericInterfaceMethodAnnotationFoundWhenErasedInterfaceMethodIsInvoked() throws Exception {
		Method erased = Repository.class.getMethod("save", Object.class);

		assertThat(this.resolver.resolve(erased, DocumentRepository.class).requirements())
			.containsExactly(AuthRequirement.authenticated(), AuthRequirement.role("x", null));
	}

	@Test
	void genericInterfaceMethodAnnotationFoundWhenBridgeMethodIsInvoked() throws Exception {
		Method bridge = DocumentRepository.class.getMethod("save", Object.class);
		assertThat(bridge.isBridge()).isTrue();

		assertThat(this.resolver.resolve(bridge, DocumentRepository.class).requirements())
			.containsExactly(AuthRequirement.authenticated(), AuthRequirement.role("x", null));
	}

	@Test
	void genericSuperclassMethodAnnotationFoundOnTypedOverride() {
		assertThat(resolve(DocumentStore.class, "store").requirements())
			.containsExactly(AuthRequirement.authenticated(), AuthRequirement.scope("store"));
	}

	@Test
	void overloadWithSameArityDoesNotInheritAnotherOverloadsAnnotations() throws Exception {
		Method byNumber = OverloadSub.class.getDeclaredMethod("find", Integer.class);
		Method byName = OverloadBase.class.getDeclaredMethod("find", String.class);

		assertThat(this.resolver.resolve(byNumber, OverloadSub.class)).isEqualTo(EffectiveAuthMetadata.NONE);
		assertThat(this.resolver.resolve(byName, OverloadSub.class).requirements())
			.containsExactly(AuthRequirement.authenticated(), AuthRequirement.role("by-name", null));
	}

	@Test
	void classLevelFirstTargetThenSuperclassThenInterfaceThenMethodLevelInSameTypeOrder() {
		assertThat(resolve(OrderedTarget.class, "work").requirements()).containsExactly(AuthRequirement.authenticated(),
				AuthRequirement.role("target-type", null), AuthRequirement.role("base-type", null),
				AuthRequirement.role("interface-type", null), AuthRequirement.permission("target-method", null, null),
				AuthRequirement.permission("base-method", null, null),
				AuthRequirement.permission("interface-method", null, null));
	}

	private EffectiveAuthMetadata resolve(Class<?> type, String methodName) {
		return this.resolver.resolve(declaredMethod(type, methodName), type);
	}

	@RequireRole("base")
	abstract static class RoleBase {

		public void inherited() {
		}

		public void overridden() {
		}

	}

	static class PlainSub extends RoleBase {

		@Override
		public void overridden() {
		}

		public void subclassOnly() {
		}

	}

	abstract static class ScopeBase {

		@RequireScope("documents:read")
		public void read() {
		}

		@RequireScope("documents:write")
		public void write() {
		}

		@RequireScope("documents:delete")
		public void delete() {
		}

	}

	static class ScopeSub extends ScopeBase {

		@Override
		public void read() {
		}

		@Override
		@RequireRole("sub")
		public void delete() {
		}

	}

	static class GrandChild extends ScopeSub {

		@Override
		public void read() {
		}

	}

	interface InterfaceMethodAnnotated {

		@RequireRole("writer")
		void save();

	}

	static class InterfaceMethodImpl implements InterfaceMethodAnnotated {

		@Override
		public void save() {
		}

	}

	static class InterfaceMethodImplSub extends InterfaceMethodImpl {

	}

	@RequireRole("reader")
	interface TypeAnnotated {

		void find();

	}

	static class TypeAnnotatedInterfaceImpl implements TypeAnnotated {

		@Override
		public void find() {
		}

		public void unrelated() {
		}

	}

	@RequireRole("reader")
	interface ReadRepository {

		void find();

	}

	interface WriteRepository extends ReadRepository {

		void save();

	}

	static class SubRepositoryImpl implements WriteRepository {

		@Override
		public void find() {
		}

		@Override
		public void save() {
		}

	}

	interface BaseService {

		@RequireRole("deleter")
		void delete();

	}

	interface ExtendedService extends BaseService {

		void create();

	}

	static class ExtendedServiceImpl implements ExtendedService {

		@Override
		public void delete() {
		}

		@Override
		public void create() {
		}

	}

	static class ExtendedServiceImplSub extends ExtendedServiceImpl {

		@Override
		public void delete() {
		}

	}

	interface Auditable {

		@RequireRole("auditor")
		void audit();

	}

	@RequireRole("unrelated")
	static class UnrelatedTarget {

	}

	static class PrivateHelperBase {

		@RequireRole("private")
		private void helper(String value) {
		}

	}

	static class PrivateHelperSub extends PrivateHelperBase {

		public void helper(String value) {
		}

	}

	static class StaticHelperBase {

		@RequireRole("static")
		public static void helper(String value) {
		}

	}

	static class StaticHelperSub extends StaticHelperBase {

		public void helper(Integer value) {
		}

	}

	interface Repository<T> {

		@RequireRole("x")
		void save(T entity);

	}

	record Document(String id) {
	}

	static class DocumentRepository implements Repository<Document> {

		@Override
		public void save(Document document) {
		}

	}

	abstract static class GenericStore<T> {

		@RequireScope("store")
		public abstract void store(T value);

	}

	static class DocumentStore extends GenericStore<Document> {

		@Override
		public void store(Document value) {
		}

	}

	static class OverloadBase {

		@RequireRole("by-name")
		public void find(String name) {
		}

	}

	static class OverloadSub extends OverloadBase {

		public void find(Integer number) {
		}

	}

	@RequireRole("interface-type")
	interface OrderedInterface {

		@RequirePermission("interface-method")
		void work();

	}

	@RequireRole("base-type")
	abstract static class OrderedBase implements OrderedInterface {

		@Override
		@RequirePermission("base-method")
		public void work() {
		}

	}

	@RequireRole("target-type")
	static class OrderedTarget extends OrderedBase {

		@Override
		@RequirePermission("target-method")
		public void work() {
		}

	}

}
