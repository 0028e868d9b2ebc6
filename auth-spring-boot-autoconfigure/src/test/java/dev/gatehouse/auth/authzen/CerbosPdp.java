package dev.gatehouse.auth.authzen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Cerbos policy decision point for the tests: the binary that the build installs
 * from npm into {@code target/cerbos} (see the module's pom, system property
 * {@value #BINARY_PROPERTY}), started once per test JVM and policies directory by
 * {@link #shared(String)} on free loopback ports, with telemetry, audit and policy
 * watching off, and stopped when the JVM exits. It speaks AuthZEN at {@link #baseUrl()}.
 *
 * <p>
 * How Cerbos 0.55 maps AuthZEN requests (checked against the binary):
 * <ul>
 * <li>{@code subject.id} is {@code request.principal.id}; every entry of
 * {@code subject.properties} becomes a {@code request.principal.attr} entry verbatim,
 * {@code roles}, {@code scopes} and {@code cerbos.roles} included (none is
 * stripped).</li>
 * <li>The principal's Cerbos roles are {@code subject.properties["cerbos.roles"]};
 * without it the principal has the single role {@code user}. A {@code roles} property is
 * not a Cerbos role (only an attribute).</li>
 * <li>{@code resource.type} is the resource kind, {@code resource.id} its id,
 * {@code resource.properties} become {@code request.resource.attr}; {@code action.name}
 * is the action. {@code context} is accepted (and unused by the policies).</li>
 * <li>An unknown resource kind, an unknown action or no matching rule answer
 * {@code {"decision":false}} with status 200, not an error.</li>
 * <li>A request missing {@code subject.type}, {@code resource} or {@code action}, or that
 * is not JSON, answers status 400 with {@code {"code":3,"message":...}}.</li>
 * <li>{@code POST /access/v1/evaluations} answers {@code {"evaluations":[...]}}, one
 * decision per item in order, top-level subject/action/resource being defaults for the
 * items; {@code options.evaluations_semantic}: {@code deny_on_first_deny} truncates the
 * array after the first {@code false}, {@code permit_on_first_permit} after the first
 * {@code true}; an empty or missing {@code evaluations} array is a 400.</li>
 * <li>{@code GET /.well-known/authzen-configuration} names the evaluation endpoints;
 * {@code GET /_cerbos/health} answers {@code {"status":"SERVING"}}.</li>
 * </ul>
 * Thread-safe.
 */
public final class CerbosPdp {

	/** The system property naming the Cerbos binary (set by the module's pom). */
	public static final String BINARY_PROPERTY = "cerbos.binary";

	/** The policies of the AuthZEN tests, a directory on the test class path. */
	public static final String DEFAULT_POLICIES = "authzen/cerbos-policies";

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);

	private static final Map<String, CerbosPdp> shared = new ConcurrentHashMap<>();

	private final Process process;

	private final String baseUrl;

	private final Path workDirectory;

	private CerbosPdp(Process process, String baseUrl, Path workDirectory) {
		this.process = process;
		this.baseUrl = baseUrl;
		this.workDirectory = workDirectory;
	}

	/**
	 * Returns the test JVM's Cerbos serving the {@linkplain #DEFAULT_POLICIES default
	 * policies}, starting it on the first call.
	 * @return the running server
	 */
	public static CerbosPdp shared() {
		return shared(DEFAULT_POLICIES);
	}

	/**
	 * Returns the test JVM's Cerbos serving the policies of a class path directory,
	 * starting it on the first call for that directory.
	 * @param policies the class path directory holding the policies, such as
	 * {@code authzen/cerbos-policies}
	 * @return the running server
	 * @throws IllegalStateException if the binary is missing or the server does not start
	 */
	public static CerbosPdp shared(String policies) {
		return shared.computeIfAbsent(policies, (key) -> {
			CerbosPdp pdp = start(binary(), key);
			Runtime.getRuntime().addShutdownHook(new Thread(pdp::stop, "cerbos-stop"));
			return pdp;
		});
	}

	/** The base URL, such as {@code http://127.0.0.1:43121}, without a trailing slash. */
	public String baseUrl() {
		return this.baseUrl;
	}

	/** Stops the server (gracefully, then forcibly) and deletes its working directory. */
	public void stop() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		delete(this.workDirectory);
	}

	private static Path binary() {
		String property = System.getProperty(BINARY_PROPERTY);
		if (property == null || property.isBlank()) {
			throw new IllegalStateException("System property " + BINARY_PROPERTY
					+ " is not set: run the tests through Maven (the pom installs Cerbos from npm into target/cerbos)"
					+ " or set it to a Cerbos binary");
		}
		Path binary = Paths.get(property);
		if (!Files.isExecutable(binary)) {
			throw new IllegalStateException("System property " + BINARY_PROPERTY + " names " + binary
					+ ", which is not an executable file: run 'mvn generate-test-resources' to install Cerbos"
					+ " (not skipped by -Dcerbos.skip=true)");
		}
		return binary;
	}

	private static CerbosPdp start(Path binary, String policies) {
		try {
			Path work = Files.createTempDirectory("gatehouse-cerbos-");
			Path policyDirectory = copyPolicies(policies, work.resolve("policies"));
			int httpPort = freePort();
			int grpcPort = freePort();
			Path config = work.resolve("config.yaml");
			Files.writeString(config, """
					server:
					  httpListenAddr: "127.0.0.1:%d"
					  grpcListenAddr: "127.0.0.1:%d"
					storage:
					  driver: disk
					  disk:
					    directory: "%s"
					    watchForChanges: false
					audit:
					  enabled: false
					telemetry:
					  disabled: true
					""".formatted(httpPort, grpcPort, policyDirectory.toString().replace("\\", "/")));
			Path log = work.resolve("cerbos.log");
			ProcessBuilder builder = new ProcessBuilder(binary.toString(), "server", "--config=" + config,
					"--log-level=warn")
				.directory(work.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().put("CERBOS_NO_TELEMETRY", "1");
			Process process = builder.start();
			CerbosPdp pdp = new CerbosPdp(process, "http://127.0.0.1:" + httpPort, work);
			pdp.awaitReady(log);
			return pdp;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start Cerbos from " + binary, ex);
		}
	}

	private void awaitReady(Path log) {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
		HttpRequest health = HttpRequest.newBuilder(URI.create(this.baseUrl + "/_cerbos/health"))
			.timeout(Duration.ofSeconds(1))
			.GET()
			.build();
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw notStarted("exited with " + this.process.exitValue(), log);
			}
			try {
				HttpResponse<String> response = client.send(health, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && response.body().contains("SERVING")) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				stop();
				throw new IllegalStateException("Interrupted while waiting for Cerbos", ex);
			}
			sleep(50);
		}
		IllegalStateException failure = notStarted("was not ready within " + STARTUP_TIMEOUT, log);
		stop();
		throw failure;
	}

	private IllegalStateException notStarted(String why, Path log) {
		String tail;
		try {
			List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
		}
		catch (IOException ex) {
			tail = "(no log: " + ex.getMessage() + ")";
		}
		return new IllegalStateException("Cerbos at " + this.baseUrl + " " + why + "; log tail:\n" + tail);
	}

	private static Path copyPolicies(String policies, Path target) throws IOException {
		URL url = CerbosPdp.class.getClassLoader().getResource(policies);
		if (url == null) {
			throw new IllegalStateException("No class path directory " + policies + " holding Cerbos policies");
		}
		Path source;
		try {
			source = Paths.get(url.toURI());
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			throw new IllegalStateException("Policies " + policies + " are not a directory: " + url, ex);
		}
		try (Stream<Path> paths = Files.walk(source)) {
			for (Path path : (Iterable<Path>) paths::iterator) {
				Path copy = target.resolve(source.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(copy);
				}
				else {
					Files.copy(path, copy);
				}
			}
		}
		return target;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void delete(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// Best effort: a temporary directory left behind is harmless.
		}
	}

}
