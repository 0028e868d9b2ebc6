package dev.gatehouse.sample;

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
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Cerbos policy decision point for the tests: the binary of the npm package
 * {@code @cerbos/cerbos-linux-x64} (system property {@code cerbos.binary}, fetched by the
 * build) with the sample's policies ({@code cerbos.policies}), on free loopback ports,
 * its configuration in a temporary directory and telemetry off. Started and stopped by
 * the test that uses it.
 */
final class CerbosServer implements AutoCloseable {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

	private final Process process;

	private final Path directory;

	private final String baseUrl;

	private CerbosServer(Process process, Path directory, String baseUrl) {
		this.process = process;
		this.directory = directory;
		this.baseUrl = baseUrl;
	}

	/**
	 * Starts Cerbos and waits until it answers its health check.
	 * @return the running server
	 * @throws IOException when it cannot be started
	 * @throws InterruptedException when interrupted while waiting
	 */
	static CerbosServer start() throws IOException, InterruptedException {
		Path binary = Path.of(System.getProperty("cerbos.binary",
				"target/cerbos/node_modules/@cerbos/cerbos-linux-x64/cerbos-linux-x64"));
		Path policies = Path.of(System.getProperty("cerbos.policies", "cerbos/policies")).toAbsolutePath();
		if (!Files.isExecutable(binary)) {
			throw new IllegalStateException("No Cerbos binary at " + binary.toAbsolutePath()
					+ ": run the sample's tests through Maven (it installs @cerbos/cerbos-linux-x64 with npm into "
					+ "target/cerbos) or set -Dcerbos.binary");
		}
		int httpPort = freePort();
		int grpcPort = freePort();
		Path directory = Files.createTempDirectory("sample-cerbos");
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
				""".formatted(httpPort, grpcPort, policies.toString().replace("\\", "/")), StandardCharsets.UTF_8);
		ProcessBuilder builder = new ProcessBuilder(binary.toAbsolutePath().toString(), "server", "--config=" + config)
			.directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("cerbos.log").toFile());
		builder.environment().put("CERBOS_NO_TELEMETRY", "1");
		CerbosServer server = new CerbosServer(builder.start(), directory, "http://127.0.0.1:" + httpPort);
		try {
			server.awaitReady();
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			server.close();
			throw ex;
		}
		return server;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private void awaitReady() throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest health = HttpRequest.newBuilder(URI.create(this.baseUrl + "/_cerbos/health"))
			.timeout(Duration.ofSeconds(1))
			.build();
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("Cerbos exited with " + this.process.exitValue() + ": " + log());
			}
			try {
				if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("Cerbos did not become ready within " + READY_TIMEOUT + ": " + log());
	}

	private String log() {
		try {
			return Files.readString(this.directory.resolve("cerbos.log"), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Where the AuthZEN API answers, for {@code gatehouse.authzen.base-url}.
	 * @return the base URL
	 */
	String baseUrl() {
		return this.baseUrl;
	}

	/**
	 * Stops the process (this test's own, by its handle) and removes its configuration.
	 */
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
			Files.deleteIfExists(this.directory.resolve("config.yaml"));
			Files.deleteIfExists(this.directory.resolve("cerbos.log"));
			Files.deleteIfExists(this.directory);
		}
		catch (IOException ex) {
			// A leftover temporary file is harmless.
		}
	}

}
