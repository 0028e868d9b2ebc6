package dev.gatehouse.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads the sample's README ({@code sample-app/README.md}): its scenario table, its curl
 * commands and the failure report of the {@code broken} profile, so the tests replay
 * exactly what the README promises.
 */
final class ReadmeScenarios {

	/** The demo users' API keys, as the README lists them; {@code forged} is no key. */
	static final Map<String, String> API_KEYS = Map.of("alice", "demo-alice-admin", "bob", "demo-bob-editor", "carol",
			"demo-carol-viewer", "forged", "not-a-demo-key");

	/** Where each service of the table listens when started with {@code run.sh}. */
	static final Map<String, String> README_BASE_URLS = Map.of("documents", "http://localhost:8080", "audit",
			"http://localhost:8090", "documents-actuator", "http://localhost:8081");

	private static final String NONE = "—";

	private static final Pattern CODE = Pattern.compile("`([^`]*)`");

	private final String section;

	private ReadmeScenarios(String section) {
		this.section = section;
	}

	static ReadmeScenarios load() {
		String configured = System.getProperty("sample.readme");
		// Maven runs the tests in the module directory, which holds the sample's README.
		Path readme = (configured != null) ? Path.of(configured) : Path.of("README.md");
		String text;
		try {
			text = Files.readString(readme, StandardCharsets.UTF_8).replace("\r\n", "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the sample's README at " + readme.toAbsolutePath(), ex);
		}
		if (!text.startsWith("# Sample app\n")) {
			throw new IllegalStateException("The sample's README does not start with '# Sample app'");
		}
		return new ReadmeScenarios(text);
	}

	List<Scenario> scenarios() {
		List<Scenario> scenarios = new ArrayList<>();
		boolean inTable = false;
		for (String line : this.section.split("\n")) {
			if (line.startsWith("| # | user | service | method | path |")) {
				inTable = true;
				continue;
			}
			if (inTable && line.startsWith("|---")) {
				continue;
			}
			if (inTable && !line.startsWith("|")) {
				break;
			}
			if (inTable) {
				scenarios.add(Scenario.parse(line));
			}
		}
		if (scenarios.isEmpty()) {
			throw new IllegalStateException("The sample's README has no scenario table");
		}
		return scenarios;
	}

	List<String> curlCommands() {
		List<String> commands = new ArrayList<>();
		for (String line : this.section.split("\n")) {
			if (line.startsWith("curl ")) {
				commands.add(line);
			}
		}
		return commands;
	}

	String brokenProfileReport() {
		int start = this.section.indexOf("***************************\nAPPLICATION FAILED TO START");
		if (start < 0) {
			throw new IllegalStateException("The README shows no failure report for the broken profile");
		}
		int end = this.section.indexOf("\n```", start);
		return this.section.substring(start, end);
	}

	/**
	 * One row of the scenario table.
	 */
	record Scenario(int number, String user, String service, String method, String path, @Nullable String body,
			int status, @Nullable String reasonCode, @Nullable String wwwAuthenticate, List<String> contains,
			boolean emptyBody) {

		static Scenario parse(String line) {
			String[] cells = line.substring(1, line.length() - 1).split(" \\| ", -1);
			if (cells.length != 10) {
				throw new IllegalStateException("A scenario row needs 10 cells: " + line);
			}
			String answer = cells[9].trim();
			List<String> contains = new ArrayList<>();
			Matcher matcher = CODE.matcher(answer);
			while (matcher.find()) {
				contains.add(matcher.group(1));
			}
			boolean emptyBody = answer.equals("(empty)");
			if (contains.isEmpty() && !emptyBody) {
				throw new IllegalStateException("A scenario row needs an answer to check: " + line);
			}
			return new Scenario(Integer.parseInt(cells[0].trim()), cells[1].trim(), cells[2].trim(), cells[3].trim(),
					code(cells[4]), optional(cells[5]), Integer.parseInt(cells[6].trim()), optional(cells[7]),
					optional(cells[8]), contains, emptyBody);
		}

		private static @Nullable String optional(String cell) {
			String value = code(cell);
			return value.equals(NONE) ? null : value;
		}

		private static String code(String cell) {
			String value = cell.trim();
			return (value.length() > 1 && value.startsWith("`") && value.endsWith("`"))
					? value.substring(1, value.length() - 1) : value;
		}

		@Nullable String apiKey() {
			return API_KEYS.get(this.user);
		}

		String curl() {
			StringBuilder curl = new StringBuilder("curl -i");
			if (!this.method.equals("GET")) {
				curl.append(" -X ").append(this.method);
			}
			String key = apiKey();
			if (key != null) {
				curl.append(" -H 'X-API-Key: ").append(key).append("'");
			}
			if (this.body != null) {
				curl.append(" -H 'Content-Type: application/json' -d '").append(this.body).append("'");
			}
			return curl.append(' ').append(README_BASE_URLS.get(this.service)).append(this.path).toString();
		}

		@Override
		public String toString() {
			return "scenario " + this.number + " (" + this.user + " " + this.method + " " + this.path + ")";
		}

	}

}
