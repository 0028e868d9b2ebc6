package dev.gatehouse.auth.startup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nearest valid name for an unknown one, read from the properties classes' structure.
 */
class KnownPropertiesTests {

	private final KnownProperties known = KnownProperties.of("gatehouse",
			Map.of(ConfigurationPropertyName.of("gatehouse"), Root.class,
					ConfigurationPropertyName.of("gatehouse.remote"), Remote.class));

	@Test
	void countsATranspositionOfNeighboursAsOneEdit() {
		assertThat(KnownProperties.distance("sercet", "secret")).isEqualTo(1);
		assertThat(KnownProperties.distance("secrett", "secret")).isEqualTo(1);
		assertThat(KnownProperties.distance("", "abc")).isEqualTo(3);
		assertThat(KnownProperties.distance("kitten", "sitting")).isEqualTo(3);
	}

	@Test
	void replacesTheFirstUnknownElementByItsClosestSiblingAndKeepsTheRest() {
		assertThat(suggest("gatehouse.nestd.timeout")).isEqualTo("gatehouse.nested.timeout");
		assertThat(suggest("gatehouse.nested.timout")).isEqualTo("gatehouse.nested.timeout");
		assertThat(suggest("gatehouse.items[3].nmae")).isEqualTo("gatehouse.items[3].name");
		assertThat(suggest("gatehouse.groups.admins.nmae")).isEqualTo("gatehouse.groups.admins.name");
		assertThat(suggest("gatehouse.remote.urll")).isEqualTo("gatehouse.remote.url");
		assertThat(suggest("gatehouse.remote.record-field.vlaue")).isEqualTo("gatehouse.remote.record-field.value");
	}

	@Test
	void findsAKeySetAtTheWrongLevel() {
		assertThat(suggest("gatehouse.timeout")).isEqualTo("gatehouse.nested.timeout");
		assertThat(suggest("gatehouse.value")).isEqualTo("gatehouse.remote.record-field.value");
		assertThat(suggest("gatehouse.name")).isEqualTo("gatehouse.items[0].name");
		assertThat(suggest("gatehouse.groups.admins.labels")).isEqualTo("gatehouse.labels");
	}

	@Test
	void pointsAtAPlainValueThatHasSomethingBelowIt() {
		assertThat(suggest("gatehouse.nested.timeout.seconds")).isEqualTo("gatehouse.nested.timeout");
	}

	@Test
	void suggestsNothingBelowUserDataOrForAKnownName() {
		assertThat(this.known.suggest(ConfigurationPropertyName.of("gatehouse.labels.any.thing"))).isNull();
		assertThat(this.known.suggest(ConfigurationPropertyName.of("gatehouse.nested.timeout"))).isNull();
	}

	@Test
	void listsTheValidSiblingsWhenNothingIsClose() {
		KnownProperties.Suggestion suggestion = this.known
			.suggest(ConfigurationPropertyName.of("gatehouse.nested.qqqqqqqqqqqq"));
		assertThat(suggestion).isNotNull();
		assertThat(suggestion.name()).isNull();
		assertThat(suggestion.validSiblings()).containsExactly("enabled", "timeout");
	}

	private String suggest(String name) {
		KnownProperties.Suggestion suggestion = this.known.suggest(ConfigurationPropertyName.of(name));
		assertThat(suggestion).isNotNull();
		return suggestion.name();
	}

	public static class Root {

		private final Nested nested = new Nested();

		private List<Item> items = new ArrayList<>();

		private Map<String, Item> groups = new LinkedHashMap<>();

		private Map<String, String> labels = new LinkedHashMap<>();

		public Nested getNested() {
			return this.nested;
		}

		public List<Item> getItems() {
			return this.items;
		}

		public void setItems(List<Item> items) {
			this.items = items;
		}

		public Map<String, Item> getGroups() {
			return this.groups;
		}

		public void setGroups(Map<String, Item> groups) {
			this.groups = groups;
		}

		public Map<String, String> getLabels() {
			return this.labels;
		}

		public void setLabels(Map<String, String> labels) {
			this.labels = labels;
		}

	}

	public static class Nested {

		private boolean enabled;

		private Duration timeout = Duration.ofSeconds(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	public static class Item {

		private String name = "";

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

	}

	public record Remote(String url, RecordField recordField) {

	}

	public record RecordField(String value) {

	}

}
