package dev.gatehouse.auth.password;

import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.security.crypto.scrypt.SCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class DelegatingPasswordVerifierTests {

	private static final String BCRYPT_HASH = "{bcrypt}" + new BCryptPasswordEncoder().encode("s3cret");

	private final DelegatingPasswordVerifier verifier = new DelegatingPasswordVerifier();

	@Test
	void allowsMatchingPassword() {
		assertThat(this.verifier.verify("s3cret", BCRYPT_HASH)).isEqualTo(AuthorizationDecision.allow());
	}

	@Test
	void challengesMismatch() {
		assertInvalid(this.verifier.verify("wrong", BCRYPT_HASH));
		assertInvalid(this.verifier.verify("", BCRYPT_HASH));
		assertInvalid(this.verifier.verify("x".repeat(100), BCRYPT_HASH));
	}

	@Test
	void verifiesPbkdf2Hashes() {
		String hash = "{pbkdf2@SpringSecurity_v5_8}"
				+ Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode("s3cret");
		assertThat(this.verifier.verify("s3cret", hash)).isEqualTo(AuthorizationDecision.allow());
		assertInvalid(this.verifier.verify("wrong", hash));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{unknown}x", "$2a$10$noPrefixAtAll", "garbage", "", "{", "{}", "{bcrypt}garbage",
			"{pbkdf2}zz", "{noop}s3cret", "{MD5}s3cret", "{SHA-256}s3cret" })
	void challengesUnknownOrMalformedFormatsWithoutThrowing(String hash) {
		assertInvalid(this.verifier.verify("s3cret", hash));
	}

	@Test
	void explainsArgon2HashThatCannotBeVerifiedWithoutBouncyCastle(CapturedOutput output) {
		String hash = new DelegatingPasswordHasher().hash("s3cret");
		assertThat(hash).startsWith("{argon2}");
		DelegatingPasswordVerifier withoutBouncyCastle = new DelegatingPasswordVerifier(
				new FilteredClassLoader("org.bouncycastle"));

		assertInvalid(withoutBouncyCastle.verify("s3cret", hash));
		assertThat(output).contains("Bouncy Castle (org.bouncycastle:bcprov-jdk18on) is not on the classpath")
			.doesNotContain(hash.substring(hash.lastIndexOf('$') + 1))
			.doesNotContain("s3cret");
	}

	@Test
	void verifiesArgon2AndScryptHashesWithBouncyCastle(CapturedOutput output) {
		String argon2 = new DelegatingPasswordHasher().hash("s3cret");
		String scrypt = "{scrypt@SpringSecurity_v5_8}"
				+ SCryptPasswordEncoder.defaultsForSpringSecurity_v5_8().encode("s3cret");

		assertThat(this.verifier.verify("s3cret", argon2)).isEqualTo(AuthorizationDecision.allow());
		assertThat(this.verifier.verify("s3cret", scrypt)).isEqualTo(AuthorizationDecision.allow());
		assertInvalid(this.verifier.verify("wrong", argon2));
		assertInvalid(this.verifier.verify("wrong", scrypt));
		assertThat(output).doesNotContain("Bouncy Castle");
	}

	private static void assertInvalid(AuthorizationDecision decision) {
		assertThat(decision.state()).isEqualTo(AuthorizationDecisionState.CHALLENGE);
		assertThat(decision.reasonCode()).isEqualTo(AuthorizationReasonCode.INVALID_CREDENTIAL);
	}

}
