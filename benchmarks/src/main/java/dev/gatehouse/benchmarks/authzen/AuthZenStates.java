package dev.gatehouse.benchmarks.authzen;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.gatehouse.auth.authzen.AuthZenClient;
import dev.gatehouse.auth.authzen.AuthZenDecider;
import dev.gatehouse.auth.authzen.AuthZenPolicyEvaluator;
import dev.gatehouse.auth.authzen.AuthZenProfile;
import dev.gatehouse.auth.authzen.AuthZenRelationChecker;
import dev.gatehouse.auth.authzen.DefaultAuthZenRequestMapper;
import dev.gatehouse.auth.cache.AuthDecisionCache;
import dev.gatehouse.auth.cache.CaffeineAuthDecisionCache;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.enforcement.AuthRequirementEvaluator;
import dev.gatehouse.auth.metadata.AuthMetadataResolver;
import dev.gatehouse.auth.metadata.EffectiveAuthMetadata;
import dev.gatehouse.auth.spi.PolicyEvaluator;
import dev.gatehouse.auth.spi.RelationChecker;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The states of {@link AuthZenBenchmarks}: Gatehouse's evaluator over the AuthZEN adapter
 * and a real Cerbos, the floor's client with the bytes Gatehouse sends, and the cached
 * and no-op evaluators.
 */
public final class AuthZenStates {

	/** The connect and read timeout of both clients (Gatehouse's default). */
	static final Duration TIMEOUT = Duration.ofSeconds(1);

	private AuthZenStates() {
	}

	/**
	 * The caller: alice, role USER, tenant acme (the three requirements allow her).
	 * @return the caller's context
	 */
	static AuthContext caller() {
		return AuthContext.builder("alice").roles("USER").tenant("acme").build();
	}

