package dev.gatehouse.auth.context;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link AuthClaim}: the value is a JSON scalar so that it survives a signed snapshot
 * unchanged; anything else is rejected at construction with a message that names the
 * claim.
 */
class AuthClaimTests {

	static Stream<Object> jsonScalars() {
		return Stream.of("ada@example.com", "", 42L, Long.MAX_VALUE, 7, Integer.MIN_VALUE, 1.5d, -0.0d,
				Double.MAX_VALUE, true, false);
	}

	static Stream<Arguments> nonScalars() {
		return Stream.of(Arguments.of(Map.of("a", 1), "Map"), Arguments.of(List.of("a"), "List"),
				Arguments.of(new BigDecimal("1.5"), "BigDecimal"), Arguments.of(BigInteger.ONE, "BigInteger"),
				Arguments.of(new Object(), "Object"), Arguments.of(1.5f, "Float"), Arguments.of((short) 1, "Short"),
				Arguments.of((byte) 1, "Byte"), Arguments.of('c', "Character"),
				Arguments.of(new String[] { "a" }, "String[]"), Arguments.of(Double.NaN, "NaN"),
				Arguments.of(Double.POSITIVE_INFINITY, "+Infinity"),
				Arguments.of(Double.NEGATIVE_INFINITY, "-Infinity"), Arguments.of(Float.NaN, "Float NaN"));
	}

	@ParameterizedTest
	@MethodSource("jsonScalars")
	void acceptsJsonScalar(Object value) {
		AuthClaim claim = new AuthClaim("attribute", value);

		assertThat(claim.name()).isEqualTo("attribute");
		assertThat(claim.value()).isEqualTo(value);
	}

	@Test
	void acceptsNullValue() {
		assertThat(AuthClaim.of("nickname", null).value()).isNull();
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("nonScalars")
	void rejectsNonScalarNamingTheClaim(Object value, String description) {
		assertThatIllegalArgumentException().isThrownBy(() -> new AuthClaim("department-x", value))
			.withMessageContaining("department-x")
			.withMessageContaining("JSON scalar");
	}

	@Test
	void ofIsTheConstructor() {
		assertThat(AuthClaim.of("age", 36)).isEqualTo(new AuthClaim("age", 36));
	}

	@Test
	void equalityCoversNameAndValue() {
		assertThat(AuthClaim.of("age", 36L)).isEqualTo(AuthClaim.of("age", 36L))
			.isNotEqualTo(AuthClaim.of("age", 37L))
			.isNotEqualTo(AuthClaim.of("Age", 36L))
			.isNotEqualTo(AuthClaim.of("age", 36));
	}

	@Test
	void rejectsNullName() {
		assertThatNullPointerException().isThrownBy(() -> new AuthClaim(null, "x")).withMessageContaining("name");
	}

	@Test
	void rejectsBlankName() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AuthClaim(" ", "x"))
			.withMessageContaining("name")
			.withMessageContaining("blank");
	}

}
