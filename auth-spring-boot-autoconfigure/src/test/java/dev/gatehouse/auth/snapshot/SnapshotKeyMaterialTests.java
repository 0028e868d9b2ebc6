package dev.gatehouse.auth.snapshot;

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import dev.gatehouse.auth.spi.SnapshotSignRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SnapshotKeyMaterialTests {

	@Test
	void readsPemKeysThatSignAndVerifyTogether() {
		PrivateKey privateKey = SnapshotKeyMaterial
			.parseEd25519PrivateKey(pem("PRIVATE KEY", SnapshotFixtures.ED25519.getPrivate().getEncoded()));
		PublicKey publicKey = SnapshotKeyMaterial
			.parseEd25519PublicKey(pem("PUBLIC KEY", SnapshotFixtures.ED25519.getPublic().getEncoded()));
		String envelope = new SnapshotEnvelopeSigner(SnapshotSigningKey.ed25519("ed", privateKey), "svc",
				Duration.ofMinutes(5), null, SnapshotFixtures.CLOCK)
			.sign(new SnapshotSignRequest(SnapshotFixtures.context("kim"), null))
			.envelope();
		assertThat(SnapshotFixtures.verifier(SnapshotFixtures.CLOCK, SnapshotVerificationKey.ed25519("ed", publicKey))
			.verify(envelope, SnapshotFixtures.INVOCATION)
			.subject()
			.id()).isEqualTo("kim");
	}

	@Test
	void rejectsMalformedPemWithoutEchoingIt() throws Exception {
		String garbage = "-----BEGIN PUBLIC KEY-----\nTk9UQUtFWQ==\n-----END PUBLIC KEY-----";
		assertThatIllegalArgumentException().isThrownBy(() -> SnapshotKeyMaterial.parseEd25519PublicKey(garbage))
			.withMessageNotContaining("Tk9UQUtFWQ");
		assertThatIllegalArgumentException().isThrownBy(() -> SnapshotKeyMaterial.parseEd25519PublicKey("no pem"))
			.withMessageContaining("BEGIN PUBLIC KEY");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SnapshotKeyMaterial
				.parseEd25519PrivateKey("-----BEGIN PRIVATE KEY-----\n!!!\n" + "-----END PRIVATE KEY-----"))
			.withMessageNotContaining("!!!");
		byte[] ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair().getPublic().getEncoded();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SnapshotKeyMaterial.parseEd25519PublicKey(pem("PUBLIC KEY", ed448)));
	}

	@Test
	void decodesSecretsInEitherBase64AlphabetWithOptionalPadding() {
		byte[] secret = new byte[32];
		for (int i = 0; i < 32; i++) {
			secret[i] = (byte) (250 - i * 3);
		}
		for (String text : List.of(Base64.getEncoder().encodeToString(secret),
				Base64.getUrlEncoder().encodeToString(secret),
				Base64.getUrlEncoder().withoutPadding().encodeToString(secret))) {
			assertThat(SnapshotKeyMaterial.decodeSecret(text)).isEqualTo(secret);
		}
	}

	@Test
	void rejectsShortOrMalformedSecretsWithoutEchoingThem() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SnapshotKeyMaterial.decodeSecret(Base64.getEncoder().encodeToString(new byte[31])))
			.withMessageContaining("31 bytes");
		assertThatIllegalArgumentException().isThrownBy(() -> SnapshotKeyMaterial.decodeSecret("sec+ret-mixed*"))
			.withMessageNotContaining("sec");
		assertThatIllegalArgumentException().isThrownBy(() -> SnapshotSigningKey.hs256("k", new byte[16]));
		assertThatIllegalArgumentException().isThrownBy(() -> SnapshotVerificationKey.hs256(" ", new byte[32]));
	}

	private static String pem(String label, byte[] der) {
		return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + label
				+ "-----\n";
	}

}
