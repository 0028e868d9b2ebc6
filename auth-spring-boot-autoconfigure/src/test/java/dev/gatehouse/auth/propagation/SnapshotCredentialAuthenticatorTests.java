package dev.gatehouse.auth.propagation;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.context.CredentialCarrierLocation;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.snapshot.InvalidAuthContextSnapshotException;
import dev.gatehouse.auth.snapshot.SnapshotVerifierUnavailableException;
import dev.gatehouse.auth.spi.AuthInvocation;
import dev.gatehouse.auth.spi.SnapshotVerifier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class SnapshotCredentialAuthenticatorTests {

	private static final AuthInvocation INVOCATION = AuthInvocation.of("HTTP", "GET /orders");

	@Test
	void returnsTheContextTheVerifierFindsInTheEnvelope() {
		AtomicReference<String> verified = new AtomicReference<>();
		AuthContext context = AuthContext.builder("ada").build();
		SnapshotCredentialAuthenticator authenticator = new SnapshotCredentialAuthenticator(() -> (envelope, call) -> {
			verified.set(envelope);
			return context;
		}, false);
		CredentialCarrier credential = snapshot("envelope");
		AuthContext authenticated = authenticator.authenticate(credential, INVOCATION);
		assertThat(authenticated.subject()).isEqualTo(context.subject());
		assertThat(authenticated.credentialCarrier()).isSameAs(credential);
		assertThat(verified.get()).isEqualTo("envelope");
		assertThat(authenticator.kind()).isEqualTo(CredentialCarrierKind.AUTH_CONTEXT_SNAPSHOT);
		assertThat(authenticator.readsInvocation()).isFalse();
	}

	@Test
	void looksTheVerifierUpOnceNotPerRequest() {
		AtomicInteger lookups = new AtomicInteger();
		SnapshotVerifier verifier = (envelope, call) -> AuthContext.builder("ada").build();
		SnapshotCredentialAuthenticator authenticator = new SnapshotCredentialAuthenticator(() -> {
			lookups.incrementAndGet();
			return verifier;
		}, false);
		for (int i = 0; i < 5; i++) {
			authenticator.authenticate(snapshot("envelope"), INVOCATION);
		}
		assertThat(lookups).hasValue(1);
	}

	@Test
	void keepsTheVerifiersRefusal() {
		SnapshotVerifier refusing = (envelope, call) -> {
			throw new InvalidAuthContextSnapshotException("The snapshot signature does not match.");
		};
		SnapshotCredentialAuthenticator authenticator = new SnapshotCredentialAuthenticator(() -> refusing, true);
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> authenticator.authenticate(snapshot("tampered"), INVOCATION))
			.satisfies(
					(ex) -> assertThat(ex.decision().reasonCode()).isEqualTo(AuthorizationReasonCode.SNAPSHOT_INVALID));
		assertThat(authenticator.readsInvocation()).isTrue();
	}

	@Test
	void failsClosedWithoutAVerifier() {
		SnapshotCredentialAuthenticator authenticator = new SnapshotCredentialAuthenticator(() -> null, false);
		assertThatExceptionOfType(SnapshotVerifierUnavailableException.class)
			.isThrownBy(() -> authenticator.authenticate(snapshot("envelope"), INVOCATION))
			.satisfies((ex) -> assertThat(ex.decision().reasonCode())
				.isEqualTo(AuthorizationReasonCode.VERIFICATION_PROVIDER_UNAVAILABLE));
	}

	@Test
	void failsClosedWhenTheVerifierReturnsNull() {
		SnapshotCredentialAuthenticator authenticator = new SnapshotCredentialAuthenticator(
				() -> (envelope, call) -> null, false);
		assertThatExceptionOfType(SnapshotVerifierUnavailableException.class)
			.isThrownBy(() -> authenticator.authenticate(snapshot("envelope"), INVOCATION))
			.withMessageNotContaining("envelope");
	}

	@Test
	void refusesOtherCredentialKinds() {
		SnapshotCredentialAuthenticator authenticator = new SnapshotCredentialAuthenticator(
				() -> (envelope, call) -> AuthContext.builder("ada").build(), false);
		CredentialCarrier apiKey = new CredentialCarrier(CredentialCarrierKind.API_KEY,
				CredentialCarrierLocation.HEADER, "secret-key", "X-API-Key", null);
		assertThatIllegalArgumentException().isThrownBy(() -> authenticator.authenticate(apiKey, INVOCATION))
			.withMessageNotContaining("secret-key");
		assertThatNullPointerException().isThrownBy(() -> new SnapshotCredentialAuthenticator(null, false));
	}

	private static CredentialCarrier snapshot(String envelope) {
		return new CredentialCarrier(CredentialCarrierKind.AUTH_CONTEXT_SNAPSHOT, CredentialCarrierLocation.HEADER,
				envelope, "X-Auth-Context-Snapshot", null);
	}

}
