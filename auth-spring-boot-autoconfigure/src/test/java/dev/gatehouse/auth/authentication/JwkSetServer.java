package dev.gatehouse.auth.authentication;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension serving a JWK set at {@code /jwks} (and any other JSON document the
 * test puts) from a JDK HTTP server on a loopback port, counting requests per path. The
 * published keys can be replaced at any time (key rotation), the server can be stopped
 * (identity provider down) or made to accept connections and never answer
 * ({@link #hang()}).
 *
 * <p>
 * Register it with {@code @RegisterExtension}: as a static field it runs for the whole
 * class (the URI is available as soon as it is asked for, so
 * {@code @DynamicPropertySource} methods can use it); as an instance field it is
 * restarted for every test.
 */
public final class JwkSetServer implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

	/** The path the JWK set is served at. */
	public static final String JWKS_PATH = "/jwks";

	private final Map<String, Response> responses = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

	private volatile CountDownLatch hang = new CountDownLatch(0);

	private volatile boolean hanging;

	private HttpServer server;

	private ExecutorService executor;

	private boolean classScoped;

	/**
	 * Creates the server, publishing no keys until {@link #publish(JWK...)} is called.
	 */
	public JwkSetServer() {
		this.responses.put(JWKS_PATH, new Response(200, "{\"keys\":[]}"));
	}

	/**
	 * Publishes the public halves of the keys as the JWK set, replacing what was
	 * published before.
	 * @param keys the keys
	 * @return this server
	 */
	public JwkSetServer publish(JWK... keys) {
		this.responses.put(JWKS_PATH, new Response(200, new JWKSet(List.of(keys)).toPublicJWKSet().toString()));
		return this;
	}

	/**
	 * Serves a fixed response at a path.
	 * @param path the path, such as {@code /.well-known/openid-configuration}
	 * @param status the HTTP status
	 * @param body the JSON (or other) body
	 * @return this server
	 */
	public JwkSetServer respond(String path, int status, String body) {
		this.responses.put(path, new Response(status, body));
		return this;
	}

	/** Accepts every further request and never answers it, until the server stops. */
	public void hang() {
		this.hang = new CountDownLatch(1);
		this.hanging = true;
	}

	/** Returns the URI of the JWK set, starting the server if it is not running. */
	public synchronized String uri() {
		return baseUri() + JWKS_PATH;
	}

	/**
	 * Returns {@code http://127.0.0.1:port}, starting the server if it is not running.
	 */
	public synchronized String baseUri() {
		start();
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Returns how many requests reached the JWK set path. */
	public int requests() {
		return requests(JWKS_PATH);
	}

	/** Returns how many requests reached the path. */
	public int requests(String path) {
		AtomicInteger count = this.requests.get(path);
		return (count != null) ? count.get() : 0;
	}

	/** Returns how many requests reached any path. */
	public int totalRequests() {
		return this.requests.values().stream().mapToInt(AtomicInteger::get).sum();
	}

	/** Stops the server; the port then refuses connections. Safe to call twice. */
	public synchronized void stop() {
		if (this.server != null) {
			this.hang.countDown();
			this.server.stop(0);
			this.executor.shutdownNow();
			this.server = null;
		}
	}

	private synchronized void start() {
		if (this.server != null) {
			return;
		}
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.executor = Executors.newCachedThreadPool();
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		this.requests.computeIfAbsent(path, (key) -> new AtomicInteger()).incrementAndGet();
		if (this.hanging) {
			try {
				this.hang.await(5, TimeUnit.MINUTES);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.close();
			return;
		}
		Response response = this.responses.getOrDefault(path, new Response(404, "{}"));
		byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(response.status(), body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.classScoped = true;
		start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stop();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (!this.classScoped) {
			start();
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (!this.classScoped) {
			stop();
		}
	}

	private record Response(int status, String body) {
	}

}
