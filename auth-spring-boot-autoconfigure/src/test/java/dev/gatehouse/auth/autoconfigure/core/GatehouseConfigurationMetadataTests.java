package dev.gatehouse.auth.autoconfigure.core;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata that IDEs read is generated from {@link GatehouseProperties}
 * and documents every property with a description and its default.
 */
class GatehouseConfigurationMetadataTests {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	@Test
	void documentsEnabled() throws IOException {
		assertThat(property("gatehouse.enabled")).containsEntry("type", "java.lang.Boolean")
			.containsEntry("defaultValue", true)
			.hasEntrySatisfying("description",
					(description) -> assertThat((String) description).startsWith("Whether Gatehouse is enabled."));
	}

	@Test
	void documentsContextRoles() throws IOException {
		assertThat(property("gatehouse.checkers.context-roles")).containsEntry("type", "java.lang.Boolean")
			.containsEntry("defaultValue", true)
			.hasEntrySatisfying("description", (description) -> assertThat((String) description)
				.startsWith("Whether to register the default RoleChecker"));
	}

	@Test
	void documentsContextScopes() throws IOException {
		assertThat(property("gatehouse.checkers.context-scopes")).containsEntry("type", "java.lang.Boolean")
			.containsEntry("defaultValue", true)
			.hasEntrySatisfying("description", (description) -> assertThat((String) description)
				.startsWith("Whether to register the default ScopeChecker"));
	}

	private static Map<String, Object> property(String name) throws IOException {
		List<Map<String, Object>> matches = JsonPath.read(gatehouseMetadata(),
				"$.properties[?(@.name == '" + name + "')]");
		assertThat(matches).as("metadata for %s", name).hasSize(1);
		return matches.get(0);
	}

	/**
	 * Other jars on the classpath ship the same file name; pick the one generated for
	 * this module.
	 */
	private static String gatehouseMetadata() throws IOException {
		List<String> candidates = new ArrayList<>();
		for (URL url : Collections.list(GatehouseProperties.class.getClassLoader().getResources(METADATA))) {
			try (InputStream in = url.openStream()) {
				String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				if (json.contains(GatehouseProperties.class.getName())) {
					candidates.add(json);
				}
			}
		}
		assertThat(candidates).as("generated %s", METADATA).hasSize(1);
		return candidates.get(0);
	}

}
