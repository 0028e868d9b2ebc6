package dev.gatehouse.auth.spi;

import dev.gatehouse.auth.context.AuthContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * The request records handed to providers: the caller's context and the required strings
 * are mandatory and never blank; optional tenant and resource may be {@code null} but
 * never blank.
 */
class CheckRequestTests {

	private static final AuthContext CONTEXT = AuthContext.builder("user-1").roles("admin").build();

	@Test
	void roleCheckRequestKeepsValues() {
		RoleCheckRequest request = new RoleCheckRequest(CONTEXT, "admin", "acme");

		assertThat(request.context()).isSameAs(CONTEXT);
		assertThat(request.role()).isEqualTo("admin");
		assertThat(request.tenant()).isEqualTo("acme");
		assertThat(new RoleCheckRequest(CONTEXT, "admin", null).tenant()).isNull();
	}

	@Test
	void roleCheckRequestRejectsBadInput() {
		assertThatNullPointerException().isThrownBy(() -> new RoleCheckRequest(null, "admin", null))
			.withMessageContaining("context");
		assertThatNullPointerException().isThrownBy(() -> new RoleCheckRequest(CONTEXT, null, null))
			.withMessageContaining("role");
		assertThatIllegalArgumentException().isThrownBy(() -> new RoleCheckRequest(CONTEXT, " ", null))
			.withMessageContaining("role");
		assertThatIllegalArgumentException().isThrownBy(() -> new RoleCheckRequest(CONTEXT, "admin", ""))
			.withMessageContaining("tenant");
	}

	@Test
	void scopeCheckRequestKeepsValuesAndRejectsBadInput() {
		assertThat(new ScopeCheckRequest(CONTEXT, "read").scope()).isEqualTo("read");
		assertThatNullPointerException().isThrownBy(() -> new ScopeCheckRequest(null, "read"))
			.withMessageContaining("context");
		assertThatNullPointerException().isThrownBy(() -> new ScopeCheckRequest(CONTEXT, null))
			.withMessageContaining("scope");
		assertThatIllegalArgumentException().isThrownBy(() -> new ScopeCheckRequest(CONTEXT, ""))
			.withMessageContaining("scope");
	}

	@Test
	void permissionCheckRequestAcceptsNullOptionalValues() {
		PermissionCheckRequest request = new PermissionCheckRequest(CONTEXT, "documents:delete", null, null);

		assertThat(request.permission()).isEqualTo("documents:delete");
		assertThat(request.resource()).isNull();
		assertThat(request.tenant()).isNull();
		assertThat(new PermissionCheckRequest(CONTEXT, "documents:delete", "document:1", "acme").resource())
			.isEqualTo("document:1");
	}

	@Test
	void permissionCheckRequestRejectsBadInput() {
		assertThatNullPointerException().isThrownBy(() -> new PermissionCheckRequest(null, "p", null, null))
			.withMessageContaining("context");
		assertThatIllegalArgumentException().isThrownBy(() -> new PermissionCheckRequest(CONTEXT, " ", null, null))
			.withMessageContaining("permission");
		assertThatIllegalArgumentException().isThrownBy(() -> new PermissionCheckRequest(CONTEXT, "p", " ", null))
			.withMessageContaining("resource");
		assertThatIllegalArgumentException().isThrownBy(() -> new PermissionCheckRequest(CONTEXT, "p", null, "\t"))
			.withMessageContaining("tenant");
	}

	@Test
	void relationCheckRequestRequiresResource() {
		RelationCheckRequest request = new RelationCheckRequest(CONTEXT, "owner", "document:1", null);

		assertThat(request.relation()).isEqualTo("owner");
		assertThat(request.resource()).isEqualTo("document:1");
		assertThat(request.tenant()).isNull();
		assertThatNullPointerException().isThrownBy(() -> new RelationCheckRequest(CONTEXT, "owner", null, null))
			.withMessageContaining("resource");
		assertThatIllegalArgumentException().isThrownBy(() -> new RelationCheckRequest(CONTEXT, "owner", "", null))
			.withMessageContaining("resource");
	}

	@Test
	void relationCheckRequestRejectsBadInput() {
		assertThatNullPointerException().isThrownBy(() -> new RelationCheckRequest(null, "owner", "d", null))
			.withMessageContaining("context");
		assertThatIllegalArgumentException().isThrownBy(() -> new RelationCheckRequest(CONTEXT, "", "d", null))
			.withMessageContaining("relation");
		assertThatIllegalArgumentException().isThrownBy(() -> new RelationCheckRequest(CONTEXT, "owner", "d", " "))
			.withMessageContaining("tenant");
	}

	@Test
	void authorizationRequestKeepsValues() {
		AuthorizationRequest request = new AuthorizationRequest(CONTEXT, "documents", "publish", null);

		assertThat(request.resource()).isEqualTo("documents");
		assertThat(request.action()).isEqualTo("publish");
		assertThat(request.tenant()).isNull();
		assertThat(new AuthorizationRequest(CONTEXT, "documents", "publish", "acme").tenant()).isEqualTo("acme");
	}

	@Test
	void authorizationRequestRejectsBadInput() {
		assertThatNullPointerException().isThrownBy(() -> new AuthorizationRequest(null, "r", "a", null))
			.withMessageContaining("context");
		assertThatNullPointerException().isThrownBy(() -> new AuthorizationRequest(CONTEXT, null, "a", null))
			.withMessageContaining("resource");
		assertThatIllegalArgumentException().isThrownBy(() -> new AuthorizationRequest(CONTEXT, " ", "a", null))
			.withMessageContaining("resource");
		assertThatIllegalArgumentException().isThrownBy(() -> new AuthorizationRequest(CONTEXT, "r", "", null))
			.withMessageContaining("action");
		assertThatIllegalArgumentException().isThrownBy(() -> new AuthorizationRequest(CONTEXT, "r", "a", " "))
			.withMessageContaining("tenant");
	}

	@Test
	void snapshotSignRequestAcceptsNullTenantAndRejectsBlankOne() {
		assertThat(new SnapshotSignRequest(CONTEXT, null).tenant()).isNull();
		assertThat(new SnapshotSignRequest(CONTEXT, "acme").tenant()).isEqualTo("acme");
		assertThatNullPointerException().isThrownBy(() -> new SnapshotSignRequest(null, null))
			.withMessageContaining("context");
		assertThatIllegalArgumentException().isThrownBy(() -> new SnapshotSignRequest(CONTEXT, " "))
			.withMessageContaining("tenant");
	}

}
