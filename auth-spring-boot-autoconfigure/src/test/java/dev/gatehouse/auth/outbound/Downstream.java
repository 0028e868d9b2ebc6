package dev.gatehouse.auth.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntUnaryOperator;

import com.sun.net.httpserver.HttpServer;

/**
 * A downstream service on a random loopback port that records every request's
 * {@code Authorization} headers and body and answers with a status chosen per hit.
 */
final class Downstream implements AutoCloseable {

	private final HttpServer server;

	private final List<Hit> hits = new CopyOnWriteArrayList<>();

	private Downstream(IntUnaryOperator statusForHit) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", (exchange) -> {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			List<String> authorization = exchange.getRequestHeaders().get("Authorization");
			this.hits.add(new Hit((authorization != null) ? List.copyOf(authorization) : List.of(),
					exchange.getRequestHeaders().getFirst("X-Api-Key"), new String(body, StandardCharsets.UTF_8)));
			int status = statusForHit.applyAsInt(this.hits.size());
			byte[] response = "ok".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(status, response.length);
			exchange.getResponseBody().write(response);
			exchange.close();
		});
		this.server.start();
	}

	static Downstream answering(IntUnaryOperator statusForHit) throws IOException {
		return new Downstream(statusForHit);
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/orders";
	}

	List<Hit> hits() {
		return this.hits;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	record Hit(List<String> authorization, String apiKey, String body) {
	}

}
