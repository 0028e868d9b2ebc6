package dev.gatehouse.sample.documents;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.test.AuthContexts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static dev.gatehouse.auth.test.GatehouseRequestPostProcessors.anonymous;
import static dev.gatehouse.auth.test.GatehouseRequestPostProcessors.authContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * The document handlers in a {@code @WebMvcTest} slice: Gatehouse's filter, enforcement
 * and problem responses are in it, and {@code GatehouseRequestPostProcessors} decides who
 * calls without a credential. The audit client is a mock, so the tests see what is sent
 * to it.
 */
@WebMvcTest(controllers = { DocumentController.class, DocumentAuthoringController.class })
@Import({ DocumentStore.class, DocumentsConfiguration.class, DocumentExporter.class })
class DocumentControllerTests {

	private static final String MINUTES = "{\"title\":\"Minutes\",\"body\":\"Weekly sync\"}";

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private AuditClient audit;

	@Test
	void editorWithWriteScopeCreatesDocumentAndAuditsIt() {
		AuthContext bob = AuthContext.builder("bob")
			.roles("editor")
			.scopes("documents:read", "documents:write")
			.tenant("acme")
			.build();
		assertThat(this.mvc.post()
			.uri("/api/documents")
			.contentType(MediaType.APPLICATION_JSON)
			.content(MINUTES)
			.with(authContext(bob))).hasStatus(HttpStatus.CREATED)
			.bodyJson()
			.extractingPath("$.owner")
			.isEqualTo("bob");
		verify(this.audit).record("create", "5", "Minutes");
	}

	@Test
	void editorWithoutWriteScopeIsRefusedAndNothingIsAudited() {
		AuthContext editor = AuthContext.builder("erin").roles("editor").tenant("acme").build();
		assertThat(this.mvc.post()
			.uri("/api/documents")
			.contentType(MediaType.APPLICATION_JSON)
			.content(MINUTES)
			.with(authContext(editor))).hasStatus(HttpStatus.FORBIDDEN)
			.bodyJson()
			.extractingPath("$.reasonCode")
			.isEqualTo("INSUFFICIENT_SCOPE");
		verify(this.audit, never()).record(anyString(), anyString(), anyString());
	}

	@Test
	void roleIsCheckedBeforeScopeBecauseClassLevelComesFirst() {
		AuthContext viewer = AuthContexts.withScopes("documents:write");
		assertThat(this.mvc.post()
			.uri("/api/documents")
			.contentType(MediaType.APPLICATION_JSON)
			.content(MINUTES)
			.with(authContext(viewer))).hasStatus(HttpStatus.FORBIDDEN)
			.bodyJson()
			.extractingPath("$.reasonCode")
			.isEqualTo("INSUFFICIENT_ROLE");
	}

	@Test
	void onlyEditorsOfTheDocumentUpdateIt() {
		String change = "{\"title\":\"Q3 plan\",\"body\":\"Changed\"}";
		assertThat(this.mvc.put()
			.uri("/api/documents/1")
			.contentType(MediaType.APPLICATION_JSON)
			.content(change)
			.with(authContext(AuthContexts.subject("bob")))).hasStatusOk();
		verify(this.audit).record("update", "1", "Q3 plan");
		assertThat(this.mvc.put()
			.uri("/api/documents/1")
			.contentType(MediaType.APPLICATION_JSON)
			.content(change)
			.with(authContext(AuthContexts.withRoles("admin")))).hasStatus(HttpStatus.FORBIDDEN)
			.bodyJson()
			.extractingPath("$.reasonCode")
			.isEqualTo("RELATION_DENIED");
	}

	@Test
	void anonymousRequestIsChallengedWhateverKeyItCarries() {
		assertThat(this.mvc.get().uri("/api/documents").header("X-API-Key", "demo-bob-editor").with(anonymous()))
			.hasStatus(HttpStatus.UNAUTHORIZED)
			.headers()
			.hasValue("WWW-Authenticate", "Bearer realm=\"gatehouse\"");
	}

	@Test
	void listsOnlyTheCallersTenant() {
		AuthContext globex = AuthContext.builder("carol").scopes("documents:read").tenant("globex").build();
		assertThat(this.mvc.get().uri("/api/documents").with(authContext(globex))).hasStatusOk()
			.bodyJson()
			.extractingPath("$[*].tenant")
			.asArray()
			.containsOnly("globex");
	}

}
