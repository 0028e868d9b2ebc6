package dev.gatehouse.sample.documents;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gatehouse.auth.annotation.RequireRelation;
import dev.gatehouse.auth.context.AuthContextHolder;

import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;

/**
 * Exports documents on Boot's task executor. Gatehouse checks the relation on the calling
 * thread before {@code @Async} hands the call over, and its task decorator binds the
 * caller's context on the executor thread for exactly the job, so the job runs as the
 * caller and the pooled thread keeps nothing afterwards.
 */
@Service
@Profile("!audit")
public class DocumentExporter {

	private final List<ExportRecord> records = new CopyOnWriteArrayList<>();

	/**
	 * Exports a document the caller may view and records as whom the job ran.
	 * @param id the document's id
	 * @param requestedBy the subject that asked
	 * @param requestThread the thread that asked
	 * @return the export's record, completed on the executor thread; failed with
	 * Gatehouse's refusal when the caller is not a viewer of the document
	 */
	@Async
	@RequireRelation(value = "viewer", resource = "document:{id}")
	public CompletableFuture<ExportRecord> export(String id, String requestedBy, String requestThread) {
		ExportRecord record = new ExportRecord(id, requestedBy, requestThread,
				AuthContextHolder.require().subject().id(), Thread.currentThread().getName());
		this.records.add(record);
		return CompletableFuture.completedFuture(record);
	}

	/**
	 * Returns every export recorded so far.
	 * @return the records, oldest first
	 */
	public List<ExportRecord> records() {
		return List.copyOf(this.records);
	}

}
