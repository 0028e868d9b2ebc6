package dev.gatehouse.sample.audit;

/**
 * The body of {@code POST /internal/audit}.
 *
 * @param action what was done
 * @param document the document's id
 * @param detail a short description
 */
public record AuditEntry(String action, String document, String detail) {

}
