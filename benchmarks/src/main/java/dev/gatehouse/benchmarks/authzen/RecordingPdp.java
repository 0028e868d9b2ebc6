package dev.gatehouse.benchmarks.authzen;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A loopback AuthZEN endpoint that allows everything and keeps the last request body: it
 * captures the exact bytes Gatehouse sends, so that the floor sends the same ones, and
 * warms the decision cache of the cached benchmark.
 */
final class RecordingPdp implements AutoCloseable {

	private final HttpServer server;

	private volatile byte @Nullable [] lastBody;

	RecordingPdp(int batchSize) {
		byte[] single = "{\"decision\":true}".getBytes(StandardCharsets.UTF_8);
		StringBuilder batch = new StringBuilder("{\"evaluations\":[");
		for (int i = 0; i < batchSize; i++) {
			batch.append((i > 0) ? ",{\"decision\":true}" : "{\"decision\":true}");
		}
		byte[] batchAnswer = batch.append("]}").toString().getBytes(StandardCharsets.UTF_8);
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/access/v1/", (exchange) -> {
			try (InputStream body = exchange.getRequestBody()) {
				this.lastBody = body.readAllBytes();
			}
			byte[] answer = exchange.getRequestURI().getPath().endsWith("/evaluations") ? batchAnswer : single;
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, answer.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(answer);
			}
		});
		this.server.start();
	}

	URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	byte[] lastBody() {
		byte[] body = this.lastBody;
		if (body == null) {
			throw new IllegalStateException("nothing was recorded");
		}
		return body;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
