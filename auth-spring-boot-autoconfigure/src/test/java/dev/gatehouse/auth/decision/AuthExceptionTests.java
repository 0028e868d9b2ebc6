package dev.gatehouse.auth.decision;

import dev.gatehouse.auth.context.AuthContextNotFoundException;
import dev.gatehouse.auth.metadata.ConflictingAuthMetadataException;
import dev.gatehouse.auth.snapshot.ExpiredAuthContextSnapshotException;
import dev.gatehouse.auth.snapshot.InvalidAuthContextSnapshotException;
import dev.gatehouse.auth.snapshot.MissingAuthContextSnapshotException;
import dev.gatehouse.auth.snapshot.SnapshotVerifierUnavailableException;
import dev.gatehouse.auth.spi.AuthenticationFailedException;
import dev.gatehouse.auth.spi.CredentialCarrierException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * What each exception guarantees beyond the hierarchy: an exception never carries ALLOW,
 * authentication failures carry a CHALLENGE, causes are kept and messages are never
 * blank.
 */
class AuthExceptionTests {

	private static final AuthorizationDecision CHALLENGED = AuthorizationDecision
		.challenge(AuthorizationReasonCode.EXPIRED_CREDENTIAL, "The token has expired.");

	@Test
	void authExceptionRejectsAllowDecision() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AuthRequirementDeniedException(AuthorizationDecision.allow()))
			.withMessageContaining("ALLOW");
		assertThatIllegalArgumentException().isThrownBy(
				() -> new AuthRequirementDeniedException(AuthorizationDecision.allow(), new RuntimeException()));
	}

	@Test
	void authExceptionRejectsNullDecision() {
		assertThatNullPointerException().isThrownBy(() -> new TestAuthException("Something failed.", null))
			.withMessageContaining("decision");
	}

	@Test
	void authExceptionRejectsNullOrBlankMessage() {
		assertThatNullPointerException().isThrownBy(() -> new CredentialCarrierException(null))
			.withMessageContaining("message");
		assertThatIllegalArgumentException().isThrownBy(() -> new CredentialCarrierException("  "))
			.withMessageContaining("message");
		assertThatIllegalArgumentException().isThrownBy(() -> new AuthContextNotFoundException(""));
	}

	@Test
	void authenticationFailedKeepsChallengeDecisionAndNamesItsReason() {
		AuthenticationFailedException ex = new AuthenticationFailedException(CHALLENGED);

		assertThat(ex.decision()).isSameAs(CHALLENGED);
		assertThat(ex.getMessage()).contains("The token has expired.");
		assertThat(ex.getCause()).isNull();
	}

	@Test
	void authenticationFailedKeepsCause() {
		IllegalStateException cause = new IllegalStateException("jwks");

		assertThat(new AuthenticationFailedException(CHALLENGED, cause).getCause()).isSameAs(cause);
	}

	@Test
	void authenticationFailedRejectsNonChallengeDecision() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AuthenticationFailedException(
					AuthorizationDecision.deny(AuthorizationReasonCode.INSUFFICIENT_ROLE, "No.")))
			.withMessageContaining("CHALLENGE");
		assertThatIllegalArgumentException().isThrownBy(() -> new AuthenticationFailedException(
				AuthorizationDecision.error(AuthorizationReasonCode.INTERNAL_ERROR, "Broken.")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AuthenticationFailedException(AuthorizationDecision.allow()));
		assertThatIllegalArgumentException().isThrownBy(() -> new AuthenticationFailedException(null));
	}

	@Test
	void credentialCarrierExceptionCarriesAMoreSpecificChallenge() {
		AuthorizationDecision twoCredentials = AuthorizationDecision
			.challenge(AuthorizationReasonCode.INVALID_CREDENTIAL, "More than one credential was sent.");
		assertThat(new CredentialCarrierException("Two headers.", twoCredentials, null).decision())
			.isSameAs(twoCredentials);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CredentialCarrierException("Broken.",
					AuthorizationDecision.error(AuthorizationReasonCode.INTERNAL_ERROR, "Broken."), null))
			.withMessageContaining("CHALLENGE");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CredentialCarrierException("Broken.", (AuthorizationDecision) null, null));
	}

	@Test
	void contextNotFoundCarriesTheRejectionOfTheCredential() {
		AuthenticationFailedException rejection = new AuthenticationFailedException(CHALLENGED);
		AuthContextNotFoundException ex = new AuthContextNotFoundException(rejection);
		assertThat(ex.decision()).isSameAs(CHALLENGED);
		assertThat(ex.getCause()).isSameAs(rejection);
		assertThat(ex.getMessage()).contains("EXPIRED_CREDENTIAL").doesNotContain("The token has expired.");
	}

	@Test
	void requirementDeniedKeepsDecisionAndCauseAndDescribesTheDecision() {
		AuthorizationDecision denied = AuthorizationDecision.deny(AuthorizationReasonCode.INSUFFICIENT_SCOPE,
				"Scope documents:write is required.");
		RuntimeException cause = new RuntimeException("checker failed");

		AuthRequirementDeniedException ex = new AuthRequirementDeniedException(denied, cause);

		assertThat(ex.decision()).isSameAs(denied);
		assertThat(ex.getCause()).isSameAs(cause);
		assertThat(ex.getMessage()).contains("DENY")
			.contains("INSUFFICIENT_SCOPE")
			.contains("Scope documents:write is required.");
		assertThat(new AuthRequirementDeniedException(denied).getCause()).isNull();
	}

	@Test
	void requirementDeniedAcceptsChallengeAndErrorDecisions() {
		AuthorizationDecision error = AuthorizationDecision.error(AuthorizationReasonCode.INTERNAL_ERROR,
				"The check failed.");

		assertThat(new AuthRequirementDeniedException(error).decision()).isSameAs(error);
		assertThat(new AuthRequirementDeniedException(CHALLENGED).decision()).isSameAs(CHALLENGED);
	}

	@Test
	void causesAreKeptWhereTheyCanBeGiven() {
		RuntimeException cause = new RuntimeException("root");

		assertThat(new CredentialCarrierException("Malformed header.", cause).getCause()).isSameAs(cause);
		assertThat(new InvalidAuthContextSnapshotException("Bad signature.", cause).getCause()).isSameAs(cause);
		assertThat(new SnapshotVerifierUnavailableException("Verifier failed.", cause).getCause()).isSameAs(cause);
	}

	@Test
	void givenMessagesAreKept() {
		assertThat(new AuthContextNotFoundException("No context on worker thread.").getMessage())
			.isEqualTo("No context on worker thread.");
		assertThat(
				new AuthRequirementProviderUnavailableException("No single RoleChecker bean is available").getMessage())
			.isEqualTo("No single RoleChecker bean is available");
		assertThat(new ConflictingAuthMetadataException("com.example.Docs#delete conflicts.").getMessage())
			.isEqualTo("com.example.Docs#delete conflicts.");
	}

	@Test
	void providerUnavailableUsesSharedDecision() {
		assertThat(new AuthRequirementProviderUnavailableException("No RoleChecker.").decision())
			.isSameAs(AuthorizationDecision.VERIFICATION_PROVIDER_UNAVAILABLE);
		assertThat(new SnapshotVerifierUnavailableException("Verifier failed.", null).decision())
			.isSameAs(AuthorizationDecision.VERIFICATION_PROVIDER_UNAVAILABLE);
	}

	@Test
	void snapshotExceptionsUseSharedDecisions() {
		assertThat(new MissingAuthContextSnapshotException().decision())
			.isSameAs(AuthorizationDecision.MISSING_SNAPSHOT);
		assertThat(new InvalidAuthContextSnapshotException("Bad.").decision())
			.isSameAs(AuthorizationDecision.INVALID_SNAPSHOT);
		assertThat(new ExpiredAuthContextSnapshotException("Old.").decision())
			.isSameAs(AuthorizationDecision.EXPIRED_SNAPSHOT);
	}

	/**
	 * A minimal subclass, to reach the base constructor with arguments no public subclass
	 * passes.
	 */
	static final class TestAuthException extends AuthException {

		TestAuthException(String message, AuthorizationDecision decision) {
			super(message, decision, null);
		}

	}

}
