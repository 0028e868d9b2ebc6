package dev.gatehouse.auth.authzen;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP reverse proxy for the tests, in front of a target base URL (such as a
 * {@link CerbosPdp}): it counts the requests per method and path, records their bodies,
 * and answers according to its current {@linkplain #forward() mode}: forward to the
 * target, a fixed status and body, or forward after a delay. {@link #reset()} clears the
 * counts and bodies and restores forwarding; {@link #close()} stops it. Thread-safe.
 */
public final class CountingProxy implements AutoCloseable {

	private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "keep-alive",
			"transfer-encoding", "upgrade", "expect", "te", "trailer", "proxy-connection");

	private final URI target;

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "counting-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

	private final List<Recorded> requests = new CopyOnWriteArrayList<>();

	private volatile Mode mode = new Mode(0, 0, "", 0);

	private CountingProxy(String targetBaseUrl) throws IOException {
		this.target = URI.create(
				targetBaseUrl.endsWith("/") ? targetBaseUrl.substring(0, targetBaseUrl.length() - 1) : targetBaseUrl);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/**
	 * Starts a proxy on a free loopback port in front of a target.
	 * @param targetBaseUrl the target, such as {@code http://127.0.0.1:43121}
	 * @return the running proxy, forwarding
	 */
	public static CountingProxy start(String targetBaseUrl) {
		try {
			return new CountingProxy(targetBaseUrl);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the proxy", ex);
		}
	}

	/**
	 * The proxy's base URL, such as {@code http://127.0.0.1:43122}, without a trailing
	 * slash.
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Forwards every request to the target (the initial mode). */
	public void forward() {
		this.mode = new Mode(0, 0, "", 0);
	}

	/**
	 * Answers every request itself with a status and a JSON body, not forwarding it.
	 * @param status the status, such as 500
	 * @param body the body, such as malformed JSON
	 */
	public void respond(int status, String body) {
		this.mode = new Mode(0, status, body, 0);
	}

	/**
	 * Answers every request with status 200 and the body, not forwarding it.
	 * @param body the body, such as {@code {}} or malformed JSON
	 */
	public void respondOk(String body) {
		respond(200, body);
	}

	/**
	 * Waits before handling every request (forwarding, or answering as last set).
	 * @param millis the delay in milliseconds, 0 for none
	 */
	public void delay(long millis) {
		Mode current = this.mode;
		this.mode = new Mode(millis, current.status(), current.body(), 0);
	}

	/**
	 * Fails the next {@code times} requests with a status and body, then goes back to the
	 * mode in force.
	 * @param times how many requests fail
	 * @param status the status of the failures
	 * @param body their body
	 */
	public void failNext(int times, int status, String body) {
		Mode current = this.mode;
		this.mode = new Mode(current.delayMillis(), current.status(), current.body(), times, status, body);
	}

	/** Clears the counts and recorded requests and goes back to plain forwarding. */
	public void reset() {
		this.counts.clear();
		this.requests.clear();
		forward();
	}

	/**
	 * How many requests arrived with a method and path since the last reset.
	 * @param method such as {@code POST}
	 * @param path such as {@code /access/v1/evaluations}
	 * @return the count
	 */
	public int count(String method, String path) {
		AtomicInteger count = this.counts.get(method + " " + path);
		return (count != null) ? count.get() : 0;
	}

	/** How many requests arrived since the last reset, whatever their path. */
	public int total() {
		return this.requests.size();
	}

	/**
	 * The bodies of the requests with a path since the last reset, in arrival order.
	 * @param path such as {@code /access/v1/evaluation}
	 * @return the bodies
	 */
	public List<String> bodies(String path) {
		return this.requests.stream().filter((request) -> request.path().equals(path)).map(Recorded::body).toList();
	}

	/** Every request since the last reset, in arrival order. */
	public List<Recorded> requests() {
		return List.copyOf(this.requests);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getRawPath();
			byte[] body = exchange.getRequestBody().readAllBytes();
			Map<String, List<String>> headers = Map.copyOf(exchange.getRequestHeaders());
			this.requests.add(new Recorded(method, path, new String(body, StandardCharsets.UTF_8), headers));
			this.counts.computeIfAbsent(method + " " + path, (key) -> new AtomicInteger()).incrementAndGet();
			Mode current = this.mode;
			if (current.delayMillis() > 0) {
				Thread.sleep(current.delayMillis());
			}
			if (current.failuresLeft().getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
				answer(exchange, current.failureStatus(), current.failureBody());
				return;
			}
			if (current.status() != 0) {
				answer(exchange, current.status(), current.body());
				return;
			}
			forwardRequest(exchange, method, body);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void forwardRequest(HttpExchange exchange, String method, byte[] body)
			throws IOException, InterruptedException {
		URI uri = URI.create(this.target + exchange.getRequestURI().toString());
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(10))
			.method(method, (body.length == 0) ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofByteArray(body));
		exchange.getRequestHeaders().forEach((name, values) -> {
			if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
				values.forEach((value) -> request.header(name, value));
			}
		});
		HttpResponse<byte[]> response;
		try {
			response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			answer(exchange, 502, "{\"proxy\":\"target unreachable\"}");
			return;
		}
		response.headers().map().forEach((name, values) -> {
			if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
				exchange.getResponseHeaders().put(name, values);
			}
		});
		byte[] answer = response.body();
		exchange.sendResponseHeaders(response.statusCode(), (answer.length == 0) ? -1 : answer.length);
		if (answer.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(answer);
			}
		}
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		if (bytes.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	/**
	 * A request the proxy received.
	 *
	 * @param method the method
	 * @param path the raw path
	 * @param body the body as UTF-8
	 * @param headers the headers
	 */
	public record Recorded(String method, String path, String body, Map<String, List<String>> headers) {
	}

	private record Mode(long delayMillis, int status, String body, AtomicInteger failuresLeft, int failureStatus,
			String failureBody) {

		Mode(long delayMillis, int status, String body, int failures) {
			this(delayMillis, status, body, new AtomicInteger(failures), 0, "");
		}

		Mode(long delayMillis, int status, String body, int failures, int failureStatus, String failureBody) {
			this(delayMillis, status, body, new AtomicInteger(failures), failureStatus, failureBody);
		}

	}

}
