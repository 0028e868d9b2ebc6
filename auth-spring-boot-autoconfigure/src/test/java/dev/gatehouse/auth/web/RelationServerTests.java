package dev.gatehouse.auth.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.jayway.jsonpath.JsonPath;
import dev.gatehouse.auth.annotation.RequireRelation;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.relation.InMemoryRelationChecker;
import dev.gatehouse.auth.relation.InMemoryRelationStore;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code @RequireRelation(value = "editor", resource = "document:{id}")} endpoint over
 * real HTTP (Tomcat on a random loopback port, JDK HttpClient, API-key callers) backed by
 * the in-memory relation checker: the editor and the owner (through inheritance and the
 * document's parent folder) are let in, a viewer gets 403 RELATION_DENIED.
 */
@SpringBootTest(classes = RelationServerTests.RelationApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "server.address=127.0.0.1",
				// Hashes of the keys below: printf %s "$KEY" | sha256sum
				"gatehouse.api-keys[0].sha256=533420603ebdfa809ae0f4046b9619a29a449bb036085f8cea2b3b7b8f68cb4e",
				"gatehouse.api-keys[0].subject=erin",
				"gatehouse.api-keys[1].sha256=875ec1e30e9c6c2bde36979b64b1394dbab7dea1a3e519f54f75084b89e02081",
				"gatehouse.api-keys[1].subject=otto",
				"gatehouse.api-keys[2].sha256=0e61adfc365e310363fb3f6298d3100a094af108d018dedbd1397a64c4f01284",
				"gatehouse.api-keys[2].subject=vera" })
class RelationServerTests {

	private static final String EDITOR_KEY = "rel-editor-key-7d21";

	private static final String OWNER_KEY = "rel-owner-key-93ab";

	private static final String VIEWER_KEY = "rel-viewer-key-5c04";

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void allowsTheEditorOfTheDocument() throws Exception {
		HttpResponse<String> response = get("/documents/7/edit", EDITOR_KEY);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("editing document 7 as erin");
	}

	@Test
	void allowsTheOwnerOfTheParentFolderThroughInheritance() throws Exception {
		HttpResponse<String> response = get("/documents/7/edit", OWNER_KEY);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("editing document 7 as otto");
	}

	@Test
	void deniesAViewerWithRelationDenied() throws Exception {
		HttpResponse<String> response = get("/documents/7/edit", VIEWER_KEY);

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat((String) JsonPath.read(response.body(), "$.reasonCode")).isEqualTo("RELATION_DENIED");
		assertThat((String) JsonPath.read(response.body(), "$.state")).isEqualTo("DENY");
	}

	@Test
	void deniesTheEditorOnAnotherDocument() throws Exception {
		HttpResponse<String> response = get("/documents/8/edit", EDITOR_KEY);

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat((String) JsonPath.read(response.body(), "$.reasonCode")).isEqualTo("RELATION_DENIED");
	}

	private HttpResponse<String> get(String path, String apiKey) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("X-API-Key", apiKey)
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(DocumentController.class)
	static class RelationApplication {

		@Bean
		InMemoryRelationStore relationStore() {
			return new InMemoryRelationStore().implies("owner", "editor")
				.implies("editor", "viewer")
				.grant("erin", "editor", "document:7")
				.grant("vera", "viewer", "document:7")
				.grant("otto", "owner", "folder:reports")
				.parent("document:7", "folder:reports")
				.parent("document:8", "folder:archive");
		}

		@Bean
		InMemoryRelationChecker relationChecker(InMemoryRelationStore relationStore) {
			return new InMemoryRelationChecker(relationStore);
		}

	}

	@RestController
	static class DocumentController {

		@RequireRelation(value = "editor", resource = "document:{id}")
		@GetMapping("/documents/{id}/edit")
		String edit(@PathVariable String id) {
			return "editing document " + id + " as " + AuthContextHolder.require().subject().id();
		}

	}

}
