package dev.gatehouse.benchmarks.references;

import dev.gatehouse.auth.annotation.RequirePermission;

import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The same lookup behind the three kinds of protection; each method returns its argument
 * so that the JIT must keep the call.
 */
public class DocumentService {

	/**
	 * Unprotected (behind the no-op proxy, the baseline).
	 * @param id the document id
	 * @return the id
	 */
	public long plain(long id) {
		return id;
	}

	/**
	 * A static reference: the resource does not depend on the argument.
	 * @param id the document id
	 * @return the id
	 */
	@RequirePermission(value = "doc:read", resource = "doc:42")
	public long readStatic(long id) {
		return id;
	}

	/**
	 * A dynamic reference, resolved per call from the argument.
	 * @param id the document id
	 * @return the id
	 */
	@RequirePermission(value = "doc:read", resource = "doc:{id}")
	public long readPlaceholder(long id) {
		return id;
	}

	/**
	 * Spring Security's peer: the argument passed to a {@code PermissionEvaluator}
	 * through SpEL.
	 * @param id the document id
	 * @return the id
	 */
	@PreAuthorize("hasPermission(#id, 'doc', 'read')")
	public long readPreAuthorize(long id) {
		return id;
	}

}
