package dev.gatehouse.benchmarks.authzen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Cerbos PDP on loopback: the {@code @cerbos/cerbos-linux-x64} npm package's
 * binary (installed by the module's build under {@code target/cerbos}), started with
 * {@code CERBOS_NO_TELEMETRY=1}, a configuration and the benchmark's policies in a
 * temporary directory, two free loopback ports, telemetry and audit off, logging at
 * {@code error} so that request logs cost nothing; stopped by its process handle.
 */
public final class CerbosPdp implements AutoCloseable {

	/** The system property naming the binary. */
	public static final String BINARY_PROPERTY = "benchmarks.cerbos.binary";

	private static final String INSTALLED = "cerbos/node_modules/@cerbos/cerbos-linux-x64/cerbos-linux-x64";

	/**
	 * Documents: {@code editor} and {@code viewer} are relations held as constants (alice
	 * edits document 2 and views document 3).
	 */
	static final String DOCUMENT_POLICY = """
			apiVersion: api.cerbos.dev/v1
			resourcePolicy:
			  resource: document
			  version: default
			  constants:
			    local:
			      editors:
			        "2": ["alice"]
			      viewers:
			        "3": ["alice"]
			  rules:
			    - actions: ["editor"]
			      effect: EFFECT_ALLOW
			      roles: ["*"]
			      condition:
			        match:
			          expr: request.resource.id in C.editors && request.principal.id in C.editors[request.resource.id]
			    - actions: ["viewer"]
			      effect: EFFECT_ALLOW
			      roles: ["*"]
			      condition:
			        match:
			          expr: request.resource.id in C.viewers && request.principal.id in C.viewers[request.resource.id]
			""";

	/** Reports: a principal reads the report of its own tenant (resource id = tenant). */
	static final String REPORT_POLICY = """
			apiVersion: api.cerbos.dev/v1
			resourcePolicy:
			  resource: report
			  version: default
			  rules:
			    - actions: ["read"]
			      effect: EFFECT_ALLOW
			      roles: ["*"]
			      condition:
			        match:
			          expr: has(request.principal.attr.tenant) && request.principal.attr.tenant == request.resource.id
			""";

	private final Path directory;

	private final Process process;

	private final URI baseUrl;

	private final Thread shutdownHook;

	private CerbosPdp(Path directory, Process process, URI baseUrl) {
		this.directory = directory;
		this.process = process;
		this.baseUrl = baseUrl;
		// A fork killed before its tear-down must not leave the server running.
		this.shutdownHook = new Thread(process::destroyForcibly, "cerbos-stop");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/**
	 * The binary: the {@value #BINARY_PROPERTY} system property, else the module build's
	 * install from the repository root or from the module directory.
	 * @return the binary's path (it may not exist)
	 */
	public static Path binary() {
		String configured = System.getProperty(BINARY_PROPERTY);
		if (configured != null && !configured.isBlank()) {
			return Paths.get(configured);
		}
		Path fromRoot = Paths.get("benchmarks", "target").resolve(INSTALLED);
		return Files.exists(fromRoot) ? fromRoot : Paths.get("target").resolve(INSTALLED);
	}

	/**
	 * Starts the server and waits until it reports healthy.
	 * @return the running server
	 */
	public static CerbosPdp start() {
		Path binary = binary();
		if (!Files.isExecutable(binary)) {
			throw new IllegalStateException("No Cerbos binary at " + binary.toAbsolutePath() + ": build the module ("
					+ "mvn -pl benchmarks package runs npm) or set -D" + BINARY_PROPERTY);
		}
		try {
			Path directory = Files.createTempDirectory("gatehouse-cerbos-");
			Path policies = Files.createDirectory(directory.resolve("policies"));
			Files.writeString(policies.resolve("document.yaml"), DOCUMENT_POLICY);
			Files.writeString(policies.resolve("report.yaml"), REPORT_POLICY);
			int httpPort = freePort();
			int grpcPort = freePort();
			Path config = directory.resolve("config.yaml");
			Files.writeString(config, """
					server:
					  httpListenAddr: "127.0.0.1:%d"
					  grpcListenAddr: "127.0.0.1:%d"
					storage:
					  driver: disk
					  disk:
					    directory: "%s"
					    watchForChanges: false
					telemetry:
					  disabled: true
					audit:
					  enabled: false
					""".formatted(httpPort, grpcPort, policies.toAbsolutePath()));
			Path log = directory.resolve("cerbos.log");
			ProcessBuilder builder = new ProcessBuilder(binary.toAbsolutePath().toString(), "server",
					"--config=" + config.toAbsolutePath(), "--log-level=error");
			builder.environment().put("CERBOS_NO_TELEMETRY", "1");
			builder.redirectErrorStream(true).redirectOutput(log.toFile());
			CerbosPdp pdp = new CerbosPdp(directory, builder.start(), URI.create("http://127.0.0.1:" + httpPort));
			pdp.awaitHealthy(log);
			return pdp;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The base URL of the AuthZEN endpoints.
	 * @return the base URL
	 */
	public URI baseUrl() {
		return this.baseUrl;
	}

	private void awaitHealthy(Path log) {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest health = HttpRequest.newBuilder(this.baseUrl.resolve("/_cerbos/health"))
			.timeout(Duration.ofSeconds(1))
			.build();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				String output = readQuietly(log);
				close();
				throw new IllegalStateException("Cerbos exited with " + this.process.exitValue() + ": " + output);
			}
			try {
				if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		String output = readQuietly(log);
		close();
		throw new IllegalStateException("Cerbos did not become healthy within 30 s: " + output);
	}

	private static String readQuietly(Path log) {
		try {
			return Files.readString(log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/** Stops the server by its process handle and deletes its directory. */
	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// Already shutting down: the hook runs anyway.
		}
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// A temporary directory left behind is harmless.
		}
	}

}
