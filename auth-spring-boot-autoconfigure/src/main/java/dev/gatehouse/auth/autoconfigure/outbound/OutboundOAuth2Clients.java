package dev.gatehouse.auth.autoconfigure.outbound;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.gatehouse.auth.outbound.ClientCredentialsTokenProvider;
import dev.gatehouse.auth.outbound.OutboundTokenProvider;
import dev.gatehouse.auth.outbound.TokenExchangeTokenProvider;
import org.jspecify.annotations.Nullable;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.AbstractOAuth2AuthorizationGrantRequest;
import org.springframework.security.oauth2.client.endpoint.AbstractRestClientOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientTokenExchangeTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * Builds the OAuth 2.0 token providers on spring-security-oauth2-client's token response
 * clients; only loaded when that optional dependency is present.
 */
final class OutboundOAuth2Clients {

	// Form parameters whose values are secrets (RFC 6749, 7521, 7636, 8693).
	private static final Set<String> SECRET_PARAMETERS = Set.of("client_secret", "client_assertion", "subject_token",
			"actor_token", "assertion", "password", "refresh_token", "code", "code_verifier");

	private OutboundOAuth2Clients() {
	}

	static OutboundTokenProvider clientCredentials(Client client) {
		RestClientClientCredentialsTokenResponseClient responseClient = new RestClientClientCredentialsTokenResponseClient();
		configure(responseClient, client);
		return new ClientCredentialsTokenProvider(registration(client, AuthorizationGrantType.CLIENT_CREDENTIALS),
				responseClient);
	}

	static OutboundTokenProvider tokenExchange(Client client) {
		RestClientTokenExchangeTokenResponseClient responseClient = new RestClientTokenExchangeTokenResponseClient();
		configure(responseClient, client);
		return new TokenExchangeTokenProvider(registration(client, AuthorizationGrantType.TOKEN_EXCHANGE),
				responseClient);
	}

	private static ClientRegistration registration(Client client, AuthorizationGrantType grantType) {
		return ClientRegistration.withRegistrationId(client.name())
			.clientId(client.clientId())
			.clientSecret(client.clientSecret())
			.clientAuthenticationMethod(client.post() ? ClientAuthenticationMethod.CLIENT_SECRET_POST
					: ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(grantType)
			.tokenUri(client.tokenUri())
			.scope(client.scopes())
			.build();
	}

	private static <T extends AbstractOAuth2AuthorizationGrantRequest> void configure(
			AbstractRestClientOAuth2AccessTokenResponseClient<T> responseClient, Client client) {
		responseClient.setRestClient(restClient(client.timeout()));
		responseClient.setParametersCustomizer(OutboundOAuth2Clients::redactInToString);
		String audience = client.audience();
		if (audience != null && !audience.isBlank()) {
			responseClient.addParametersConverter((grantRequest) -> {
				MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
				parameters.add("audience", audience);
				return parameters;
			});
		}
	}

	// DefaultRestClient logs every request body at DEBUG as "Writing [" + body + "]",
	// which for this form is the client secret (client_secret_post) and the caller's
	// bearer token (subject_token). The values stay in the form; only their toString()
	// is redacted, so the log line shows the parameter names alone.
	private static void redactInToString(MultiValueMap<String, String> parameters) {
		for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
			if (SECRET_PARAMETERS.contains(parameter.getKey())) {
				parameter.setValue(new RedactedValues(parameter.getValue()));
			}
		}
	}

	/** The values as they are, but {@code [REDACTED]} in {@link #toString()}. */
	static final class RedactedValues extends AbstractList<String> {

		private final List<String> values;

		RedactedValues(List<String> values) {
			this.values = new ArrayList<>(values);
		}

		@Override
		public String get(int index) {
			return this.values.get(index);
		}

		@Override
		public int size() {
			return this.values.size();
		}

		@Override
		public String toString() {
			return "[REDACTED]";
		}

	}

	// The token response client's own defaults, plus timeouts: a hanging token endpoint
	// must not hold every waiting caller forever.
	private static RestClient restClient(Duration timeout) {
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(timeout).build());
		requestFactory.setReadTimeout(timeout);
		return RestClient.builder()
			.requestFactory(requestFactory)
			.configureMessageConverters((converters) -> converters.addCustomConverter(new FormHttpMessageConverter())
				.addCustomConverter(new StringHttpMessageConverter())
				.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build();
	}

	/** What a client registration is built from. */
	record Client(String name, String tokenUri, String clientId, String clientSecret, List<String> scopes,
			@Nullable String audience, boolean post, Duration timeout) {

		@Override
		public String toString() {
			return "Client[name=" + this.name + ", tokenUri=" + this.tokenUri + ", clientId=" + this.clientId
					+ ", clientSecret=[REDACTED]]";
		}

	}

}