	static EffectiveAuthMetadata metadata(String method, Class<?>... parameterTypes) {
		try {
			return new AuthMetadataResolver().resolve(Documents.class.getMethod(method, parameterTypes),
					Documents.class);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Gatehouse's AuthZEN ports over one decider, with the default mapper in the
	 * {@code cerbos} profile, no customizer, and the given cache.
	 */
	static AuthRequirementEvaluator gatehouse(URI baseUrl, @Nullable AuthDecisionCache cache) {
		AuthZenClient client = new AuthZenClient(
				new AuthZenClient.Settings(baseUrl, false, TIMEOUT, Map.of(), 5, Duration.ofSeconds(10)),
				ObservationRegistry.NOOP);
		AuthZenDecider decider = new AuthZenDecider(client,
				new DefaultAuthZenRequestMapper(AuthZenProfile.CERBOS, "user", List.of()), List.of(), cache);
		RelationChecker relations = new AuthZenRelationChecker(decider);
		PolicyEvaluator policies = new AuthZenPolicyEvaluator(decider);
		return evaluator(relations, policies);
	}

	static AuthRequirementEvaluator evaluator(@Nullable RelationChecker relations, @Nullable PolicyEvaluator policies) {
		return new AuthRequirementEvaluator(none(), none(), none(), () -> relations, () -> policies);
	}

	private static <T> Supplier<@Nullable T> none() {
		return () -> null;
	}

	/**
	 * A real Cerbos; Gatehouse's evaluator over it (uncached); and the floor: a
	 * {@link RestClient} on a {@link JdkClientHttpRequestFactory} over the JDK's
	 * {@link HttpClient}, built as Gatehouse builds its own, that posts the bytes
	 * Gatehouse sends for the same calls (captured once by a recording endpoint).
	 */
	@State(Scope.Benchmark)
	public static class Pdp {

		/** One PDP-backed requirement. */
		public EffectiveAuthMetadata one;

		/** Three PDP-backed requirements on one boundary. */
		public EffectiveAuthMetadata three;

		/** The caller. */
		public AuthContext caller;

		/** The arguments of {@link Documents#edit}. */
		public Object[] oneArguments = { "2" };

		/** The arguments of {@link Documents#editFromReport}. */
		public Object[] threeArguments = { "2", "3", "acme" };

		/** Gatehouse over Cerbos, uncached. */
		public AuthRequirementEvaluator gatehouse;

		/** The floor's client. */
		public RestClient floor;

		/** Cerbos's evaluation endpoint. */
		public URI evaluation;

		/** Cerbos's evaluations endpoint. */
		public URI evaluations;

		/** The bytes Gatehouse sends for {@link #one}. */
		public byte[] oneBody;

		/** The bytes Gatehouse sends for {@link #three}. */
		public byte[] threeBody;

		private CerbosPdp cerbos;

		/** Starts Cerbos, captures the request bodies and builds both clients. */
		@Setup(Level.Trial)
		public void start() {
			this.one = metadata("edit", String.class);
			this.three = metadata("editFromReport", String.class, String.class, String.class);
			this.caller = caller();
			try (RecordingPdp recorder = new RecordingPdp(3)) {
				AuthRequirementEvaluator recorded = gatehouse(recorder.baseUrl(), null);
				recorded.enforce(this.one, this.caller, this.oneArguments);
				this.oneBody = recorder.lastBody();
				recorded.enforce(this.three, this.caller, this.threeArguments);
				this.threeBody = recorder.lastBody();
			}
			this.cerbos = CerbosPdp.start();
			this.gatehouse = gatehouse(this.cerbos.baseUrl(), null);
			this.evaluation = URI.create(this.cerbos.baseUrl() + AuthZenClient.EVALUATION_PATH);
			this.evaluations = URI.create(this.cerbos.baseUrl() + AuthZenClient.EVALUATIONS_PATH);
			HttpClient httpClient = HttpClient.newBuilder()
				.connectTimeout(TIMEOUT)
				.followRedirects(HttpClient.Redirect.NEVER)
				.build();
			JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
			requestFactory.setReadTimeout(TIMEOUT);
			this.floor = RestClient.builder().requestFactory(requestFactory).defaultHeaders((headers) -> {
				headers.setContentType(MediaType.APPLICATION_JSON);
				headers.setAccept(List.of(MediaType.APPLICATION_JSON));
			}).build();
		}

		/**
		 * Posts a body and returns the answer's bytes, as the floor does.
		 * @param uri the endpoint
		 * @param body the request body
		 * @return the answer
		 */
		public byte[] post(URI uri, byte[] body) {
			return this.floor.post().uri(uri).body(body).exchange((request, response) -> {
				int status = response.getStatusCode().value();
				if (status < 200 || status > 299) {
					throw new IOException("HTTP " + status);
				}
				return response.getBody().readAllBytes();
			});
		}

		/** Stops Cerbos. */
		@TearDown(Level.Trial)
		public void stop() {
			if (this.cerbos != null) {
				this.cerbos.close();
			}
		}

	}

	/**
	 * The cached decision and its peer: Gatehouse's AuthZEN relation port with a warm
	 * {@link CaffeineAuthDecisionCache} (warmed by one allowed answer of a recording
	 * endpoint, which is then stopped: a miss would fail the call), and the same
	 * evaluator with a relation checker that allows without asking anyone.
	 */
	@State(Scope.Benchmark)
	public static class Cached {

		/** One PDP-backed requirement. */
		public EffectiveAuthMetadata one;

		/** The caller. */
		public AuthContext caller;

		/** The arguments of {@link Documents#edit}. */
		public Object[] arguments = { "2" };

		/** Gatehouse's AuthZEN port with a warm decision cache. */
		public AuthRequirementEvaluator cached;

		/** The peer: a relation checker that returns ALLOW. */
		public AuthRequirementEvaluator noOp;

		/** Builds both evaluators and warms the cache. */
		@Setup(Level.Trial)
		public void warm() {
			this.one = metadata("edit", String.class);
			this.caller = caller();
			CaffeineAuthDecisionCache cache = new CaffeineAuthDecisionCache(Duration.ofHours(1), 10_000);
			try (RecordingPdp recorder = new RecordingPdp(1)) {
				this.cached = gatehouse(recorder.baseUrl(), cache);
				this.cached.enforce(this.one, this.caller, this.arguments);
			}
			RelationChecker allow = (request) -> AuthorizationDecision.allow();
			this.noOp = evaluator(allow, null);
		}

	}

}
