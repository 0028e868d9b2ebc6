package dev.gatehouse.auth.snapshot;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link JsonObject}, the parser's ordered map: it must read like the
 * {@link LinkedHashMap} it replaces.
 */
class JsonObjectTests {

	@Test
	void readsLikeAnInsertionOrderedMapBeyondItsInitialCapacity() {
		JsonObject object = parse(
				"{\"k0\":0,\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8," + "\"k9\":null}");
		Map<String, Object> expected = new LinkedHashMap<>();
		for (int i = 0; i < 9; i++) {
			expected.put("k" + i, (long) i);
		}
		expected.put("k9", null);

		assertThat(object).isEqualTo(expected).hasSameHashCodeAs(expected);
		assertThat(object.keySet()).containsExactlyElementsOf(expected.keySet());
		assertThat(object.get(new String("k8".toCharArray()))).isEqualTo(8L);
		assertThat(object.containsKey("k9")).isTrue();
		assertThat(object.get("k9")).isNull();
		assertThat(object.containsKey("k10")).isFalse();
		assertThat(object.get("k10")).isNull();
	}

	@Test
	void removesAMemberAndKeepsTheOrderOfTheRest() {
		JsonObject object = parse("{\"a\":1,\"b\":2,\"c\":3}");

		assertThat(object.remove("b")).isEqualTo(2L);
		assertThat(object.remove("b")).isNull();
		assertThat(object.keySet()).containsExactly("a", "c");
		assertThat(object).hasSize(2).containsEntry("c", 3L);
	}

	@Test
	void cannotBeChangedExceptByRemoving() {
		JsonObject object = parse("{\"a\":1}");

		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> object.put("b", 2L));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> object.entrySet().iterator().next().setValue(2L));
		assertThatExceptionOfType(NoSuchElementException.class).isThrownBy(() -> {
			Iterator<Map.Entry<String, Object>> members = object.entrySet().iterator();
			members.next();
			members.next();
		});
	}

	private static JsonObject parse(String json) {
		byte[] bytes = json.getBytes(StandardCharsets.US_ASCII);
		return StrictJsonParser.parseObject(bytes, bytes.length);
	}

}
