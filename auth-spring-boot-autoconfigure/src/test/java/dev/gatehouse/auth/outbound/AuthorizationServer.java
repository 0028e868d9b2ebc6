package dev.gatehouse.auth.outbound;

import java.io.IOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spring Authorization Server on a random loopback port, with the clients the outbound
 * tests use, counting the token requests it receives per grant type. Its signing key is
 * generated in memory for each run.
 */
final class AuthorizationServer implements AutoCloseable {

	static final String CLIENT_ID = "orders";

	static final String CLIENT_SECRET = "orders-client-secret-9c41e7";

	/**
	 * Each caller's secret is this plus its client id: the in-memory repository wants
	 * distinct secrets.
	 */
	static final String CALLER_SECRET = "caller-secret-2b7f-";

	static final Duration TOKEN_TTL = Duration.ofMinutes(5);

	private static final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

	private final ConfigurableApplicationContext context;

	private AuthorizationServer(ConfigurableApplicationContext context) {
		this.context = context;
	}

	static AuthorizationServer start() {
		return new AuthorizationServer(new SpringApplicationBuilder(Application.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"gatehouse.enabled=false")
			.run());
	}

	String tokenUri() {
		return "http://127.0.0.1:" + ((WebServerApplicationContext) this.context).getWebServer().getPort()
				+ "/oauth2/token";
	}

	int requests(String grantType) {
		AtomicInteger count = requests.get(grantType);
		return (count != null) ? count.get() : 0;
	}

	void reset() {
		requests.clear();
	}

	@Override
	public void close() {
		this.context.close();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableWebSecurity
	static class Application {

		@Bean
		SecurityFilterChain authorizationServerSecurityFilterChain(HttpSecurity http) throws Exception {
			http.oauth2AuthorizationServer(Customizer.withDefaults())
				.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated());
			return http.build();
		}

		@Bean
		AuthorizationServerSettings authorizationServerSettings() {
			return AuthorizationServerSettings.builder().build();
		}

		@Bean
		RegisteredClientRepository registeredClientRepository() {
			TokenSettings tokens = TokenSettings.builder().accessTokenTimeToLive(TOKEN_TTL).build();
			RegisteredClient orders = RegisteredClient.withId(UUID.randomUUID().toString())
				.clientId(CLIENT_ID)
				.clientSecret("{noop}" + CLIENT_SECRET)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.authorizationGrantType(AuthorizationGrantType.TOKEN_EXCHANGE)
				.scope("billing.read")
				.scope("profile")
				.tokenSettings(tokens)
				.build();
			RegisteredClient alice = caller("alice", tokens);
			RegisteredClient bob = caller("bob", tokens);
			return new InMemoryRegisteredClientRepository(orders, alice, bob);
		}

		private static RegisteredClient caller(String id, TokenSettings tokens) {
			return RegisteredClient.withId(UUID.randomUUID().toString())
				.clientId(id)
				.clientSecret("{noop}" + CALLER_SECRET + id)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.scope("profile")
				.tokenSettings(tokens)
				.build();
		}

		/**
		 * The callers' client-credentials tokens stand in for user tokens here. Token
		 * exchange needs the subject token's authorization to name a principal, which a
		 * client-credentials authorization does not record, so one is added on save.
		 */
		@Bean
		OAuth2AuthorizationService authorizationService() {
			InMemoryOAuth2AuthorizationService delegate = new InMemoryOAuth2AuthorizationService();
			return new OAuth2AuthorizationService() {

				@Override
				public void save(OAuth2Authorization authorization) {
					if (authorization.getAttribute(Principal.class.getName()) == null) {
						authorization = OAuth2Authorization.from(authorization)
							.attribute(Principal.class.getName(),
									UsernamePasswordAuthenticationToken.authenticated(authorization.getPrincipalName(),
											null, List.of()))
							.build();
					}
					delegate.save(authorization);
				}

				@Override
				public void remove(OAuth2Authorization authorization) {
					delegate.remove(authorization);
				}

				@Override
				public OAuth2Authorization findById(String id) {
					return delegate.findById(id);
				}

				@Override
				public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
					return delegate.findByToken(token, tokenType);
				}

			};
		}

		@Bean
		JWKSource<SecurityContext> jwkSource() throws NoSuchAlgorithmException {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair keyPair = generator.generateKeyPair();
			RSAKey key = new RSAKey.Builder((RSAPublicKey) keyPair.getPublic())
				.privateKey((RSAPrivateKey) keyPair.getPrivate())
				.keyID(UUID.randomUUID().toString())
				.build();
			return new ImmutableJWKSet<>(new JWKSet(key));
		}

		@Bean
		FilterRegistrationBean<OncePerRequestFilter> tokenRequestCounter() {
			FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
					new OncePerRequestFilter() {

						@Override
						protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
								FilterChain chain) throws ServletException, IOException {
							if (request.getRequestURI().equals("/oauth2/token")) {
								String grantType = String.valueOf(request.getParameter("grant_type"));
								requests.computeIfAbsent(grantType, (key) -> new AtomicInteger()).incrementAndGet();
							}
							chain.doFilter(request, response);
						}

					});
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

}
