package dev.gatehouse.auth.authentication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real Keycloak for the tests: the {@code org.keycloak:keycloak-quarkus-dist} server
 * that the build unpacks into {@code target/keycloak} (see the module's pom), started
 * once per test JVM by {@link #shared()} with {@code start-dev} on free loopback ports,
 * an H2 file database under {@code target/}, the heap capped at 512 MB and the JIT
 * limited to C1 (which halves its start-up CPU). It is stopped, with every process it
 * started, when the JVM exits. Realms, clients with secrets and audience mappers, users
 * and realm roles are created through the admin REST API ({@link #createRealm(Realm)});
 * tokens come from the realm's token endpoint ({@link RealmHandle#passwordGrant}).
 *
 * <p>
 * Tests that use it carry the tag {@value #TAG}, which runs them in their own surefire
 * execution and lets {@code -Dkeycloak.skip=true} skip them. The server's home is the
 * system property {@code keycloak.home} (set by that execution), or else the one unpacked
 * directory under {@code target/keycloak}. Thread-safe.
 */
public final class KeycloakServer {

	/** The JUnit tag of tests that need a real Keycloak. */
	public static final String TAG = "keycloak";

	private static final String ADMIN = "gatehouse-admin";

	private static final String ADMIN_PASSWORD = "gatehouse-admin-password";

	private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);

	private static final ObjectMapper json = new ObjectMapper();

	/**
	 * The realm attribute holding the digest of the definition a realm was created from.
	 */
	private static final String FINGERPRINT = "gatehouse.fixture.fingerprint";

	/** Changes whenever the way this class turns a definition into a realm changes. */
	private static final String KEYCLOAK_FIXTURE_VERSION = "1:";

	private static KeycloakServer shared;

	private final Process process;

	private final URI baseUri;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private volatile Duration startupTime = Duration.ZERO;

	private KeycloakServer(Process process, URI baseUri) {
		this.process = process;
		this.baseUri = baseUri;
	}

	/**
	 * Returns the test JVM's one Keycloak, starting it on the first call (about 20 to 40
	 * seconds on two cores; the first start on a fresh machine also builds the server).
	 * @return the running server
	 * @throws IllegalStateException if the server is not unpacked or does not become
	 * ready
	 */
	public static synchronized KeycloakServer shared() {
		if (shared == null) {
			shared = start(home());
			Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "keycloak-stop"));
		}
		return shared;
	}

	/** The base URI, such as {@code http://127.0.0.1:43121}, without a trailing slash. */
	public URI baseUri() {
		return this.baseUri;
	}

	/** How long the server took from launch until its readiness check answered UP. */
	public Duration startupTime() {
		return this.startupTime;
	}

	/**
	 * Creates the realm, replacing one of the same name left by an earlier run (the
	 * database lives under {@code target/} across runs) unless that one was created from
	 * the same definition, which is then reused: deleting and creating a realm costs
	 * seconds.
	 * @param realm what the realm holds
	 * @return a handle to request tokens from it
	 */
	public RealmHandle createRealm(Realm realm) {
		Map<String, Object> representation = realm.representation();
		String fingerprint = fingerprint(toJson(representation));
		representation.put("attributes", Map.of(FINGERPRINT, fingerprint));
		String admin = adminToken();
		URI realmUri = adminUri("/admin/realms/" + realm.name());
		HttpResponse<String> existing = send(
				HttpRequest.newBuilder(realmUri).header("Authorization", "Bearer " + admin).GET());
		if (existing.statusCode() == 200) {
			Object attributes = fromJson(existing.body()).get("attributes");
			if (attributes instanceof Map<?, ?> map && fingerprint.equals(map.get(FINGERPRINT))) {
				return new RealmHandle(this, realm.name());
			}
			HttpResponse<String> deleted = send(
					HttpRequest.newBuilder(realmUri).header("Authorization", "Bearer " + admin).DELETE());
			if (deleted.statusCode() != 204) {
				throw new IllegalStateException("Cannot delete realm " + realm.name() + ": " + deleted.statusCode());
			}
		}
		HttpResponse<String> created = send(HttpRequest.newBuilder(adminUri("/admin/realms"))
			.header("Authorization", "Bearer " + admin)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(toJson(representation))));
		if (created.statusCode() != 201) {
			throw new IllegalStateException(
					"Cannot create realm " + realm.name() + ": " + created.statusCode() + " " + created.body());
		}
		return new RealmHandle(this, realm.name());
	}

	private static String fingerprint(String representation) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256")
					.digest((KEYCLOAK_FIXTURE_VERSION + representation).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String adminToken() {
		// The master realm's tokens live for a minute: one per administrative step.
		Map<String, Object> token = postForm(this.baseUri.resolve("/realms/master/protocol/openid-connect/token"), Map
			.of("grant_type", "password", "client_id", "admin-cli", "username", ADMIN, "password", ADMIN_PASSWORD));
		return (String) token.get("access_token");
	}

	private URI adminUri(String path) {
		return this.baseUri.resolve(path);
	}

	Map<String, Object> postForm(URI uri, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
			.collect(Collectors.joining("&"));
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
		if (response.statusCode() != 200) {
			throw new IllegalStateException(
					"POST " + uri.getPath() + ": " + response.statusCode() + " " + response.body());
		}
		return fromJson(response.body());
	}

	private static Map<String, Object> fromJson(String body) {
		try {
			return json.readValue(body, new TypeReference<Map<String, Object>>() {
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.client.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String toJson(Object value) {
		try {
			return json.writeValueAsString(value);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path home() {
		String configured = System.getProperty("keycloak.home");
		if (configured != null && !configured.isBlank()) {
			Path home = Paths.get(configured);
			if (Files.isRegularFile(home.resolve("bin/kc.sh"))) {
				return home;
			}
			throw new IllegalStateException("keycloak.home=" + configured + " holds no bin/kc.sh; run "
					+ "'mvn generate-test-resources' in auth-spring-boot-autoconfigure to unpack Keycloak");
		}
		Path unpacked = Paths.get("target", "keycloak");
		if (Files.isDirectory(unpacked)) {
			try (Stream<Path> homes = Files.list(unpacked)) {
				List<Path> candidates = homes.filter((home) -> Files.isRegularFile(home.resolve("bin/kc.sh"))).toList();
				if (candidates.size() == 1) {
					return candidates.get(0);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		throw new IllegalStateException("No Keycloak under target/keycloak: run 'mvn generate-test-resources' in "
				+ "auth-spring-boot-autoconfigure (or skip these tests with -Dkeycloak.skip=true)");
	}

	private static KeycloakServer start(Path home) {
		int httpPort = freePort();
		int managementPort = freePort();
		Path log = home.getParent().resolve("keycloak.log");
		ProcessBuilder builder = new ProcessBuilder("/bin/sh", home.resolve("bin/kc.sh").toString(), "start-dev",
				"--http-host=127.0.0.1", "--http-port=" + httpPort, "--http-management-port=" + managementPort,
				"--health-enabled=true")
			.directory(home.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		Map<String, String> environment = builder.environment();
		environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
		environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
		// The JDK running the tests runs Keycloak too (17 and 25 both work).
		environment.put("JAVA_HOME", System.getProperty("java.home"));
		environment.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
		// C1 only: Keycloak's start-up needs about half the CPU time, and the tests need
		// no peak throughput.
		environment.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
		long started = System.nanoTime();
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot launch " + home.resolve("bin/kc.sh"), ex);
		}
		KeycloakServer server = new KeycloakServer(process, URI.create("http://127.0.0.1:" + httpPort));
		try {
			awaitReady(server, process, URI.create("http://127.0.0.1:" + managementPort + "/health/ready"), log);
		}
		catch (RuntimeException | Error ex) {
			server.stop();
			throw ex;
		}
		server.startupTime = Duration.ofNanos(System.nanoTime() - started);
		System.out.println("Keycloak (" + home.getFileName() + ") ready on " + server.baseUri + " after "
				+ server.startupTime.toMillis() + " ms");
		return server;
	}

	private static void awaitReady(KeycloakServer server, Process process, URI health, Path log) {
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException(
						"Keycloak exited with " + process.exitValue() + " before it was ready:\n" + tail(log));
			}
			try {
				HttpResponse<String> response = server.client.send(
						HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new IllegalStateException("Keycloak was not ready within " + STARTUP_TIMEOUT + ":\n" + tail(log));
	}

	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/**
	 * Stops the server: {@code kc.sh} and the JVM it runs (a child, or itself after a
	 * re-exec), politely first.
	 */
	void stop() {
		List<ProcessHandle> processes = new ArrayList<>(this.process.descendants().toList());
		processes.add(this.process.toHandle());
		processes.forEach(ProcessHandle::destroy);
		for (ProcessHandle handle : processes) {
			try {
				handle.onExit().get(20, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				handle.destroyForcibly();
			}
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * What a realm holds: realm roles, confidential clients and users.
	 *
	 * @param name the realm name
	 * @param roles the realm roles
	 * @param clients the clients
	 * @param users the users
	 */
	public record Realm(String name, List<String> roles, List<Client> clients, List<User> users) {

		Map<String, Object> representation() {
			Map<String, Object> realm = new LinkedHashMap<>();
			realm.put("realm", this.name);
			realm.put("enabled", true);
			realm.put("roles", Map.of("realm", this.roles.stream().map((role) -> Map.of("name", role)).toList()));
			realm.put("clients", this.clients.stream().map(Client::representation).toList());
			realm.put("users", this.users.stream().map(User::representation).toList());
			return realm;
		}

	}

	/**
	 * A confidential client with direct access grants (the password grant) enabled.
	 *
	 * @param clientId the client id
	 * @param secret the client secret
	 * @param audiences audiences added to its access tokens (not to its ID tokens) by
	 * audience mappers
	 * @param attributes client attributes, such as
	 * {@code access.token.header.type.rfc9068=true} for a {@code typ: at+jwt} header
	 */
	public record Client(String clientId, String secret, List<String> audiences, Map<String, String> attributes) {

		Map<String, Object> representation() {
			Map<String, Object> client = new LinkedHashMap<>();
			client.put("clientId", this.clientId);
			client.put("enabled", true);
			client.put("publicClient", false);
			client.put("clientAuthenticatorType", "client-secret");
			client.put("secret", this.secret);
			client.put("directAccessGrantsEnabled", true);
			client.put("standardFlowEnabled", false);
			client.put("attributes", this.attributes);
			client.put("protocolMappers",
					this.audiences.stream()
						.map((audience) -> Map.of("name", "audience " + audience, "protocol", "openid-connect",
								"protocolMapper", "oidc-audience-mapper", "config",
								Map.of("included.client.audience", audience, "access.token.claim", "true",
										"id.token.claim", "false", "introspection.token.claim", "true")))
						.toList());
			return client;
		}

	}

	/**
	 * A user with a password and realm roles (first and last name and a verified email
	 * are filled in, so the user profile asks for nothing at login).
	 *
	 * @param username the username
	 * @param password the password
	 * @param realmRoles the realm roles
	 */
	public record User(String username, String password, List<String> realmRoles) {

		Map<String, Object> representation() {
			Map<String, Object> user = new LinkedHashMap<>();
			user.put("username", this.username);
			user.put("enabled", true);
			user.put("email", this.username + "@example.test");
			user.put("emailVerified", true);
			user.put("firstName", this.username);
			user.put("lastName", "Tester");
			user.put("credentials", List.of(Map.of("type", "password", "value", this.password, "temporary", false)));
			user.put("realmRoles", this.realmRoles);
			return user;
		}

	}

	/**
	 * A realm created on this server.
	 *
	 * @param server the server
	 * @param name the realm name
	 */
	public record RealmHandle(KeycloakServer server, String name) {

		/** The issuer URI, as the realm's tokens name it in {@code iss}. */
		public String issuerUri() {
			return this.server.baseUri() + "/realms/" + this.name;
		}

		/**
		 * Logs the user in with the password grant ({@code scope=openid}, so an ID token
		 * comes with the access token).
		 * @param client the client
		 * @param username the username
		 * @param password the password
		 * @return the token response
		 */
		public Tokens passwordGrant(Client client, String username, String password) {
			Map<String, Object> response = this.server.postForm(
					URI.create(issuerUri() + "/protocol/openid-connect/token"),
					Map.of("grant_type", "password", "client_id", client.clientId(), "client_secret", client.secret(),
							"username", username, "password", password, "scope", "openid"));
			return new Tokens((String) response.get("access_token"), (String) response.get("id_token"));
		}

	}

	/**
	 * What the token endpoint answered.
	 *
	 * @param accessToken the access token
	 * @param idToken the ID token
	 */
	public record Tokens(String accessToken, String idToken) {

	}

}
