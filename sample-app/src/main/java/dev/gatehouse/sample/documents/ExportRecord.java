package dev.gatehouse.sample.documents;

/**
 * What an export job recorded: who asked for it on which thread, and as whom it ran on
 * which thread.
 *
 * @param document the exported document's id
 * @param requestedBy the subject that asked, read on the request thread
 * @param requestThread the request thread's name
 * @param ranAs the subject bound while the job ran, read on the job's thread
 * @param jobThread the job thread's name
 */
public record ExportRecord(String document, String requestedBy, String requestThread, String ranAs, String jobThread) {

}
