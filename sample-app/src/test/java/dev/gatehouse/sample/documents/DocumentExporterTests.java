package dev.gatehouse.sample.documents;

import java.util.concurrent.TimeUnit;

import dev.gatehouse.auth.test.WithAuthContext;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static dev.gatehouse.auth.decision.AuthorizationReasonCode.MISSING_CREDENTIAL;
import static dev.gatehouse.auth.decision.AuthorizationReasonCode.RELATION_DENIED;
import static dev.gatehouse.auth.test.AuthDecisionAssert.assertThatDecision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The {@code @Async} exporter, called directly as a service: {@code @WithAuthContext}
 * binds the caller around each test, and Gatehouse checks the relation on the calling
 * thread before the job is handed to the executor.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DocumentExporterTests {

	@Autowired
	private DocumentExporter exporter;

	@Test
	@WithAuthContext(subject = "bob", tenant = "acme")
	void viewerExportRunsAsTheCallerOnAnExecutorThread() throws Exception {
		ExportRecord record = this.exporter.export("3", "bob", "test").get(10, TimeUnit.SECONDS);
		assertThat(record.ranAs()).isEqualTo("bob");
		assertThat(record.jobThread()).startsWith("export-");
		assertThat(this.exporter.records()).contains(record);
	}

	@Test
	@WithAuthContext(subject = "carol", tenant = "globex")
	void exportOfADocumentTheCallerCannotViewFailsTheFuture() {
		Throwable failure = catchThrowable(() -> this.exporter.export("1", "carol", "test").join());
		assertThatDecision(failure.getCause()).isDenied(RELATION_DENIED);
	}

	@Test
	void exportWithoutACallerIsChallenged() {
		Throwable failure = catchThrowable(() -> this.exporter.export("1", "nobody", "test").join());
		assertThatDecision(failure.getCause()).isChallenged(MISSING_CREDENTIAL);
	}

}
