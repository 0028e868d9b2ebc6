package dev.gatehouse.sample.audit;

import java.util.List;

import dev.gatehouse.auth.annotation.Protected;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.sample.AdminOnly;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit service's API. The documents service posts each write with its caller's
 * signed snapshot; admins read the trail with their API key.
 */
@RestController
@Profile("audit")
public class AuditController {

	private final AuditTrail trail;

	/**
	 * Creates the controller.
	 * @param trail the audit trail
	 */
	public AuditController(AuditTrail trail) {
		this.trail = trail;
	}

	/**
	 * Records a write by the authenticated caller.
	 * @param entry what was written
	 * @return the record
	 */
	@Protected
	@PostMapping("/internal/audit")
	@ResponseStatus(HttpStatus.CREATED)
	public AuditRecord record(@RequestBody AuditEntry entry) {
		return this.trail.append(entry, AuthContextHolder.require());
	}

	/**
	 * Lists the trail; only admins may.
	 * @return every record, oldest first
	 */
	@AdminOnly
	@GetMapping("/internal/audit")
	public List<AuditRecord> records() {
		return this.trail.records();
	}

}
