package dev.gatehouse.sample;

import java.util.ArrayList;
import java.util.List;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.context.CredentialCarrierLocation;
import dev.gatehouse.auth.error.AuthException;
import dev.gatehouse.auth.spi.AuthInvocation;
import dev.gatehouse.auth.spi.Authenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Calls {@link DocumentService} as three different callers and logs what Gatehouse
 * decided. In a web application the servlet filter authenticates the caller and binds its
 * context; here the runner authenticates two demo tokens and binds the contexts
 * explicitly.
 */
@Component
public class DemoRunner implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(DemoRunner.class);

	private final DocumentService documents;

	private final Authenticator authenticator;

	private final List<String> outcomes = new ArrayList<>();

	public DemoRunner(DocumentService documents, Authenticator authenticator) {
		this.documents = documents;
		this.authenticator = authenticator;
	}

	@Override
	public void run(ApplicationArguments args) {
		AuthContext reader = authenticate("reader-token");
		AuthContext editor = authenticate("editor-token");
		attempt("anonymous publishes", null, () -> this.documents.publish("42"));
		attempt("reader reads", reader, () -> this.documents.read("42"));
		attempt("reader publishes", reader, () -> this.documents.publish("42"));
		attempt("editor publishes", editor, () -> this.documents.publish("42"));
	}

	private AuthContext authenticate(String token) {
		return this.authenticator.authenticate(
				new CredentialCarrier(CredentialCarrierKind.BEARER_TOKEN,
						CredentialCarrierLocation.AUTHORIZATION_HEADER, token, "Authorization", "Bearer"),
				AuthInvocation.of("demo", "run"));
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
