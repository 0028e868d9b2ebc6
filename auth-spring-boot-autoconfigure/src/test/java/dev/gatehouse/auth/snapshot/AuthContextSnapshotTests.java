package dev.gatehouse.auth.snapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.gatehouse.auth.context.AuthClaim;
import dev.gatehouse.auth.context.AuthSubject;
import dev.gatehouse.auth.spi.AuthContextSnapshot;
import dev.gatehouse.auth.spi.SnapshotSignature;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class AuthContextSnapshotTests {

	private static final String ENVELOPE = "eyJzZWNyZXQtZW52ZWxvcGUiOnRydWV9";

	@Test
	void toStringNeverShowsTheEnvelopeOrSignature() {
		AuthContextSnapshot snapshot = snapshot(new ArrayList<>(List.of("admin")));
		assertThat(snapshot.toString()).contains("user-1", "kid-1", "[REDACTED]")
			.doesNotContain(ENVELOPE)
			.doesNotContain("c2lnbmF0dXJl");
	}

	@Test
	void copiesListsDefensively() {
		List<String> roles = new ArrayList<>(List.of("admin"));
		AuthContextSnapshot snapshot = snapshot(roles);
		roles.add("root");
		assertThat(snapshot.roles()).containsExactly("admin");
		assertThat(snapshot.envelope()).isEqualTo(ENVELOPE);
		assertThat(snapshot.signingInput()).isEqualTo("{}");
	}

	@Test
	void rejectsMissingRequiredParts() {
		assertThatNullPointerException().isThrownBy(() -> new SnapshotSignature(null, "HS256", "x"))
			.withMessageContaining("keyId");
		assertThatNullPointerException().isThrownBy(() -> new SnapshotSignature("kid", null, "x"))
			.withMessageContaining("algorithm");
		assertThatNullPointerException().isThrownBy(() -> new SnapshotSignature("kid", "HS256", null))
			.withMessageContaining("signature");
		assertThatNullPointerException()
			.isThrownBy(() -> new AuthContextSnapshot(1, AuthSubject.of("u"), null, null, List.of(), List.of(),
					List.of(), Instant.EPOCH, Instant.EPOCH, null, List.of(), signature(), "{}", null))
			.withMessageContaining("envelope");
	}

	private static AuthContextSnapshot snapshot(List<String> roles) {
		return new AuthContextSnapshot(1, new AuthSubject("user-1", "User One"), "https://idp.example", "t1", roles,
				List.of("documents:read"), List.of(AuthClaim.of("email", "u@example.com")),
				Instant.parse("2026-05-15T01:02:03Z"), Instant.parse("2026-05-15T01:07:03Z"), "corr-1",
				List.of("svc-a"), signature(), "{}", ENVELOPE);
	}

	private static SnapshotSignature signature() {
		return new SnapshotSignature("kid-1", "HS256", "c2lnbmF0dXJl");
	}

}
