package dev.gatehouse.auth.context;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link AuthSubject}: a stable, non-blank identifier and an optional display name.
 */
class AuthSubjectTests {

	@Test
	void keepsIdAndDisplayName() {
		AuthSubject subject = new AuthSubject("user-1", "Ada Lovelace");

		assertThat(subject.id()).isEqualTo("user-1");
		assertThat(subject.displayName()).isEqualTo("Ada Lovelace");
	}

	@Test
	void ofCreatesSubjectWithoutDisplayName() {
		AuthSubject subject = AuthSubject.of("user-1");

		assertThat(subject.id()).isEqualTo("user-1");
		assertThat(subject.displayName()).isNull();
		assertThat(subject).isEqualTo(new AuthSubject("user-1", null));
	}

	@Test
	void equalityCoversIdAndDisplayName() {
		assertThat(new AuthSubject("user-1", "Ada")).isEqualTo(new AuthSubject("user-1", "Ada"))
			.hasSameHashCodeAs(new AuthSubject("user-1", "Ada"))
			.isNotEqualTo(new AuthSubject("user-1", "Bob"))
			.isNotEqualTo(new AuthSubject("User-1", "Ada"));
	}

	@Test
	void rejectsNullIdWithClearMessage() {
		assertThatNullPointerException().isThrownBy(() -> new AuthSubject(null, "Ada"))
			.withMessage("subject id must not be null");
		assertThatNullPointerException().isThrownBy(() -> AuthSubject.of(null));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "\t", "\n  " })
	void rejectsBlankIdWithClearMessage(String id) {
		assertThatIllegalArgumentException().isThrownBy(() -> new AuthSubject(id, "Ada"))
			.withMessage("subject id must not be blank");
	}

}
