package dev.gatehouse.auth.authzen;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.LongSupplier;

import dev.gatehouse.auth.spi.DecisionEngineHealth;
import dev.gatehouse.auth.spi.VerifierHealth;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Sends AuthZEN access evaluations to one policy decision point over HTTP: one evaluation
 * to {@code /access/v1/evaluation}, several to {@code /access/v1/evaluations} with
 * {@code deny_on_first_deny}, through Spring's {@link RestClient} on the JDK's
 * {@link HttpClient} (pooled keep-alive connections, the connect and read timeout, no
 * redirects followed). Endpoints come from {@code /.well-known/authzen-configuration}
 * when discovery is on; discovered endpoints must be on the base URL's origin, so the
 * configured headers (an {@code Authorization} for the engine) are sent nowhere else.
 *
 * <p>
 * Fails closed and gently: anything but a well-formed decision is an
 * {@link AuthZenUnavailableException}; a call is never retried; after
 * {@code failureThreshold} consecutive failures calls fail fast for {@code openInterval},
 * then one trial call decides whether the engine is back. Each call is an
 * {@link Observation} named {@value #OBSERVATION_NAME}. Header values appear in no log,
 * exception, health detail or {@link #toString()}. Thread-safe.
 */
public final class AuthZenClient implements DecisionEngineHealth {

	/** The observation of each call to the engine. */
	public static final String OBSERVATION_NAME = "gatehouse.authzen.request";

	/** The discovery document's path. */
	public static final String DISCOVERY_PATH = "/.well-known/authzen-configuration";

	/** The single evaluation endpoint's path without discovery. */
	public static final String EVALUATION_PATH = "/access/v1/evaluation";

	/** The batch evaluation endpoint's path without discovery. */
	public static final String EVALUATIONS_PATH = "/access/v1/evaluations";

	private static final Log logger = LogFactory.getLog(AuthZenClient.class);

	// A decision is a few bytes; anything this large is not one.
	private static final int MAX_RESPONSE_BYTES = 1024 * 1024;

	private static final Map<String, Object> DENY_ON_FIRST_DENY = Map.of("evaluations_semantic", "deny_on_first_deny");

	private final URI baseUrl;

	private final boolean discovery;

	private final RestClient restClient;

	private final JsonMapper json;

	private final AuthZenCircuit circuit;

	private final ObservationRegistry observations;

	private final TreeSet<String> headerNames;

	private volatile @Nullable Endpoints endpoints;

	private volatile @Nullable String lastFailure;

	/**
	 * Creates the client.
	 * @param settings where the engine is and how to reach it
	 * @param observations where each call is observed
	 */
	public AuthZenClient(Settings settings, ObservationRegistry observations) {
		this(settings, observations, System::nanoTime);
	}

	AuthZenClient(Settings settings, ObservationRegistry observations, LongSupplier nanoTime) {
		Objects.requireNonNull(settings, "settings must not be null");
		this.baseUrl = settings.baseUrl();
		this.discovery = settings.discovery();
		this.observations = Objects.requireNonNull(observations, "observations must not be null");
		this.circuit = new AuthZenCircuit(settings.failureThreshold(), settings.openInterval(), nanoTime);
		this.json = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
		HttpClient httpClient = HttpClient.newBuilder()
			.connectTimeout(settings.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(settings.timeout());
		this.restClient = RestClient.builder().requestFactory(requestFactory).defaultHeaders((headers) -> {
			settings.headers().forEach(headers::set);
			headers.setContentType(MediaType.APPLICATION_JSON);
			headers.setAccept(List.of(MediaType.APPLICATION_JSON));
		}).build();
		this.headerNames = new TreeSet<>(settings.headers().keySet());
		if (!this.discovery) {
			this.endpoints = new Endpoints(append(this.baseUrl, EVALUATION_PATH),
					append(this.baseUrl, EVALUATIONS_PATH));
		}
	}

	/**
	 * Fetches the discovery document, when discovery is on and the endpoints are not
	 * known yet; a failure is logged as a warning and shown by health, and the next
	 * evaluation tries again.
	 * @return whether the endpoints are known
	 */
	public boolean discover() {
		if (this.endpoints != null) {
			return true;
		}
		try {
			endpoints();
			return true;
		}
		catch (AuthZenUnavailableException ex) {
			this.lastFailure = ex.reason();
			logger.warn("The AuthZEN discovery document could not be read (" + ex.reason()
					+ "); the policy decision point is DOWN until it can be");
			return false;
		}
	}

	/**
	 * Evaluates in one call: a single evaluation through the evaluation endpoint, several
	 * through the evaluations endpoint, which stops at the first {@code false}.
	 * @param evaluations the evaluations, in order; at least one
	 * @param correlationId sent as {@code context.correlation_id}, or {@code null}
	 * @return the decisions, in order, up to and including the first {@code false}
	 * @throws AuthZenUnavailableException when the engine did not decide
	 */
	public List<Boolean> evaluate(List<AuthZenEvaluation> evaluations, @Nullable String correlationId) {
		if (evaluations.isEmpty()) {
			throw new IllegalArgumentException("at least one evaluation is needed");
		}
		if (!this.circuit.tryAcquire()) {
			throw new AuthZenUnavailableException("circuit open");
		}
		boolean batch = evaluations.size() > 1;
		Observation observation = Observation.createNotStarted(OBSERVATION_NAME, this.observations)
			.lowCardinalityKeyValue("gatehouse.authzen.endpoint", batch ? "evaluations" : "evaluation")
			.start();
		try {
			Endpoints endpoints = endpoints();
			List<Boolean> decisions = batch
					? decisions(post(endpoints.evaluations(), batchBody(evaluations, correlationId)),
							evaluations.size())
					: List.of(singleDecision(
							post(endpoints.evaluation(), evaluation(evaluations.get(0), correlationId))));
			this.circuit.succeeded();
			this.lastFailure = null;
			observation.lowCardinalityKeyValue("gatehouse.authzen.outcome", "decided");
			return decisions;
		}
		catch (AuthZenUnavailableException ex) {
			this.circuit.failed();
			this.lastFailure = ex.reason();
			observation.lowCardinalityKeyValue("gatehouse.authzen.outcome", "unavailable");
			observation.error(ex);
			if (logger.isDebugEnabled()) {
				logger.debug("The policy decision point did not decide: " + ex.reason());
			}
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	private Endpoints endpoints() {
		Endpoints endpoints = this.endpoints;
		if (endpoints != null) {
			return endpoints;
		}
		JsonNode document = parse(get(append(this.baseUrl, DISCOVERY_PATH)));
		URI evaluation = endpoint(document, "access_evaluation_endpoint", EVALUATION_PATH);
		URI evaluations = endpoint(document, "access_evaluations_endpoint", EVALUATIONS_PATH);
		endpoints = new Endpoints(evaluation, evaluations);
		this.endpoints = endpoints;
		return endpoints;
	}

	// An endpoint the document leaves out is the standard path; one on another origin is
	// refused, so that the engine's credentials go to the configured origin only.
	private URI endpoint(JsonNode document, String name, String defaultPath) {
		JsonNode value = document.get(name);
		if (value == null || value.isNull()) {
			return append(this.baseUrl, defaultPath);
		}
		if (!value.isString()) {
			throw new AuthZenUnavailableException("malformed discovery document");
		}
		URI endpoint;
		try {
			endpoint = URI.create(value.stringValue());
		}
		catch (IllegalArgumentException ex) {
			throw new AuthZenUnavailableException("malformed discovery document", ex);
		}
		if (!sameOrigin(endpoint, this.baseUrl)) {
			throw new AuthZenUnavailableException("discovered endpoint on another origin");
		}
		return endpoint;
	}

	// Below the base URL's path, so that a per-store base URL (OpenFGA's
	// /stores/{id}) keeps it.
	static URI append(URI base, String path) {
		String url = base.toString();
		return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) + path : url + path);
	}

	static boolean sameOrigin(URI candidate, URI base) {
		return candidate.getScheme() != null && candidate.getScheme().equalsIgnoreCase(base.getScheme())
				&& candidate.getHost() != null && candidate.getHost().equalsIgnoreCase(base.getHost())
				&& port(candidate) == port(base) && candidate.getRawUserInfo() == null;
	}

	private static int port(URI uri) {
		return (uri.getPort() != -1) ? uri.getPort() : ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
	}

	private byte[] get(URI uri) {
		try {
			return this.restClient.get().uri(uri).exchange((request, response) -> {
				requireSuccess(response.getStatusCode().value());
				return read(response.getBody());
			});
		}
		catch (RestClientException ex) {
			throw unavailable(ex);
		}
	}

	private byte[] post(URI uri, Map<String, Object> body) {
		byte[] bytes;
		try {
			bytes = this.json.writeValueAsBytes(body);
		}
		catch (JacksonException ex) {
			// A customizer's value Jackson cannot write: the request cannot be sent.
			throw new IllegalArgumentException("The AuthZEN request could not be written as JSON.", ex);
		}
		try {
			return this.restClient.post().uri(uri).body(bytes).exchange((request, response) -> {
				requireSuccess(response.getStatusCode().value());
				return read(response.getBody());
			});
		}
		catch (RestClientException ex) {
			throw unavailable(ex);
		}
	}

	private static void requireSuccess(int status) {
		if (status < 200 || status > 299) {
			throw new AuthZenUnavailableException("HTTP " + status);
		}
	}

	private static byte[] read(InputStream body) throws IOException {
		byte[] bytes = body.readNBytes(MAX_RESPONSE_BYTES + 1);
		if (bytes.length > MAX_RESPONSE_BYTES) {
			throw new AuthZenUnavailableException("response too large");
		}
		return bytes;
	}

	private static AuthZenUnavailableException unavailable(RestClientException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof AuthZenUnavailableException unavailable) {
				return unavailable;
			}
			if (cause instanceof HttpTimeoutException) {
				return new AuthZenUnavailableException("timeout", ex);
			}
			if (cause instanceof ConnectException) {
				return new AuthZenUnavailableException("connection refused", ex);
			}
		}
		return new AuthZenUnavailableException("I/O error", ex);
	}

	private JsonNode parse(byte[] body) {
		JsonNode root;
		try {
			root = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new AuthZenUnavailableException("malformed response", ex);
		}
		if (root == null || !root.isObject()) {
			throw new AuthZenUnavailableException("malformed response");
		}
		return root;
	}

	private boolean singleDecision(byte[] body) {
		return decision(parse(body));
	}

	private static boolean decision(@Nullable JsonNode evaluation) {
		JsonNode decision = (evaluation != null && evaluation.isObject()) ? evaluation.get("decision") : null;
		if (decision == null || !decision.isBoolean()) {
			throw new AuthZenUnavailableException("response without a decision");
		}
		return decision.booleanValue();
	}

	// Up to and including the first false; an answer that stops early without one, or
	// answers more than was asked, is not a decision.
	private List<Boolean> decisions(byte[] body, int asked) {
		JsonNode evaluations = parse(body).get("evaluations");
		if (evaluations == null || !evaluations.isArray() || evaluations.isEmpty() || evaluations.size() > asked) {
			throw new AuthZenUnavailableException("response without decisions");
		}
		List<Boolean> decisions = new ArrayList<>(evaluations.size());
		for (int i = 0; i < evaluations.size(); i++) {
			boolean decision = decision(evaluations.get(i));
			decisions.add(decision);
			if (!decision) {
				return decisions;
			}
		}
		if (decisions.size() < asked) {
			throw new AuthZenUnavailableException("response without decisions");
		}
		return decisions;
	}

	private static Map<String, Object> batchBody(List<AuthZenEvaluation> evaluations, @Nullable String correlationId) {
		List<Map<String, Object>> items = new ArrayList<>(evaluations.size());
		for (AuthZenEvaluation evaluation : evaluations) {
			items.add(evaluation(evaluation, correlationId));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("evaluations", items);
		body.put("options", DENY_ON_FIRST_DENY);
		return body;
	}

	private static Map<String, Object> evaluation(AuthZenEvaluation evaluation, @Nullable String correlationId) {
		Map<String, Object> body = new LinkedHashMap<>();
		AuthZenEvaluation.Subject subject = evaluation.subject();
		body.put("subject", entity(subject.type(), subject.id(), subject.properties()));
		body.put("action", Map.of("name", evaluation.action().name()));
		AuthZenEvaluation.Resource resource = evaluation.resource();
		body.put("resource", entity(resource.type(), resource.id(), resource.properties()));
		Map<String, Object> context = new LinkedHashMap<>(evaluation.context());
		if (correlationId != null) {
			context.put("correlation_id", correlationId);
		}
		body.put("context", context);
		return body;
	}

	private static Map<String, Object> entity(String type, String id, Map<String, Object> properties) {
		Map<String, Object> entity = new LinkedHashMap<>();
		entity.put("type", type);
		entity.put("id", id);
		if (!properties.isEmpty()) {
			entity.put("properties", properties);
		}
		return entity;
	}

	/**
	 * UP while the engine answers (or has not been asked yet), DOWN after a failed call
	 * or discovery and while the circuit is open, with the last failure's reason; never a
	 * header or URL.
	 */
	@Override
	public VerifierHealth.Status decisionEngineHealth() {
		Map<String, Object> details = new LinkedHashMap<>();
		AuthZenCircuit.State state = this.circuit.state();
		details.put("circuit", state.name());
		details.put("endpoints", (this.endpoints != null) ? "known" : "not discovered");
		String failure = this.lastFailure;
		if (failure != null) {
			details.put("lastFailure", failure);
		}
		// Without endpoints (discovery not done yet) it is not known to be able to
		// decide.
		boolean up = failure == null && state == AuthZenCircuit.State.CLOSED && this.endpoints != null;
		return up ? VerifierHealth.Status.up(details) : VerifierHealth.Status.down(details);
	}

	@Override
	public String toString() {
		// Header names only: their values are the engine's credentials.
		return "AuthZenClient[discovery=" + this.discovery + ", headers=" + this.headerNames + "]";
	}

	/**
	 * Where the engine is and how to reach it.
	 *
	 * @param baseUrl the engine's base URL
	 * @param discovery whether endpoints come from the discovery document
	 * @param timeout the connect and read timeout
	 * @param headers headers sent with every request (secrets)
	 * @param failureThreshold consecutive failures that open the circuit
	 * @param openInterval how long an open circuit fails calls fast
	 */
	public record Settings(URI baseUrl, boolean discovery, Duration timeout, Map<String, String> headers,
			int failureThreshold, Duration openInterval) {

		public Settings {
			Objects.requireNonNull(baseUrl, "baseUrl must not be null");
			if (!"http".equalsIgnoreCase(baseUrl.getScheme()) && !"https".equalsIgnoreCase(baseUrl.getScheme())
					|| baseUrl.getHost() == null) {
				throw new IllegalArgumentException("baseUrl must be an absolute http or https URL");
			}
			if (baseUrl.getRawUserInfo() != null || baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
				throw new IllegalArgumentException("baseUrl must not have user info, a query or a fragment");
			}
			Objects.requireNonNull(timeout, "timeout must not be null");
			if (timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException("timeout must be positive");
			}
			headers = Map.copyOf(Objects.requireNonNull(headers, "headers must not be null"));
			if (failureThreshold < 1) {
				throw new IllegalArgumentException("failureThreshold must be at least 1");
			}
			Objects.requireNonNull(openInterval, "openInterval must not be null");
			if (openInterval.isNegative() || openInterval.isZero()) {
				throw new IllegalArgumentException("openInterval must be positive");
			}
		}

		@Override
		public String toString() {
			return "Settings[baseUrl=" + this.baseUrl + ", discovery=" + this.discovery + ", timeout=" + this.timeout
					+ ", headers=" + new TreeSet<>(this.headers.keySet()) + ", failureThreshold="
					+ this.failureThreshold + ", openInterval=" + this.openInterval + "]";
		}

	}

	private record Endpoints(URI evaluation, URI evaluations) {

	}

}
