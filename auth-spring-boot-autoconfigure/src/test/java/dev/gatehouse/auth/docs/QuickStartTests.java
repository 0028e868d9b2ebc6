package dev.gatehouse.auth.docs;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.auth.annotation.PublicAccess;
import dev.gatehouse.auth.annotation.RequireRole;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The web quick start at the top of {@code README.md} works exactly as written: the
 * README's controller is compiled from the README's text (so its imports are checked
 * too), started with the README's {@code application.yml} on a random loopback port, and
 * every curl exchange the README shows is replayed with the JDK {@link HttpClient}, which
 * must get the stated status, headers and body. The README's blocks are found by their
 * {@code <!-- quick-start:... -->} markers.
 */
class QuickStartTests {

	/** The base URL the README's curl lines call; replaced by the test server's. */
	private static final String README_BASE_URL = "http://localhost:8080";

	private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");

	private static final Pattern CLASS = Pattern.compile("(?m)^(?:public\\s+|final\\s+)*class\\s+(\\w+)");

	private static final Pattern STORED_KEY = Pattern.compile("sha256:\\s*([0-9a-f]{64})\\s*#\\s*(\\S+)");

	private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3})(?: .*)?");

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static String readme;

	private static URLClassLoader loader;

	private static Class<?> controller;

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void start(@TempDir Path dir) throws IOException {
		readme = RepositoryDocs.read(RepositoryDocs.root().resolve("README.md"));
		controller = compile(block(readme, "controller"), dir);
		List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("README.md quick start (application.yml)",
				new ByteArrayResource(block(readme, "application.yml").getBytes(StandardCharsets.UTF_8)));
		SpringApplication application = new SpringApplication(new DefaultResourceLoader(loader),
				QuickStartApplication.class, controller);
		application.setDefaultProperties(
				Map.of("server.port", "0", "server.address", "127.0.0.1", "spring.main.banner-mode", "off"));
		application.addInitializers((initialized) -> yaml
			.forEach((source) -> initialized.getEnvironment().getPropertySources().addFirst(source)));
		context = application.run();
	}

	@AfterAll
	static void stop() throws IOException {
		if (context != null) {
			context.close();
		}
		if (loader != null) {
			loader.close();
		}
	}

	@Test
	void everyCurlExchangeAnswersAsTheReadmeSays() throws Exception {
		List<Exchange> exchanges = exchanges(block(readme, "curl"));
		assertThat(exchanges).extracting(Exchange::status).contains(200, 401, 403);
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		ObjectMapper json = new ObjectMapper();
		SoftAssertions softly = new SoftAssertions();
		for (Exchange exchange : exchanges) {
			HttpResponse<String> response = HTTP.send(exchange.request("http://127.0.0.1:" + port),
					HttpResponse.BodyHandlers.ofString());
			softly.assertThat(response.statusCode()).as(exchange.command()).isEqualTo(exchange.status());
			exchange.responseHeaders()
				.forEach((name, value) -> softly.assertThat(response.headers().firstValue(name))
					.as(exchange.command() + " header " + name)
					.hasValue(value));
			if (exchange.responseBody().startsWith("{")) {
				softly.assertThat(json.readTree(response.body()))
					.as(exchange.command() + " body " + response.body())
					.isEqualTo(json.readTree(exchange.responseBody()));
			}
			else {
				softly.assertThat(response.body()).as(exchange.command()).isEqualTo(exchange.responseBody());
			}
		}
		softly.assertAll();
	}

	@Test
	void theStoredHashesAreThoseOfTheDemoKeysAndTheReadmeSaysHowToComputeThem() {
		Matcher matcher = STORED_KEY.matcher(block(readme, "application.yml"));
		List<String> keys = new ArrayList<>();
		while (matcher.find()) {
			assertThat(sha256(matcher.group(2))).as("sha256 of " + matcher.group(2)).isEqualTo(matcher.group(1));
			keys.add(matcher.group(2));
		}
		assertThat(keys).as("API keys with their key in a comment")
			.isNotEmpty()
			.allMatch((key) -> key.startsWith("demo-"));
		assertThat(readme).contains("printf %s '" + keys.get(0) + "' | sha256sum");
	}

	@Test
	void explicitAccessIsRecommended() {
		assertThat(context.getEnvironment().getProperty("gatehouse.web.require-explicit-access", Boolean.class))
			.isTrue();
	}

	@Test
	void theControllerIsPublicAndRoleProtectedWithARoleAKeyGrants() {
		Set<String> granted = new TreeSet<>();
		for (int key = 0; context.getEnvironment().containsProperty("gatehouse.api-keys[" + key + "].subject"); key++) {
			for (int role = 0; context.getEnvironment()
				.containsProperty("gatehouse.api-keys[" + key + "].roles[" + role + "]"); role++) {
				granted
					.add(context.getEnvironment().getProperty("gatehouse.api-keys[" + key + "].roles[" + role + "]"));
			}
		}
		List<String> required = new ArrayList<>();
		boolean publicAccess = false;
		for (Method method : controller.getDeclaredMethods()) {
			publicAccess |= method.isAnnotationPresent(PublicAccess.class);
			RequireRole role = method.getAnnotation(RequireRole.class);
			if (role != null) {
				required.add(role.value());
			}
		}
		assertThat(publicAccess).as("a @PublicAccess handler").isTrue();
		assertThat(required).as("@RequireRole values, compared case-sensitively with the keys' roles")
			.isNotEmpty()
			.allMatch(granted::contains);
	}

	@Test
	void curlLinesAreReadAsAShellReadsThem() {
		List<Exchange> exchanges = exchanges(
				"""
						$ curl -i -X POST -H 'X-API-Key: k' -H 'Content-Type: application/json' -d '{"a":"b c"}' http://localhost:8080/x
						HTTP/1.1 201
						Content-Type: application/json

						{"a":"b c"}

						$ curl -i http://localhost:8080/y
						HTTP/1.1 204
						""");
		assertThat(exchanges).hasSize(2);
		Exchange post = exchanges.get(0);
		assertThat(post.method()).isEqualTo("POST");
		assertThat(post.path()).isEqualTo("/x");
		assertThat(post.requestHeaders()).containsExactly(Map.entry("X-API-Key", "k"),
				Map.entry("Content-Type", "application/json"));
		assertThat(post.requestBody()).isEqualTo("{\"a\":\"b c\"}");
		assertThat(post.status()).isEqualTo(201);
		assertThat(post.responseHeaders()).containsExactly(Map.entry("Content-Type", "application/json"));
		assertThat(post.responseBody()).isEqualTo("{\"a\":\"b c\"}");
		assertThat(exchanges.get(1).method()).isEqualTo("GET");
		assertThat(exchanges.get(1).responseBody()).isEmpty();
		assertThatIllegalStateException().isThrownBy(() -> exchanges("$ curl -u a:b http://localhost:8080/\n"))
			.withMessageContaining("-u");
		assertThatIllegalStateException().isThrownBy(() -> block("no markers here", "curl"))
			.withMessageContaining("quick-start:curl");
	}

	/**
	 * The fenced block that follows the line {@code <!-- quick-start:NAME ... -->}.
	 */
	static String block(String markdown, String name) {
		String[] lines = markdown.split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			if (lines[i].startsWith("<!-- quick-start:" + name + " ")
					|| lines[i].equals("<!-- quick-start:" + name + " -->")) {
				if (i + 1 >= lines.length || !lines[i + 1].startsWith("```")) {
					throw new IllegalStateException("README.md: no fenced block after quick-start:" + name);
				}
				StringBuilder text = new StringBuilder();
				for (int j = i + 2; j < lines.length && !lines[j].startsWith("```"); j++) {
					text.append(lines[j]).append('\n');
				}
				return text.toString();
			}
		}
		throw new IllegalStateException("README.md has no block marked <!-- quick-start:" + name + " -->");
	}

	private static Class<?> compile(String source, Path dir) throws IOException {
		Matcher pkg = PACKAGE.matcher(source);
		Matcher type = CLASS.matcher(source);
		assertThat(pkg.find()).as("the controller's package line").isTrue();
		assertThat(type.find()).as("the controller's class line").isTrue();
		String className = pkg.group(1) + "." + type.group(1);
		Path file = dir.resolve("src").resolve(className.replace('.', '/') + ".java");
		Path classes = Files.createDirectories(dir.resolve("classes"));
		Files.createDirectories(file.getParent());
		Files.writeString(file, source);
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null,
				StandardCharsets.UTF_8)) {
			String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
			boolean compiled = compiler
				.getTask(null, files, diagnostics,
						List.of("-proc:none", "-parameters", "-classpath", classPath, "-d", classes.toString()), null,
						files.getJavaFileObjects(file))
				.call();
			assertThat(compiled).as("README.md's controller compiles: %s", diagnostics.getDiagnostics()).isTrue();
		}
		loader = new URLClassLoader(new URL[] { classes.toUri().toURL() }, QuickStartTests.class.getClassLoader());
		try {
			return loader.loadClass(className);
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static List<Exchange> exchanges(String block) {
		List<Exchange> exchanges = new ArrayList<>();
		String[] lines = block.split("\n", -1);
		int i = 0;
		while (i < lines.length) {
			if (!lines[i].startsWith("$ curl ")) {
				i++;
				continue;
			}
			String command = lines[i].substring(2);
			i++;
			Matcher status = STATUS_LINE.matcher((i < lines.length) ? lines[i] : "");
			if (!status.matches()) {
				throw new IllegalStateException("No status line after: " + command);
			}
			i++;
			Map<String, String> headers = new LinkedHashMap<>();
			for (; i < lines.length && !lines[i].isBlank(); i++) {
				int colon = lines[i].indexOf(": ");
				headers.put(lines[i].substring(0, colon), lines[i].substring(colon + 2));
			}
			StringBuilder body = new StringBuilder();
			for (; i < lines.length && !lines[i].startsWith("$ "); i++) {
				body.append(lines[i].strip());
			}
			exchanges.add(Exchange.of(command, Integer.parseInt(status.group(1)), headers, body.toString()));
		}
		return exchanges;
	}

	/**
	 * Splits a command line as a POSIX shell does for the quoting the README uses: words
	 * separated by spaces, single quotes kept together.
	 */
	static List<String> words(String line) {
		List<String> words = new ArrayList<>();
		StringBuilder word = null;
		boolean quoted = false;
		for (char c : line.toCharArray()) {
			if (c == '\'') {
				quoted = !quoted;
				word = (word != null) ? word : new StringBuilder();
			}
			else if (c == ' ' && !quoted) {
				if (word != null) {
					words.add(word.toString());
					word = null;
				}
			}
			else {
				word = (word != null) ? word : new StringBuilder();
				word.append(c);
			}
		}
		if (quoted) {
			throw new IllegalStateException("Unclosed quote in: " + line);
		}
		if (word != null) {
			words.add(word.toString());
		}
		return words;
	}

	private static String sha256(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One curl command of the README and the answer the README shows for it.
	 */
	record Exchange(String command, String method, String path, Map<String, String> requestHeaders, String requestBody,
			int status, Map<String, String> responseHeaders, String responseBody) {

		static Exchange of(String command, int status, Map<String, String> responseHeaders, String responseBody) {
			List<String> words = words(command);
			String method = null;
			String url = null;
			String body = null;
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < words.size(); i++) {
				String word = words.get(i);
				switch (word) {
					case "-i", "-s" -> {
					}
					case "-X" -> method = words.get(++i);
					case "-d" -> body = words.get(++i);
					case "-H" -> {
						String header = words.get(++i);
						int colon = header.indexOf(": ");
						headers.put(header.substring(0, colon), header.substring(colon + 2));
					}
					default -> {
						if (!word.startsWith(README_BASE_URL + "/")) {
							throw new IllegalStateException("Unsupported curl argument " + word + " in: " + command);
						}
						url = word;
					}
				}
			}
			if (url == null) {
				throw new IllegalStateException("No URL in: " + command);
			}
			method = (method != null) ? method : ((body != null) ? "POST" : "GET");
			return new Exchange(command, method, url.substring(README_BASE_URL.length()), headers,
					(body != null) ? body : "", status, responseHeaders, responseBody);
		}

		HttpRequest request(String baseUrl) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + this.path))
				.method(this.method, this.requestBody.isEmpty() ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofString(this.requestBody));
			this.requestHeaders.forEach(request::header);
			return request.build();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class QuickStartApplication {

	}

}
