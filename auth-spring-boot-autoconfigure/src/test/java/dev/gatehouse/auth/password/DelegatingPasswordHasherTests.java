package dev.gatehouse.auth.password;

import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Hashing with the real Bouncy Castle on the test classpath ({@code argon2}), and without
 * it (a class loader that hides it) falling back to {@code bcrypt}.
 */
class DelegatingPasswordHasherTests {

	private final DelegatingPasswordHasher hasher = new DelegatingPasswordHasher();

	private final DelegatingPasswordHasher bcryptHasher = new DelegatingPasswordHasher(withoutBouncyCastle());

	private final DelegatingPasswordVerifier verifier = new DelegatingPasswordVerifier();

	@Test
	void hashesWithBcryptWithoutBouncyCastle() {
		String hash = this.bcryptHasher.hash("correct horse battery staple");
		assertThat(hash).startsWith("{bcrypt}$2").doesNotContain("correct horse");
	}

	@Test
	void saltsEveryHash() {
		assertThat(this.hasher.hash("same password")).isNotEqualTo(this.hasher.hash("same password"));
	}

	@Test
	void producesHashesTheVerifierAccepts() {
		String hash = this.hasher.hash("s3cret");
		assertThat(this.verifier.verify("s3cret", hash)).isEqualTo(AuthorizationDecision.allow());
	}

	@Test
	void refusesPasswordBcryptCannotHash() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.bcryptHasher.hash("x".repeat(73)));
	}

	@Test
	void refusesNullPassword() {
		assertThatNullPointerException().isThrownBy(() -> this.hasher.hash(null));
	}

	@Test
	void hashesWithArgon2idWhenBouncyCastleIsPresent() {
		String hash = this.hasher.hash("correct horse battery staple");

		assertThat(hash).startsWith("{argon2}$argon2id$v=19$").doesNotContain("correct horse");
		assertThat(this.verifier.verify("correct horse battery staple", hash)).isEqualTo(AuthorizationDecision.allow());
		assertThat(this.verifier.verify("correct horse battery stapler", hash).state())
			.isEqualTo(AuthorizationDecisionState.CHALLENGE);
	}

	@Test
	void verifiesArgon2HashesMadeBySpringSecurity() {
		String hash = "{argon2@SpringSecurity_v5_8}"
				+ Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode("s3cret");

		assertThat(this.verifier.verify("s3cret", hash)).isEqualTo(AuthorizationDecision.allow());
		assertThat(this.verifier.verify("s3creT", hash).reasonCode())
			.isEqualTo(AuthorizationReasonCode.INVALID_CREDENTIAL);
	}

	@Test
	void keepsVerifyingBcryptHashesAfterArgon2BecameTheDefault() {
		String bcrypt = new DelegatingPasswordHasher(withoutBouncyCastle()).hash("s3cret");

		assertThat(bcrypt).startsWith("{bcrypt}");
		assertThat(this.verifier.verify("s3cret", bcrypt)).isEqualTo(AuthorizationDecision.allow());
	}

	@Test
	void choosesEncodingFromWhatTheClassLoaderSees() {
		assertThat(GatehousePasswordEncoders.encodingId(getClass().getClassLoader())).isEqualTo("argon2");
		assertThat(GatehousePasswordEncoders.encodingId(withoutBouncyCastle())).isEqualTo("bcrypt");
	}

	static ClassLoader withoutBouncyCastle() {
		return new FilteredClassLoader("org.bouncycastle");
	}

}
