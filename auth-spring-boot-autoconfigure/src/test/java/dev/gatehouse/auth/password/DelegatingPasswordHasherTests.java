package dev.gatehouse.auth.password;

import dev.gatehouse.auth.decision.AuthorizationDecision;
import org.junit.jupiter.api.Test;

import org.springframework.asm.ClassWriter;
import org.springframework.asm.Opcodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class DelegatingPasswordHasherTests {

	private final DelegatingPasswordHasher hasher = new DelegatingPasswordHasher();

	private final DelegatingPasswordVerifier verifier = new DelegatingPasswordVerifier();

	@Test
	void hashesWithBcryptWithoutBouncyCastle() {
		String hash = this.hasher.hash("correct horse battery staple");
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
		assertThatIllegalArgumentException().isThrownBy(() -> this.hasher.hash("x".repeat(73)));
	}

	@Test
	void refusesNullPassword() {
		assertThatNullPointerException().isThrownBy(() -> this.hasher.hash(null));
	}

	@Test
	void choosesArgon2WhenBouncyCastleIsPresent() {
		assertThat(GatehousePasswordEncoders.encodingId(getClass().getClassLoader())).isEqualTo("bcrypt");
		assertThat(GatehousePasswordEncoders.encodingId(classLoaderWithArgon2())).isEqualTo("argon2");
	}

	/** A class loader that sees a stand-in for Bouncy Castle's Argon2 generator, which is not on the test path. */
	private ClassLoader classLoaderWithArgon2() {
		ClassWriter writer = new ClassWriter(0);
		writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, GatehousePasswordEncoders.ARGON2_CLASS.replace('.', '/'), null,
				"java/lang/Object", null);
		writer.visitEnd();
		byte[] bytes = writer.toByteArray();
		return new ClassLoader(getClass().getClassLoader()) {

			@Override
			protected Class<?> findClass(String name) throws ClassNotFoundException {
				if (name.equals(GatehousePasswordEncoders.ARGON2_CLASS)) {
					return defineClass(name, bytes, 0, bytes.length);
				}
				throw new ClassNotFoundException(name);
			}

		};
	}

}
