package dev.gatehouse.sample.documents;

import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.annotation.RequireScope;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Creating documents. The class needs the {@code editor} role and the method adds the
 * {@code documents:write} scope: both must hold, class level first.
 */
@RestController
@Profile("!audit")
@RequireRole("editor")
public class DocumentAuthoringController {

	private final DocumentStore documents;

	private final AuditClient audit;

	/**
	 * Creates the controller.
	 * @param documents the documents
	 * @param audit the audit service's client
	 */
	public DocumentAuthoringController(DocumentStore documents, AuditClient audit) {
		this.documents = documents;
		this.audit = audit;
	}

	/**
	 * Creates a document in the caller's tenant, owned by the caller.
	 * @param content its title and text
	 * @return the new document
	 */
	@RequireScope("documents:write")
	@PostMapping("/api/documents")
	@ResponseStatus(HttpStatus.CREATED)
	public Document create(@RequestBody DocumentContent content) {
		AuthContext caller = AuthContextHolder.require();
		String tenant = caller.tenant();
		if (tenant == null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The caller belongs to no tenant.");
		}
		Document document = this.documents.create(tenant, content, caller.subject().id());
		this.audit.record("create", document.id(), content.title());
		return document;
	}

}
