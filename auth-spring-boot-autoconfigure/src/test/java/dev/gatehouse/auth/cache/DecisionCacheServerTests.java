package dev.gatehouse.auth.cache;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import dev.gatehouse.auth.annotation.RequirePermission;
import dev.gatehouse.auth.annotation.RequirePolicy;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;
import dev.gatehouse.auth.decision.AuthRequirementDeniedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The decision cache as an attacker meets it (issue 18, item 1): two API keys of the same
 * subject and tenant with different roles, over real HTTP with
 * {@code gatehouse.cache.enabled=true}. The weaker key never gets the stronger key's
 * cached ALLOW, and the stronger key is never refused by the weaker key's cached DENY,
 * with the default permission checker and with the policy evaluator; contexts that differ
 * only in fewer roles (as a snapshot carries), in the permissions claim or in a claim a
 * policy rule reads are told apart too.
 */
class DecisionCacheServerTests {

	private static final String ADMIN_KEY = "cache-admin-key-6b1f29d0";

	private static final String VIEWER_KEY = "cache-viewer-key-0e93c4a7";

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() {
		context = new SpringApplicationBuilder(CacheApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"gatehouse.cache.enabled=true", "gatehouse.api-keys[0].sha256=" + sha256(ADMIN_KEY),
					"gatehouse.api-keys[0].subject=alice", "gatehouse.api-keys[0].tenant=acme",
					"gatehouse.api-keys[0].roles=admin", "gatehouse.api-keys[1].sha256=" + sha256(VIEWER_KEY),
					"gatehouse.api-keys[1].subject=alice", "gatehouse.api-keys[1].tenant=acme",
					"gatehouse.api-keys[1].roles=viewer", "gatehouse.permissions.roles.admin=documents:delete",
					"gatehouse.permissions.roles.viewer=documents:read",
					"gatehouse.policies.rules[0].resource=documents", "gatehouse.policies.rules[0].action=purge",
					"gatehouse.policies.rules[0].any-role=admin", "gatehouse.policies.rules[1].resource=reports",
					"gatehouse.policies.rules[1].action=read",
					"gatehouse.policies.rules[1].subject-claim.department=finance",
					"gatehouse.policies.rules[2].resource=ledger", "gatehouse.policies.rules[2].action=close",
					"gatehouse.policies.rules[2].any-permission=ledger:close")
			.run();
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@BeforeEach
	void emptyCache() {
		context.getBean(AuthDecisionCache.class).evictAll();
	}

	@Test
	void viewerKeyIsRefusedAfterTheAdminKeyWasAllowed() throws Exception {
		assertThat(delete("/documents/7", ADMIN_KEY)).isEqualTo(200);
		assertThat(delete("/documents/7", VIEWER_KEY)).isEqualTo(403);
	}

	@Test
	void adminKeyIsAllowedAfterTheViewerKeyWasRefused() throws Exception {
		assertThat(delete("/documents/7", VIEWER_KEY)).isEqualTo(403);
		assertThat(delete("/documents/7", ADMIN_KEY)).isEqualTo(200);
	}

	@Test
	void policyDecisionsAreNotSharedBetweenTheKeys() throws Exception {
		assertThat(post("/documents/purge", ADMIN_KEY)).isEqualTo(200);
		assertThat(post("/documents/purge", VIEWER_KEY)).isEqualTo(403);
		context.getBean(AuthDecisionCache.class).evictAll();
		assertThat(post("/documents/purge", VIEWER_KEY)).isEqualTo(403);
		assertThat(post("/documents/purge", ADMIN_KEY)).isEqualTo(200);
	}

	@Test
	void aRepeatedCallOfTheSameKeyIsStillServedFromTheCache() throws Exception {
		assertThat(delete("/documents/7", ADMIN_KEY)).isEqualTo(200);
		long cached = ((CaffeineAuthDecisionCache) context.getBean(AuthDecisionCache.class)).estimatedSize();
		assertThat(delete("/documents/7", ADMIN_KEY)).isEqualTo(200);
		assertThat(((CaffeineAuthDecisionCache) context.getBean(AuthDecisionCache.class)).estimatedSize())
			.isEqualTo(cached)
			.isEqualTo(1);
	}

	@Test
	void aSnapshotWithFewerRolesGetsItsOwnDecision() {
		Documents documents = context.getBean(Documents.class);
		AuthContext full = AuthContext.builder("alice")
			.issuer("orders-service")
			.tenant("acme")
			.roles("admin", "viewer")
			.delegationChain(List.of("orders-service"))
			.build();
		AuthContext fewer = AuthContext.builder("alice")
			.issuer("orders-service")
			.tenant("acme")
			.roles("viewer")
			.delegationChain(List.of("orders-service"))
			.build();
		assertAllowed(full, () -> documents.delete("7"));
		assertRefused(fewer, () -> documents.delete("7"));
		assertAllowed(full, () -> documents.purge());
		assertRefused(fewer, () -> documents.purge());
	}

	@Test
	void thePermissionsClaimAndClaimsAPolicyReadsArePartOfTheKey() {
		Documents documents = context.getBean(Documents.class);
		AuthContext finance = AuthContext.builder("alice").tenant("acme").claim("department", "finance").build();
		AuthContext sales = AuthContext.builder("alice").tenant("acme").claim("department", "sales").build();
		assertAllowed(finance, documents::readReport);
		assertRefused(sales, documents::readReport);
		AuthContext closer = AuthContext.builder("alice").tenant("acme").claim("permissions", "ledger:close").build();
		AuthContext reader = AuthContext.builder("alice").tenant("acme").claim("permissions", "ledger:read").build();
		assertAllowed(closer, documents::closeLedger);
		assertRefused(reader, documents::closeLedger);
		assertRefused(reader, () -> documents.delete("7"));
		assertAllowed(AuthContext.builder("alice").tenant("acme").claim("permissions", "documents:*").build(),
				() -> documents.delete("7"));
	}

	private static void assertAllowed(AuthContext caller, Runnable call) {
		try (AuthContextScope scope = AuthContextHolder.open(caller)) {
			assertThatNoException().isThrownBy(call::run);
		}
	}

	private static void assertRefused(AuthContext caller, Runnable call) {
		try (AuthContextScope scope = AuthContextHolder.open(caller)) {
			assertThatExceptionOfType(AuthRequirementDeniedException.class).isThrownBy(call::run);
		}
	}

	private static int delete(String path, String apiKey) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)).header("X-API-Key", apiKey).DELETE());
	}

	private static int post(String path, String apiKey) throws Exception {
		return send(HttpRequest.newBuilder(uri(path))
			.header("X-API-Key", apiKey)
			.POST(HttpRequest.BodyPublishers.noBody()));
	}

	private static int send(HttpRequest.Builder request) throws Exception {
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private static URI uri(String path) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private static String sha256(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ DocumentController.class, Documents.class })
	static class CacheApplication {

	}

	@RestController
	static class DocumentController {

		private final Documents documents;

		DocumentController(Documents documents) {
			this.documents = documents;
		}

		@DeleteMapping("/documents/{id}")
		String delete(@PathVariable String id) {
			return this.documents.delete(id);
		}

		@PostMapping("/documents/purge")
		String purge() {
			return this.documents.purge();
		}

	}

	@Service
	static class Documents {

		@RequirePermission("documents:delete")
		String delete(String id) {
			return "deleted " + id;
		}

		@RequirePolicy(resource = "documents", action = "purge")
		String purge() {
			return "purged";
		}

		@RequirePolicy(resource = "reports", action = "read")
		String readReport() {
			return "report";
		}

		@RequirePolicy(resource = "ledger", action = "close")
		String closeLedger() {
			return "closed";
		}

	}

}
