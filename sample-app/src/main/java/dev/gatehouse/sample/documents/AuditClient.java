package dev.gatehouse.sample.documents;

import dev.gatehouse.auth.outbound.OutboundCredentials;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Reports each write to the audit service. The request carries no API key but the
 * caller's signed context (outbound registration {@code audit}, type {@code snapshot}),
 * signed for the registration's audience {@code audit}, so the audit service learns who
 * wrote, through which service, under which correlation id, and no other service would
 * accept it.
 */
@Component
@Profile("!audit")
public final class AuditClient {

	private final RestClient client;

	/**
	 * Creates the client.
	 * @param builder Boot's builder
	 * @param credentials Gatehouse's outbound credentials
	 * @param baseUrl where the audit service listens
	 */
	public AuditClient(RestClient.Builder builder, OutboundCredentials credentials,
			@Value("${sample.audit.base-url}") String baseUrl) {
		this.client = builder.baseUrl(baseUrl).requestInterceptor(credentials.interceptor("audit")).build();
	}

	/**
	 * Sends one audit entry, on the caller's thread while its context is bound.
	 * @param action what was done ({@code create}, {@code update}, {@code delete})
	 * @param document the document's id
	 * @param detail a short description, such as the title written
	 */
	public void record(String action, String document, String detail) {
		this.client.post()
			.uri("/internal/audit")
			.contentType(MediaType.APPLICATION_JSON)
			.body(new AuditEntry(action, document, detail))
			.retrieve()
			.toBodilessEntity();
	}

	/**
	 * The entry sent; who wrote it is not part of it, the signed snapshot says so.
	 *
	 * @param action what was done
	 * @param document the document's id
	 * @param detail a short description
	 */
	public record AuditEntry(String action, String document, String detail) {

	}

}
