package dev.gatehouse.auth.web;

import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AuthErrorResponsesTests {

	private static final String CHALLENGE = "Bearer realm=\"gatehouse\"";

	@Test
	void mapsMissingCredentialToPlainChallenge() {
		AuthorizationDecision decision = AuthorizationDecision.challenge(AuthorizationReasonCode.MISSING_CREDENTIAL,
				"Authentication is required.");
		assertThat(AuthErrorResponses.status(decision)).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(AuthErrorResponses.wwwAuthenticate(decision)).isEqualTo(CHALLENGE);
		assertThat(AuthErrorResponses.wwwAuthenticate(AuthorizationDecision.MISSING_SNAPSHOT)).isEqualTo(CHALLENGE);
	}

	@Test
	void marksInvalidAndExpiredCredentialsAsInvalidToken() {
		for (AuthorizationReasonCode code : new AuthorizationReasonCode[] { AuthorizationReasonCode.INVALID_CREDENTIAL,
				AuthorizationReasonCode.EXPIRED_CREDENTIAL, AuthorizationReasonCode.SNAPSHOT_INVALID,
				AuthorizationReasonCode.SNAPSHOT_EXPIRED }) {
			AuthorizationDecision decision = AuthorizationDecision.challenge(code, "No.");
			assertThat(AuthErrorResponses.status(decision)).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(AuthErrorResponses.wwwAuthenticate(decision)).isEqualTo(CHALLENGE + ", error=\"invalid_token\"");
		}
	}

	@Test
	void mapsDenyTo403WithScopeChallengeOnlyForMissingScope() {
		AuthorizationDecision scope = AuthorizationDecision.deny(AuthorizationReasonCode.INSUFFICIENT_SCOPE, "No.");
		AuthorizationDecision role = AuthorizationDecision.deny(AuthorizationReasonCode.INSUFFICIENT_ROLE, "No.");
		assertThat(AuthErrorResponses.status(scope)).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(AuthErrorResponses.wwwAuthenticate(scope)).isEqualTo(CHALLENGE + ", error=\"insufficient_scope\"");
		assertThat(AuthErrorResponses.status(role)).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(AuthErrorResponses.wwwAuthenticate(role)).isNull();
	}

	@Test
	void mapsUnavailableProviderTo503AndOtherErrorsTo500() {
		assertThat(AuthErrorResponses.status(AuthorizationDecision.VERIFICATION_PROVIDER_UNAVAILABLE))
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		AuthorizationDecision internal = AuthorizationDecision.error(AuthorizationReasonCode.INTERNAL_ERROR, "Oops.");
		assertThat(AuthErrorResponses.status(internal)).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(AuthErrorResponses.wwwAuthenticate(internal)).isNull();
	}

	@Test
	void buildsProblemWithStateAndReasonCode() {
		ResponseEntity<ProblemDetail> response = AuthErrorResponses.toResponseEntity(
				AuthorizationDecision.deny(AuthorizationReasonCode.INSUFFICIENT_SCOPE, "A required scope is missing."));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).contains("insufficient_scope");
		ProblemDetail problem = response.getBody();
		assertThat(problem.getStatus()).isEqualTo(403);
		assertThat(problem.getTitle()).isEqualTo("Forbidden");
		assertThat(problem.getDetail()).isEqualTo("A required scope is missing.");
		assertThat(problem.getProperties()).containsEntry("state", "DENY")
			.containsEntry("reasonCode", "INSUFFICIENT_SCOPE");
	}

	@Test
	void omitsChallengeHeaderWhenThereIsNone() {
		ResponseEntity<ProblemDetail> response = AuthErrorResponses
			.toResponseEntity(AuthorizationDecision.VERIFICATION_PROVIDER_UNAVAILABLE);
		assertThat(response.getHeaders().containsHeader(HttpHeaders.WWW_AUTHENTICATE)).isFalse();
	}

	@Test
	void refusesAllowDecision() {
		assertThatIllegalArgumentException().isThrownBy(() -> AuthErrorResponses.status(AuthorizationDecision.allow()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AuthErrorResponses.toResponseEntity(AuthorizationDecision.allow()));
	}

}
