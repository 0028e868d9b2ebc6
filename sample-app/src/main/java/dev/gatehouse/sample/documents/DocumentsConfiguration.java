package dev.gatehouse.sample.documents;

import dev.gatehouse.auth.relation.InMemoryRelationChecker;
import dev.gatehouse.auth.relation.InMemoryRelationStore;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The relations behind {@code @RequireRelation}: owners edit, editors edit, viewers only
 * read. Gatehouse has no default relation checker (relations live in a ReBAC store such
 * as OpenFGA or SpiceDB); the sample uses the in-memory one. Not with the {@code cerbos}
 * profile: there Cerbos decides the relations (sample-app/cerbos/policies), and a second
 * relation checker would fail startup.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!audit & !cerbos")
class DocumentsConfiguration {

	@Bean
	InMemoryRelationStore relationStore() {
		return new InMemoryRelationStore().implies("owner", "editor")
			.implies("editor", "viewer")
			.grant("bob", "owner", "document:1")
			.grant("alice", "owner", "document:2")
			.grant("bob", "editor", "document:2")
			.grant("carol", "owner", "document:3")
			.grant("bob", "viewer", "document:3")
			.grant("bob", "owner", "document:4");
	}

	@Bean
	InMemoryRelationChecker relationChecker(InMemoryRelationStore relationStore) {
		return new InMemoryRelationChecker(relationStore);
	}

}
