package dev.gatehouse.sample.audit;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One write, as the audit service recorded it. Who wrote it, through which services and
 * under which correlation id come from the verified snapshot, never from the entry's
 * body.
 *
 * @param sequence the record's position in the trail, from 1
 * @param action what was done
 * @param document the document's id
 * @param detail a short description
 * @param subject who wrote it
 * @param tenant the writer's tenant
 * @param correlationId the correlation id of the request that wrote it
 * @param delegationChain the services the write passed through
 */
public record AuditRecord(long sequence, String action, String document, String detail, String subject,
		@Nullable String tenant, @Nullable String correlationId, List<String> delegationChain) {

}
