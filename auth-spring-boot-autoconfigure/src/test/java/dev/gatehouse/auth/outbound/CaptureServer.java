package dev.gatehouse.auth.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP server on a random loopback port that records every request (method, path,
 * headers, body) and answers as a function of it: a downstream that redirects, or a third
 * party capturing what reaches it.
 */
final class CaptureServer implements AutoCloseable {

	private final HttpServer server;

	private final List<Hit> hits = new CopyOnWriteArrayList<>();

	private CaptureServer(Function<Hit, Answer> answers) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", (exchange) -> {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			Map<String, List<String>> headers = new TreeMap<>();
			exchange.getRequestHeaders()
				.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
			Hit hit = new Hit(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
					new String(body, StandardCharsets.UTF_8));
			this.hits.add(hit);
			Answer answer = answers.apply(hit);
			if (answer.location() != null) {
				exchange.getResponseHeaders().set("Location", answer.location());
			}
			byte[] response = "ok".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(answer.status(), response.length);
			exchange.getResponseBody().write(response);
			exchange.close();
		});
		this.server.start();
	}

	static CaptureServer answering(Function<Hit, Answer> answers) throws IOException {
		return new CaptureServer(answers);
	}

	static CaptureServer ok() throws IOException {
		return new CaptureServer((hit) -> new Answer(200, null));
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	/** The base URL on {@code 127.0.0.1}. */
	String url() {
		return "http://127.0.0.1:" + port();
	}

	List<Hit> hits() {
		return this.hits;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	record Answer(int status, @Nullable String location) {

		static Answer redirect(int status, String location) {
			return new Answer(status, location);
		}

	}

	record Hit(String method, String path, Map<String, List<String>> headers, String body) {

		@Nullable String header(String name) {
			List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
			return (values != null && !values.isEmpty()) ? values.get(0) : null;
		}

	}

}
