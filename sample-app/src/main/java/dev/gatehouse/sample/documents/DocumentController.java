package dev.gatehouse.sample.documents;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.gatehouse.auth.annotation.Protected;
import dev.gatehouse.auth.annotation.RequireRelation;
import dev.gatehouse.auth.annotation.RequireScope;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.sample.AdminOnly;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Reading, changing, deleting and exporting documents; each handler states what it needs.
 * Creating one is {@link DocumentAuthoringController}'s.
 */
@RestController
@Profile("!audit")
public class DocumentController {

	private final DocumentStore documents;

	private final AuditClient audit;

	private final DocumentExporter exporter;

	/**
	 * Creates the controller.
	 * @param documents the documents
	 * @param audit the audit service's client
	 * @param exporter runs exports in the background
	 */
	public DocumentController(DocumentStore documents, AuditClient audit, DocumentExporter exporter) {
		this.documents = documents;
		this.audit = audit;
		this.exporter = exporter;
	}

	/**
	 * Lists the documents of the caller's tenant.
	 * @return the documents
	 */
	@RequireScope("documents:read")
	@GetMapping("/api/documents")
	public List<Document> list() {
		String tenant = AuthContextHolder.require().tenant();
		return (tenant != null) ? this.documents.list(tenant) : List.of();
	}

	/**
	 * Replaces a document's title and text; the caller must be one of its editors (owners
	 * are editors too), whatever roles they hold.
	 * @param id the document's id
	 * @param content the new title and text
	 * @return the changed document
	 */
	@RequireRelation(value = "editor", resource = "document:{id}")
	@PutMapping("/api/documents/{id}")
	public Document update(@PathVariable String id, @RequestBody DocumentContent content) {
		Document document = this.documents.update(id, content)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		this.audit.record("update", id, content.title());
		return document;
	}

	/**
	 * Deletes a document; only admins may.
	 * @param id the document's id
	 * @return 204, or 404 when there is no such document
	 */
	@AdminOnly
	@DeleteMapping("/api/documents/{id}")
	public ResponseEntity<Void> delete(@PathVariable String id) {
		if (!this.documents.delete(id)) {
			return ResponseEntity.notFound().build();
		}
		this.audit.record("delete", id, "deleted");
		return ResponseEntity.noContent().build();
	}

	/**
	 * Exports a document in the background and answers when the export is done. The
	 * exporter's method is protected and {@code @Async}: Gatehouse checks it on this
	 * thread, and the export runs on a task executor thread as the same caller.
	 * @param id the document's id
	 * @return the export's record
	 */
	@Protected
	@PostMapping("/api/documents/{id}/export")
	public CompletableFuture<ExportRecord> export(@PathVariable String id) {
		return this.exporter.export(id, AuthContextHolder.require().subject().id(), Thread.currentThread().getName());
	}

}
