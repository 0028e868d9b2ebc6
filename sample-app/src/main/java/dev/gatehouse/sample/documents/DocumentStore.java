package dev.gatehouse.sample.documents;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.gatehouse.auth.relation.InMemoryRelationStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The documents, held in memory and seeded with one tenant's plans and another's
 * handbook. Creating a document makes its creator the owner in the relation store, so the
 * relation check that guards updates knows about it at once (with the {@code cerbos}
 * profile there is no relation store: Cerbos knows the seed documents' relations from its
 * policy). Thread-safe.
 */
@Component
@Profile("!audit")
public final class DocumentStore {

	private final Map<String, Document> documents = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	// Absent with the cerbos profile.
	private final InMemoryRelationStore relations;

	/**
	 * Creates the store with its seed documents.
	 * @param relations the relation store that learns who owns new documents, when there
	 * is one
	 */
	public DocumentStore(ObjectProvider<InMemoryRelationStore> relations) {
		this.relations = relations.getIfAvailable();
		put("acme", "Q3 plan", "Ship the reports page.", "bob");
		put("acme", "Launch notes", "Invite list and timing.", "alice");
		put("globex", "Globex handbook", "How we work.", "carol");
		put("acme", "Old draft", "Superseded by the Q3 plan.", "bob");
	}

	private Document put(String tenant, String title, String body, String owner) {
		String id = Long.toString(this.ids.incrementAndGet());
		Document document = new Document(id, tenant, title, body, owner);
		this.documents.put(id, document);
		return document;
	}

	/**
	 * Returns the documents of one tenant, ordered by id.
	 * @param tenant the tenant
	 * @return its documents
	 */
	public List<Document> list(String tenant) {
		return this.documents.values()
			.stream()
			.filter((document) -> document.tenant().equals(tenant))
			.sorted(Comparator.comparingLong((Document document) -> Long.parseLong(document.id())))
			.toList();
	}

	/**
	 * Creates a document and makes its creator its owner.
	 * @param tenant the tenant it belongs to
	 * @param content its title and text
	 * @param owner the creator's subject id
	 * @return the new document
	 */
	public Document create(String tenant, DocumentContent content, String owner) {
		Document document = put(tenant, content.title(), content.body(), owner);
		if (this.relations != null) {
			this.relations.grant(owner, "owner", "document:" + document.id());
		}
		return document;
	}

	/**
	 * Replaces a document's title and text.
	 * @param id the document's id
	 * @param content the new title and text
	 * @return the changed document, or empty when there is none with that id
	 */
	public Optional<Document> update(String id, DocumentContent content) {
		return Optional.ofNullable(
				this.documents.computeIfPresent(id, (key, old) -> old.withContent(content.title(), content.body())));
	}

	/**
	 * Removes a document.
	 * @param id the document's id
	 * @return whether there was one
	 */
	public boolean delete(String id) {
		return this.documents.remove(id) != null;
	}

	/**
	 * Counts the documents of one tenant.
	 * @param tenant the tenant
	 * @return how many it has
	 */
	public int count(String tenant) {
		return list(tenant).size();
	}

}
