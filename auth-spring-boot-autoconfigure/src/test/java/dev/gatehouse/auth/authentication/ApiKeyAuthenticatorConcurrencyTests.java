package dev.gatehouse.auth.authentication;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.context.CredentialCarrierLocation;
import dev.gatehouse.auth.spi.AuthInvocation;
import dev.gatehouse.auth.spi.AuthenticationFailedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authenticator reuses one SHA-256 digest per thread; concurrent requests with
 * different keys must still each be matched to their own entry, and an unknown key
 * between them must never match.
 */
class ApiKeyAuthenticatorConcurrencyTests {

	private static final AuthInvocation CALL = AuthInvocation.of("HTTP", "GET /documents/{id}");

	private final ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator(List.of(
			new ApiKeyAuthenticator.ApiKey(sha256("admin-key"), "grace", null, List.of("ADMIN"), List.of(), null),
			new ApiKeyAuthenticator.ApiKey(sha256("reader-key"), "ada", null, List.of("USER"), List.of(), null)));

	@Test
	void matchesEachKeyToItsOwnCallerUnderConcurrency() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				int offset = t;
				results.add(executor.submit(() -> authenticateMany(offset)));
			}
			for (Future<Integer> result : results) {
				assertThat(result.get()).isEqualTo(3000);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	private int authenticateMany(int offset) {
		int correct = 0;
		for (int i = 0; i < 3000; i++) {
			switch ((i + offset) % 3) {
				case 0 -> correct += "grace".equals(subject("admin-key")) ? 1 : 0;
				case 1 -> correct += "ada".equals(subject("reader-key")) ? 1 : 0;
				default -> correct += (subject("unknown-key-" + i) == null) ? 1 : 0;
			}
		}
		return correct;
	}

	private String subject(String key) {
		try {
			return this.authenticator
				.authenticate(new CredentialCarrier(CredentialCarrierKind.API_KEY, CredentialCarrierLocation.HEADER,
						key, "X-API-Key", null), CALL)
				.subject()
				.id();
		}
		catch (AuthenticationFailedException ex) {
			return null;
		}
	}

	private static String sha256(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
