package dev.gatehouse.auth.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The properties reference ({@code docs/reference/properties.md}) and the configuration
 * metadata the configuration processor generates name the same {@code gatehouse.*}
 * properties, so the reference cannot drift from the code.
 */
class PropertiesReferenceTests {

	private static final Path METADATA = Path.of("target", "classes", "META-INF", "spring-configuration-metadata.json");

	private static final Pattern CODE = Pattern.compile("`([^`]+)`");

	@Test
	void referenceAndMetadataNameTheSameProperties() throws IOException {
		Set<String> metadata = metadataNames();
		Set<String> documented = documentedNames(
				RepositoryDocs.read(RepositoryDocs.root().resolve("docs/reference/properties.md")));
		assertThat(metadata).as("metadata properties").isNotEmpty();
		assertThat(difference(metadata, documented)).as("properties missing from docs/reference/properties.md")
			.isEmpty();
		assertThat(difference(documented, metadata))
			.as("properties in docs/reference/properties.md that the metadata does not know")
			.isEmpty();
	}

	@Test
	void rowsAreReadWithTheirGroupingConventions() {
		String table = """
				| property | default | meaning |
				|---|---|---|
				| `gatehouse.jwt.issuer-uri` / `jwk-set-uri` / `secret` | — | source |
				| `gatehouse.outbound.registrations.<name>.type` | — | type |
				| `gatehouse.api-keys[*]` | — | keys, `sha256` |
				| `management.endpoint.gatehouse.access` | `read-only` | access |
				""";
		assertThat(documentedNames(table)).containsExactlyInAnyOrder("gatehouse.jwt.issuer-uri",
				"gatehouse.jwt.jwk-set-uri", "gatehouse.jwt.secret", "gatehouse.outbound.registrations",
				"gatehouse.api-keys");
	}

	private static Set<String> metadataNames() throws IOException {
		assertThat(METADATA).as("configuration metadata, generated at compile time").exists();
		JsonNode root = new ObjectMapper().readTree(Files.readString(METADATA));
		Set<String> names = new TreeSet<>();
		for (JsonNode property : root.path("properties")) {
			String name = property.path("name").asText();
			if (name.startsWith("gatehouse.")) {
				names.add(name);
			}
		}
		return names;
	}

	/**
	 * Reads the first cell of each table row: a full property name, optionally followed
	 * by {@code / `suffix`} names that share its prefix; map keys ({@code .<name>}) and
	 * list indexes ({@code [*]}) end the name, as the metadata describes the collection
	 * itself.
	 */
	static Set<String> documentedNames(String markdown) {
		Set<String> names = new TreeSet<>();
		for (String line : RepositoryDocs.proseLines(markdown)) {
			if (!line.startsWith("| `")) {
				continue;
			}
			String cell = line.substring(1, line.indexOf(" |", 1));
			Matcher matcher = CODE.matcher(cell);
			String first = null;
			while (matcher.find()) {
				String token = matcher.group(1);
				if (first == null) {
					first = token;
					if (!first.startsWith("gatehouse.")) {
						break;
					}
					names.add(normalise(first));
				}
				else {
					String prefix = first.substring(0, first.lastIndexOf('.') + 1);
					names.add(normalise(token.startsWith("gatehouse.") ? token : prefix + token));
				}
			}
		}
		return names;
	}

	private static String normalise(String name) {
		int end = name.length();
		int index = name.indexOf('[');
		if (index >= 0) {
			end = Math.min(end, index);
		}
		index = name.indexOf(".<");
		if (index >= 0) {
			end = Math.min(end, index);
		}
		return name.substring(0, end);
	}

	private static List<String> difference(Set<String> left, Set<String> right) {
		List<String> missing = new ArrayList<>(left);
		missing.removeAll(right);
		return missing;
	}

}
