package dev.gatehouse.auth.relation;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.RelationCheckRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory relation checker: direct tuples, inheritance declared in code, parent
 * objects, tenants.
 */
class InMemoryRelationCheckerTests {

	private final InMemoryRelationStore store = new InMemoryRelationStore().implies("owner", "editor")
		.implies("editor", "viewer")
		.grant("alice", "owner", "document:1")
		.grant("bob", "viewer", "document:1")
		.grant("carol", "editor", "folder:reports")
		.parent("document:2", "folder:reports")
		.parent("folder:reports", "drive:finance")
		.grant("dan", "viewer", "drive:finance");

	private final InMemoryRelationChecker checker = new InMemoryRelationChecker(this.store);

	@Test
	void allowsDirectTuple() {
		assertThat(check("bob", "viewer", "document:1").isAllowed()).isTrue();
	}

	@Test
	void strongerRelationImpliesWeakerTransitively() {
		assertThat(check("alice", "editor", "document:1").isAllowed()).isTrue();
		assertThat(check("alice", "viewer", "document:1").isAllowed()).isTrue();
	}

	@Test
	void weakerRelationDoesNotImplyStronger() {
		assertDenied(check("bob", "editor", "document:1"));
	}

	@Test
	void relationOnParentAppliesToChildAndGrandchild() {
		assertThat(check("carol", "editor", "document:2").isAllowed()).isTrue();
		assertThat(check("dan", "viewer", "document:2").isAllowed()).isTrue();
		assertDenied(check("dan", "editor", "document:2"));
		assertDenied(check("carol", "editor", "document:1"));
	}

	@Test
	void revokedTupleNoLongerGrants() {
		this.store.revoke("bob", "viewer", "document:1");

		assertDenied(check("bob", "viewer", "document:1"));
	}

	@Test
	void toleratesCyclicDeclarations() {
		this.store.implies("viewer", "owner").parent("drive:finance", "document:2");

		assertThat(check("bob", "owner", "document:1").isAllowed()).isTrue();
		assertDenied(check("nobody", "viewer", "document:2"));
	}

	@Test
	void tenantQualifiedRequirementNeedsMatchingTenant() {
		AuthContext acme = AuthContext.builder("bob").tenant("acme").build();

		assertThat(
				this.checker.checkRelation(new RelationCheckRequest(acme, "viewer", "document:1", "acme")).isAllowed())
			.isTrue();
		assertDenied(this.checker.checkRelation(new RelationCheckRequest(acme, "viewer", "document:1", "globex")));
	}

	private AuthorizationDecision check(String subject, String relation, String object) {
		return this.checker
			.checkRelation(new RelationCheckRequest(AuthContext.builder(subject).build(), relation, object, null));
	}

	private static void assertDenied(AuthorizationDecision decision) {
		assertThat(decision.state()).isEqualTo(AuthorizationDecisionState.DENY);
		assertThat(decision.reasonCode()).isEqualTo(AuthorizationReasonCode.RELATION_DENIED);
	}

}
