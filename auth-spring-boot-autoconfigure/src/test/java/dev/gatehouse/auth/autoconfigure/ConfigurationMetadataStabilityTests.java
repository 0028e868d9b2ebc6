package dev.gatehouse.auth.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Splitting the configuration properties by feature (issue 19) changed only where each
 * property is declared: the configuration metadata the configuration processor generates
 * names exactly the properties, defaults and descriptions it named before, as recorded
 * from the metadata of the flat layout in {@code metadata/gatehouse-properties-*.tsv}.
 */
class ConfigurationMetadataStabilityTests {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final String EXPECTED = "metadata/gatehouse-properties-before-issue-19.tsv";

	@Test
	void propertiesDefaultsAndDescriptionsAreUnchanged() throws IOException {
		Map<String, Property> generated = generated();
		Map<String, Property> expected = expected();
		assertThat(generated.keySet()).as("property names").containsExactlyElementsOf(expected.keySet());
		expected.forEach((name, property) -> assertThat(generated.get(name)).as(name).isEqualTo(property));
	}

	@Test
	void everyPropertyHasADescription() throws IOException {
		generated().forEach((name, property) -> assertThat(property.description()).as(name).isNotBlank());
	}

	@Test
	void everyPropertyIsDeclaredOnce() throws IOException {
		List<String> names = new ArrayList<>();
		for (JsonNode property : metadata().path("properties")) {
			names.add(property.path("name").asText());
		}
		assertThat(names).as("properties declared by more than one class").doesNotHaveDuplicates();
	}

	private static Map<String, Property> generated() throws IOException {
		Map<String, Property> properties = new TreeMap<>();
		for (JsonNode property : metadata().path("properties")) {
			JsonNode defaultValue = property.get("defaultValue");
			properties.put(property.path("name").asText(), new Property(
					(defaultValue != null) ? defaultValue.toString() : "", property.path("description").asText("")));
		}
		return properties;
	}

	private static Map<String, Property> expected() throws IOException {
		Map<String, Property> properties = new TreeMap<>();
		try (InputStream in = Objects.requireNonNull(
				ConfigurationMetadataStabilityTests.class.getClassLoader().getResourceAsStream(EXPECTED), EXPECTED)) {
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] columns = line.split("\t", -1);
				assertThat(columns).as(line).hasSize(3);
				properties.put(columns[0], new Property(columns[1], columns[2]));
			}
		}
		assertThat(properties).as(EXPECTED).isNotEmpty();
		return properties;
	}

	/**
	 * The module's own generated metadata: other jars on the class path ship files of the
	 * same name.
	 */
	private static JsonNode metadata() throws IOException {
		List<JsonNode> candidates = new ArrayList<>();
		ObjectMapper mapper = new ObjectMapper();
		for (URL url : Collections
			.list(ConfigurationMetadataStabilityTests.class.getClassLoader().getResources(METADATA))) {
			try (InputStream in = url.openStream()) {
				JsonNode root = mapper.readTree(in);
				for (JsonNode group : root.path("groups")) {
					if (group.path("sourceType").asText().startsWith("dev.gatehouse.auth.autoconfigure.")) {
						candidates.add(root);
						break;
					}
				}
			}
		}
		assertThat(candidates).as("generated %s", METADATA).hasSize(1);
		return candidates.get(0);
	}

	private record Property(String defaultValue, String description) {

	}

}
