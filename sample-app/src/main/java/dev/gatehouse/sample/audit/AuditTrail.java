package dev.gatehouse.sample.audit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import dev.gatehouse.auth.context.AuthContext;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The audit records, held in memory in the order they arrived. Thread-safe.
 */
@Component
@Profile("audit")
public final class AuditTrail {

	private final List<AuditRecord> records = new CopyOnWriteArrayList<>();

	private final AtomicLong sequence = new AtomicLong();

	/**
	 * Records one write by the given caller.
	 * @param entry what was written
	 * @param writer the verified caller
	 * @return the record
	 */
	public AuditRecord append(AuditEntry entry, AuthContext writer) {
		AuditRecord record = new AuditRecord(this.sequence.incrementAndGet(), entry.action(), entry.document(),
				entry.detail(), writer.subject().id(), writer.tenant(), writer.correlationId(),
				writer.delegationChain());
		this.records.add(record);
		return record;
	}

	/**
	 * Returns every record.
	 * @return the records, oldest first
	 */
	public List<AuditRecord> records() {
		return List.copyOf(this.records);
	}

}
