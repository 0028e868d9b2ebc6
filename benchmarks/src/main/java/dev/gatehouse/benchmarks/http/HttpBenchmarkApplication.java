package dev.gatehouse.benchmarks.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The application the HTTP benchmark drives: one embedded Tomcat on 127.0.0.1 with three
 * endpoints that return the same body ({@code GET /unprotected/hello},
 * {@code /gatehouse/hello}, {@code /security/hello}). Gatehouse and Spring Security are
 * both active for every request, as in an application that has both; each endpoint asks
 * only one of them for work:
 * <ul>
 * <li>{@code /gatehouse/hello}: Gatehouse's filter authenticates the
 * {@value #GATEHOUSE_KEY_HEADER} header against {@code gatehouse.api-keys}, its advisor
 * checks {@code @RequireRole("REPORTER")};</li>
 * <li>{@code /security/hello}: Spring Security's filter chain authenticates the
 * {@value #SPRING_SECURITY_KEY_HEADER} header ({@link SpringSecurityApiKeyFilter}),
 * method security checks {@code @PreAuthorize("hasRole('REPORTER')")}. A different
 * header, because Gatehouse's filter authenticates every request that carries
 * {@value #GATEHOUSE_KEY_HEADER}, whatever its path;</li>
 * <li>{@code /unprotected/hello}: called without a credential, so neither stack
 * authenticates anything.</li>
 * </ul>
 * Both stacks know the same two keys: {@link #REPORTER_KEY} (role REPORTER) and
 * {@link #VIEWER_KEY} (role VIEWER). They are fixed, public benchmark values, not
 * secrets.
 *
 * <p>
 * Start it from the benchmarks jar with
 * {@code java -cp benchmarks/target/benchmarks.jar dev.gatehouse.benchmarks.http.HttpBenchmarkApplication};
 * the port is 8089 unless {@code --server.port} (0 for a random one) says otherwise.
 * Logging is at WARN so that it does not dominate what is measured.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ HelloControllers.UnprotectedController.class, HelloControllers.GatehouseController.class,
		HelloControllers.SpringSecurityController.class, SpringSecurityConfiguration.class })
public class HttpBenchmarkApplication {

	/** The header Gatehouse reads the API key from (its default). */
	public static final String GATEHOUSE_KEY_HEADER = "X-API-Key";

	/** The header the Spring Security peer reads the API key from. */
	public static final String SPRING_SECURITY_KEY_HEADER = "X-Security-Key";

	/** A key whose owner has the role both protected endpoints require. */
	public static final String REPORTER_KEY = "bench-reporter-key-7f3a91c2";

	/** A valid key whose owner lacks that role. */
	public static final String VIEWER_KEY = "bench-viewer-key-2d84e6b0";

	/** The header that carries a signed context snapshot (Gatehouse's default). */
	public static final String SNAPSHOT_HEADER = "X-Auth-Context-Snapshot";

	/**
	 * The id of the HS256 snapshot key an upstream service signs with and this
	 * application verifies.
	 */
	static final String SNAPSHOT_KEY_ID = "upstream-1";

	/** The audience upstream snapshots are signed for: this application's. */
	static final String SNAPSHOT_AUDIENCE = "http-benchmark";

	/** The snapshot key: 32 fixed bytes, base64; a benchmark fixture, not a secret. */
	static final String SNAPSHOT_SECRET = Base64.getEncoder()
		.encodeToString("http-benchmark-snapshot-key-0001".getBytes(StandardCharsets.US_ASCII));

	/** The role both protected endpoints require. */
	static final String ROLE = "REPORTER";

	/** The port used when none is given. */
	static final int DEFAULT_PORT = 8089;

	/**
	 * Starts the application and prints the address it listens on.
	 * @param args Spring Boot arguments, for example {@code --server.port=9000}
	 */
	public static void main(String[] args) {
		ConfigurableApplicationContext context = start(args);
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		// Logging is at WARN, so Boot does not say where it listens; the run script waits
		// for this address.
		System.out.println("HTTP benchmark application listening on http://127.0.0.1:" + port);
	}

	/**
	 * Starts the application with the benchmark's settings; arguments and system
	 * properties override them.
	 * @param args Spring Boot arguments
	 * @return the running application
	 */
	public static ConfigurableApplicationContext start(String... args) {
		SpringApplication application = new SpringApplication(HttpBenchmarkApplication.class);
		application.setDefaultProperties(defaultProperties());
		return application.run(args);
	}

	static Map<String, Object> defaultProperties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.address", "127.0.0.1");
		properties.put("server.port", DEFAULT_PORT);
		properties.put("spring.main.banner-mode", "off");
		properties.put("logging.level.root", "WARN");
		// The application has no users or passwords; without this, Boot would create one
		// and log its password.
		properties.put("spring.autoconfigure.exclude",
				"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration");
		properties.put("gatehouse.api-keys[0].sha256", sha256Hex(REPORTER_KEY));
		properties.put("gatehouse.api-keys[0].subject", "reporter");
		properties.put("gatehouse.api-keys[0].roles", ROLE);
		properties.put("gatehouse.api-keys[1].sha256", sha256Hex(VIEWER_KEY));
		properties.put("gatehouse.api-keys[1].subject", "viewer");
		properties.put("gatehouse.api-keys[1].roles", "VIEWER");
		// Also reached by another service: snapshots signed with the upstream key
		// authenticate too.
		properties.put("gatehouse.snapshot.verification.keys." + SNAPSHOT_KEY_ID + ".secret", SNAPSHOT_SECRET);
		properties.put("gatehouse.snapshot.verification.audiences", SNAPSHOT_AUDIENCE);
		return properties;
	}

	/**
	 * Returns the SHA-256 of a key as lower-case hexadecimal, the form
	 * {@code gatehouse.api-keys[i].sha256} takes.
	 * @param key the key
	 * @return 64 hexadecimal characters
	 */
	public static String sha256Hex(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
