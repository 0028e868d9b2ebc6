package dev.gatehouse.sample;

import java.util.ArrayList;
import java.util.List;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.error.AuthException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Calls {@link DocumentService} as three different callers and logs what Gatehouse decided. In a web
 * application the servlet filter binds the caller's context; here the runner binds it explicitly.
 */
@Component
public class DemoRunner implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(DemoRunner.class);

	private final DocumentService documents;

	private final List<String> outcomes = new ArrayList<>();

	public DemoRunner(DocumentService documents) {
		this.documents = documents;
	}

	@Override
	public void run(ApplicationArguments args) {
		AuthContext reader = AuthContext.builder("ada").scopes("documents:read").build();
		AuthContext editor = AuthContext.builder("grace").roles("editor").scopes("documents:read").build();
		attempt("anonymous publishes", null, () -> this.documents.publish("42"));
		attempt("reader reads", reader, () -> this.documents.read("42"));
		attempt("reader publishes", reader, () -> this.documents.publish("42"));
		attempt("editor publishes", editor, () -> this.documents.publish("42"));
	}

	private void attempt(String what, AuthContext caller, java.util.function.Supplier<String> call) {
		String outcome;
		try (var scope = AuthContextHolder.open(caller)) {
			outcome = what + ": ALLOW (" + call.get() + ")";
		}
		catch (AuthException ex) {
			outcome = what + ": " + ex.decision().state() + "/" + ex.decision().reasonCode();
		}
		this.outcomes.add(outcome);
		logger.info(outcome);
	}

	/**
	 * Returns what each attempt produced, in order.
	 * @return the outcomes
	 */
	public List<String> outcomes() {
		return List.copyOf(this.outcomes);
	}

}
