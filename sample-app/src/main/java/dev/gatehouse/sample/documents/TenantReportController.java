package dev.gatehouse.sample.documents;

import dev.gatehouse.auth.annotation.RequirePolicy;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A per-tenant report, guarded by the policy {@code admins-or-same-tenant} in
 * {@code application.yml} (or, with the {@code cerbos} profile, the Cerbos policy for
 * resource kind {@code report}): admins read every tenant's report, everyone else only
 * their own tenant's. The resource is {@code report:<tenant>}, a type and an id, as an
 * external decision engine needs it.
 */
@RestController
@Profile("!audit")
public class TenantReportController {

	private final DocumentStore documents;

	/**
	 * Creates the controller.
	 * @param documents the documents
	 */
	public TenantReportController(DocumentStore documents) {
		this.documents = documents;
	}

	/**
	 * Reports how many documents a tenant has.
	 * @param tenant the tenant, from the path
	 * @return the report
	 */
	@RequirePolicy(resource = "report:{tenant}", action = "read", tenant = "{tenant}")
	@GetMapping("/api/tenants/{tenant}/report")
	public TenantReport report(@PathVariable String tenant) {
		return new TenantReport(tenant, this.documents.count(tenant));
	}

	/**
	 * A tenant's report.
	 *
	 * @param tenant the tenant
	 * @param documents how many documents it has
	 */
	public record TenantReport(String tenant, int documents) {

	}

}
