package dev.gatehouse.auth.decision;

import java.lang.reflect.Modifier;
import java.util.List;
import java.util.stream.Stream;

import dev.gatehouse.auth.context.AuthContextNotFoundException;
import dev.gatehouse.auth.metadata.ConflictingAuthMetadataException;
import dev.gatehouse.auth.metadata.InvalidAuthMetadataException;
import dev.gatehouse.auth.snapshot.AuthContextSnapshotException;
import dev.gatehouse.auth.snapshot.ExpiredAuthContextSnapshotException;
import dev.gatehouse.auth.snapshot.InvalidAuthContextSnapshotException;
import dev.gatehouse.auth.snapshot.MissingAuthContextSnapshotException;
import dev.gatehouse.auth.snapshot.SnapshotVerifierUnavailableException;
import dev.gatehouse.auth.spi.AuthCapability;
import dev.gatehouse.auth.spi.AuthenticationFailedException;
import dev.gatehouse.auth.spi.CredentialCarrierException;
import dev.gatehouse.auth.startup.AuthStartupCapabilityDiagnostic;
import dev.gatehouse.auth.startup.AuthStartupCapabilityValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exception hierarchy of SPEC §11: every exception is unchecked, an
 * {@link AuthException}, has a non-empty message and carries the refusing decision
 * adapters map to a response.
 */
class AuthExceptionHierarchyTests {

	private static final AuthorizationDecision DENIED = AuthorizationDecision
		.deny(AuthorizationReasonCode.INSUFFICIENT_ROLE, "Role admin is required.");

	private static final AuthorizationDecision CHALLENGED = AuthorizationDecision
		.challenge(AuthorizationReasonCode.INVALID_CREDENTIAL, "The token is invalid.");

	static Stream<Arguments> exceptions() {
		return Stream.of(
				Arguments.of(new AuthContextNotFoundException(), AuthorizationDecisionState.CHALLENGE,
						AuthorizationReasonCode.MISSING_CREDENTIAL),
				Arguments.of(new CredentialCarrierException("Malformed Authorization header."),
						AuthorizationDecisionState.CHALLENGE, AuthorizationReasonCode.INVALID_CREDENTIAL),
				Arguments.of(new AuthenticationFailedException(CHALLENGED), AuthorizationDecisionState.CHALLENGE,
						AuthorizationReasonCode.INVALID_CREDENTIAL),
				Arguments.of(new ConflictingAuthMetadataException("A#b is declared both public and protected."),
						AuthorizationDecisionState.ERROR, AuthorizationReasonCode.INTERNAL_ERROR),
				Arguments.of(new InvalidAuthMetadataException("@RequireRole(value) on A#b must not be blank."),
						AuthorizationDecisionState.ERROR, AuthorizationReasonCode.INTERNAL_ERROR),
				Arguments.of(new AuthRequirementDeniedException(DENIED), AuthorizationDecisionState.DENY,
						AuthorizationReasonCode.INSUFFICIENT_ROLE),
				Arguments.of(new AuthRequirementProviderUnavailableException("No single RoleChecker bean."),
						AuthorizationDecisionState.ERROR, AuthorizationReasonCode.VERIFICATION_PROVIDER_UNAVAILABLE),
				Arguments.of(new MissingAuthContextSnapshotException(), AuthorizationDecisionState.CHALLENGE,
						AuthorizationReasonCode.SNAPSHOT_MISSING),
				Arguments.of(new InvalidAuthContextSnapshotException("Signature mismatch."),
						AuthorizationDecisionState.CHALLENGE, AuthorizationReasonCode.SNAPSHOT_INVALID),
				Arguments.of(new ExpiredAuthContextSnapshotException("Snapshot expired."),
						AuthorizationDecisionState.CHALLENGE, AuthorizationReasonCode.SNAPSHOT_EXPIRED),
				Arguments.of(new SnapshotVerifierUnavailableException("Key store unreachable.", null),
						AuthorizationDecisionState.ERROR, AuthorizationReasonCode.VERIFICATION_PROVIDER_UNAVAILABLE),
				Arguments.of(
						new AuthStartupCapabilityValidationException(List.of(new AuthStartupCapabilityDiagnostic(
								AuthCapability.ROLE_CHECK, 0, List.of(), List.of("A#b")))),
						AuthorizationDecisionState.ERROR, AuthorizationReasonCode.INTERNAL_ERROR));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("exceptions")
	void carriesNonEmptyMessageAndExpectedDecision(AuthException exception, AuthorizationDecisionState state,
			AuthorizationReasonCode code) {
		assertThat(exception).isInstanceOf(RuntimeException.class);
		assertThat(exception.getMessage()).isNotBlank();
		assertThat(exception.decision()).isNotNull();
		assertThat(exception.decision().state()).isEqualTo(state);
		assertThat(exception.decision().reasonCode()).isEqualTo(code);
		assertThat(exception.decision().isAllowed()).isFalse();
	}

	@Test
	void authExceptionIsAnAbstractRuntimeException() {
		assertThat(AuthException.class.getSuperclass()).isEqualTo(RuntimeException.class);
		assertThat(Modifier.isAbstract(AuthException.class.getModifiers())).isTrue();
	}

	@Test
	void directSubclassesOfAuthException() {
		assertThat(AuthContextNotFoundException.class.getSuperclass()).isEqualTo(AuthException.class);
		assertThat(CredentialCarrierException.class.getSuperclass()).isEqualTo(AuthException.class);
		assertThat(AuthenticationFailedException.class.getSuperclass()).isEqualTo(AuthException.class);
		assertThat(AuthorizationException.class.getSuperclass()).isEqualTo(AuthException.class);
		assertThat(AuthContextSnapshotException.class.getSuperclass()).isEqualTo(AuthException.class);
		assertThat(AuthStartupCapabilityValidationException.class.getSuperclass()).isEqualTo(AuthException.class);
	}

	@Test
	void authorizationFailuresExtendAuthorizationException() {
		assertThat(Modifier.isAbstract(AuthorizationException.class.getModifiers())).isTrue();
		assertThat(ConflictingAuthMetadataException.class.getSuperclass()).isEqualTo(AuthorizationException.class);
		assertThat(AuthRequirementDeniedException.class.getSuperclass()).isEqualTo(AuthorizationException.class);
		assertThat(AuthRequirementProviderUnavailableException.class.getSuperclass())
			.isEqualTo(AuthorizationException.class);
		assertThat(InvalidAuthMetadataException.class.getSuperclass()).isEqualTo(AuthorizationException.class);
	}

	@Test
	void snapshotFailuresExtendAuthContextSnapshotException() {
		assertThat(Modifier.isAbstract(AuthContextSnapshotException.class.getModifiers())).isTrue();
		assertThat(MissingAuthContextSnapshotException.class.getSuperclass())
			.isEqualTo(AuthContextSnapshotException.class);
		assertThat(InvalidAuthContextSnapshotException.class.getSuperclass())
			.isEqualTo(AuthContextSnapshotException.class);
		assertThat(ExpiredAuthContextSnapshotException.class.getSuperclass())
			.isEqualTo(AuthContextSnapshotException.class);
		assertThat(SnapshotVerifierUnavailableException.class.getSuperclass())
			.isEqualTo(AuthContextSnapshotException.class);
	}

}
