package dev.gatehouse.auth.autoconfigure.outbound;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import dev.gatehouse.auth.autoconfigure.snapshot.GatehouseSnapshotAutoConfiguration;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;
import dev.gatehouse.auth.outbound.OutboundCredentialUnavailableException;
import dev.gatehouse.auth.outbound.OutboundCredentials;
import dev.gatehouse.auth.outbound.OutboundRegistrationStatus;
import dev.gatehouse.auth.outbound.OutboundToken;
import dev.gatehouse.auth.outbound.OutboundTokenProvider;
import dev.gatehouse.auth.outbound.RedirectPolicy;
import dev.gatehouse.auth.startup.AuthStartupCapabilityDiagnostic;
import dev.gatehouse.auth.startup.AuthStartupCapabilityValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The outbound auto-configuration: one registration per
 * {@code gatehouse.outbound.registrations.<name>}, each misconfiguration reported in the
 * startup failure naming its property and never its value.
 */
@ExtendWith(OutputCaptureExtension.class)
class GatehouseOutboundAutoConfigurationTests {

	private static final String CLIENT_SECRET = "cs-7f1e0c9a4b2d8e6f";

	private static final String API_KEY = "ak-93d1c0b7e5f2a4c6";

	private static final String SNAPSHOT_SECRET = Base64.getEncoder()
		.encodeToString("0123456789abcdef0123456789abcdef-outbound".getBytes(StandardCharsets.US_ASCII));

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GatehouseSnapshotAutoConfiguration.class,
				GatehouseOutboundAutoConfiguration.class))
		.withPropertyValues("spring.application.name=orders");

	private static final String R = "gatehouse.outbound.registrations.";

	private final String[] clientCredentials = { R + "billing.type=client-credentials",
			R + "billing.allowed-hosts=127.0.0.1:*", R + "billing.token-uri=http://127.0.0.1:1/oauth2/token",
			R + "billing.client-id=orders", R + "billing.client-secret=" + CLIENT_SECRET,
			R + "billing.scopes=billing.read,billing.write" };

	@Test
	void createsAnEmptyRegistryWithoutRegistrations() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.getBean(OutboundCredentials.class)
			.satisfies((credentials) -> assertThat(credentials.status()).isEmpty()));
	}

	@Test
	void backsOffWhenGatehouseIsDisabled() {
		this.runner.withPropertyValues("gatehouse.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(OutboundCredentials.class));
	}

	@Test
	void configuresStaticClientCredentialsAndBeanRegistrations() {
		this.runner.withUserConfiguration(ProviderConfiguration.class)
			.withPropertyValues(this.clientCredentials)
			.withPropertyValues(R + "search.type=static", R + "search.allowed-hosts=127.0.0.1:*",
					R + "search.token=" + API_KEY, R + "search.header-name=X-Api-Key", R + "search.scheme=",
					R + "ledger.type=bean", R + "ledger.allowed-hosts=127.0.0.1:*", R + "ledger.bean-name=ledgerTokens")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				OutboundCredentials credentials = context.getBean(OutboundCredentials.class);
				assertThat(credentials.status())
					.extracting(OutboundRegistrationStatus::name, OutboundRegistrationStatus::type)
					.containsExactly(org.assertj.core.groups.Tuple.tuple("billing", "client-credentials"),
							org.assertj.core.groups.Tuple.tuple("search", "static"),
							org.assertj.core.groups.Tuple.tuple("ledger", "bean"));
				OutboundToken apiKey = credentials.token("search");
				assertThat(apiKey.value()).isEqualTo(API_KEY);
				assertThat(apiKey.headerName()).isEqualTo("X-Api-Key");
				assertThat(apiKey.scheme()).isEmpty();
				assertThat(credentials.token("ledger").value()).isEqualTo("ledger-token");
				assertThat(credentials.token("ledger")).isSameAs(credentials.token("ledger"));
			});
	}

	@Test
	void reportsAnUnreachableTokenEndpointWithoutTheSecret() {
		this.runner.withPropertyValues(this.clientCredentials).run((context) -> {
			OutboundCredentials credentials = context.getBean(OutboundCredentials.class);
			assertThatExceptionOfType(OutboundCredentialUnavailableException.class)
				.isThrownBy(() -> credentials.token("billing"))
				.withMessageContaining("billing")
				.withMessageNotContaining(CLIENT_SECRET);
			assertThat(credentials.status().get(0).lastError()).doesNotContain(CLIENT_SECRET);
			assertThat(credentials.refreshAll()).containsEntry("billing", false);
		});
	}

	@Test
	void signsTheBoundContextForASnapshotRegistration() {
		this.runner
			.withPropertyValues("gatehouse.snapshot.signing.key-id=k1",
					"gatehouse.snapshot.signing.secret=" + SNAPSHOT_SECRET,
					"gatehouse.snapshot.verification.keys.k1.secret=" + SNAPSHOT_SECRET, R + "downstream.type=snapshot",
					R + "downstream.allowed-hosts=127.0.0.1:*", R + "downstream.audience=billing")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				OutboundCredentials credentials = context.getBean(OutboundCredentials.class);
				assertThatExceptionOfType(OutboundCredentialUnavailableException.class)
					.isThrownBy(() -> credentials.token("downstream"));
				try (AuthContextScope scope = AuthContextHolder.open(AuthContext.builder("alice").build())) {
					OutboundToken token = credentials.token("downstream");
					assertThat(token.headerName()).isEqualTo("X-Auth-Context-Snapshot");
					assertThat(token.scheme()).isEmpty();
					assertThat(token.expiresAt()).isNotNull();
					String json = new String(java.util.Base64.getUrlDecoder().decode(token.value()),
							java.nio.charset.StandardCharsets.UTF_8);
					assertThat(json).contains("\"selected_claims\":{\"aud\":\"billing\"}");
				}
			});
	}

	@Test
	void failsOnAMissingType(CapturedOutput output) {
		this.runner.withPropertyValues(R + "billing.token=" + API_KEY)
			.run((context) -> assertFailure(context, R + "billing.type", "is not set"));
		assertThat(output).doesNotContain(API_KEY);
	}

	@Test
	void failsOnAnUnknownType() {
		this.runner.withPropertyValues(R + "billing.type=password", R + "billing.allowed-hosts=127.0.0.1:*")
			.run((context) -> assertFailure(context, R + "billing.type", "is not a known type"));
	}

	@Test
	void failsOnABlankStaticToken() {
		this.runner
			.withPropertyValues(R + "search.type=static", R + "search.allowed-hosts=127.0.0.1:*", R + "search.token= ")
			.run((context) -> assertFailure(context, R + "search.token", "is not set or blank"));
	}

	@Test
	void failsOnAStaticTokenWithALineBreak() {
		this.runner
			.withPropertyValues(R + "search.type=static", R + "search.allowed-hosts=127.0.0.1:*",
					R + "search.token=abc\r\nX-Evil: 1")
			.run((context) -> assertFailure(context, R + "search.token", "control character"));
	}

	@Test
	void failsOnABlankClientSecret(CapturedOutput output) {
		this.runner.withPropertyValues(this.clientCredentials)
			.withPropertyValues(R + "billing.client-secret=")
			.run((context) -> assertFailure(context, R + "billing.client-secret", "is not set or blank"));
	}

	@Test
	void failsOnAMissingClientIdAndReportsEveryProblemTogether() {
		this.runner
			.withPropertyValues(R + "billing.type=client-credentials", R + "billing.allowed-hosts=127.0.0.1:*",
					R + "billing.token-uri=not a uri", R + "billing.client-secret=" + CLIENT_SECRET,
					R + "search.type=bean", R + "search.allowed-hosts=127.0.0.1:*")
			.run((context) -> {
				assertFailure(context, R + "billing.token-uri", "absolute http or https URI");
				assertFailure(context, R + "search.bean-name", "is not set or blank");
			});
		this.runner
			.withPropertyValues(R + "billing.type=token-exchange", R + "billing.allowed-hosts=127.0.0.1:*",
					R + "billing.token-uri=https://idp/token", R + "billing.client-secret=" + CLIENT_SECRET)
			.run((context) -> assertFailure(context, R + "billing.client-id", "is not set or blank"));
	}

	@Test
	void failsOnAnUnsupportedClientAuthentication() {
		this.runner.withPropertyValues(this.clientCredentials)
			.withPropertyValues(R + "billing.client-authentication=private_key_jwt")
			.run((context) -> assertFailure(context, R + "billing.client-authentication", "not a supported"));
	}

	@Test
	void failsWhenOAuth2ClientIsMissing() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.security.oauth2.client"))
			.withPropertyValues(this.clientCredentials)
			.run((context) -> assertFailure(context, R + "billing.type", "spring-security-oauth2-client"));
	}

	@Test
	void needsNoOAuth2ClientForOtherTypes() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.security.oauth2.client"))
			.withPropertyValues(R + "search.type=static", R + "search.allowed-hosts=127.0.0.1:*",
					R + "search.token=" + API_KEY)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(OutboundCredentials.class));
	}

	@Test
	void failsOnASnapshotRegistrationWithoutASigner() {
		this.runner
			.withPropertyValues(R + "downstream.type=snapshot", R + "downstream.allowed-hosts=127.0.0.1:*",
					R + "downstream.audience=billing")
			.run((context) -> assertFailure(context, R + "downstream.type", "no SnapshotSigner"));
	}

	@Test
	void failsOnASnapshotRegistrationWithoutAnAudience() {
		this.runner
			.withPropertyValues("gatehouse.snapshot.signing.key-id=k1",
					"gatehouse.snapshot.signing.secret=" + SNAPSHOT_SECRET,
					"gatehouse.snapshot.verification.keys.k1.secret=" + SNAPSHOT_SECRET, R + "downstream.type=snapshot",
					R + "downstream.allowed-hosts=127.0.0.1:*")
			.run((context) -> assertFailure(context, R + "downstream.audience", "blank"));
	}

	@Test
	void failsOnABeanNameThatNamesNoProvider() {
		this.runner
			.withPropertyValues(R + "ledger.type=bean", R + "ledger.allowed-hosts=127.0.0.1:*",
					R + "ledger.bean-name=missing")
			.run((context) -> assertFailure(context, R + "ledger.bean-name", "names no OutboundTokenProvider"));
	}

	@Test
	void failsOnNegativeDurations() {
		this.runner.withPropertyValues("gatehouse.outbound.retry-backoff=-1s")
			.run((context) -> assertFailure(context, "gatehouse.outbound.retry-backoff", "negative"));
		this.runner.withPropertyValues("gatehouse.outbound.timeout=0s")
			.run((context) -> assertFailure(context, "gatehouse.outbound.timeout", "not positive"));
	}

	@Test
	void failsOnAMissingAllowedHostsNamingTheProperty() {
		this.runner.withPropertyValues(R + "search.type=static", R + "search.token=" + API_KEY)
			.run((context) -> assertFailure(context, R + "search.allowed-hosts", "is not set"));
	}

	@Test
	void failsOnAnAllowedHostThatIsAUrl() {
		this.runner
			.withPropertyValues(R + "search.type=static", R + "search.token=" + API_KEY,
					R + "search.allowed-hosts=search.internal,https://search.internal/v1")
			.run((context) -> assertFailure(context, R + "search.allowed-hosts", "is not a host or host:port"));
	}

	@Test
	void bindsARegistrationWithoutAllowedHostsToItsHttpServiceClientGroupsBaseUrl() {
		this.runner
			.withPropertyValues(R + "search.type=static", R + "search.token=" + API_KEY,
					"spring.http.serviceclient.search.base-url=https://search.internal:8443/api")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				OutboundCredentials credentials = context.getBean(OutboundCredentials.class);
				assertThat(credentials.contains("search")).isTrue();
			});
		this.runner
			.withPropertyValues(R + "search.type=static", R + "search.token=" + API_KEY,
					"spring.http.serviceclient.search.base-url=/api")
			.run((context) -> assertFailure(context, R + "search.allowed-hosts", "names no host"));
	}

	@Test
	void reportsAMissingAllowedHostsWithTheRegistrationsOtherProblems() {
		this.runner.withPropertyValues(R + "search.type=static", R + "search.token= ").run((context) -> {
			assertFailure(context, R + "search.allowed-hosts", "is not set");
			assertFailure(context, R + "search.token", "is not set or blank");
		});
	}

	@Test
	void buildsTheRedirectPolicyFromTheSnapshotHeaderAndEveryRegistrationsHeader() {
		this.runner
			.withPropertyValues(R + "search.type=static", R + "search.token=" + API_KEY,
					R + "search.header-name=X-Search-Key", R + "search.allowed-hosts=search.internal",
					"gatehouse.snapshot.propagation.header=X-Snapshot", "gatehouse.outbound.max-redirects=2")
			.run((context) -> {
				RedirectPolicy policy = context.getBean(RedirectPolicy.class);
				assertThat(policy.sensitiveHeaders()).contains("X-Search-Key", "X-Snapshot", "Authorization");
				assertThat(policy.maxRedirects()).isEqualTo(2);
			});
		this.runner.withPropertyValues("gatehouse.outbound.max-redirects=-1")
			.run((context) -> assertFailure(context, "gatehouse.outbound.max-redirects", "is negative"));
	}

	@Test
	void makesBootsRequestFactoryBuilderFollowRedirectsThroughThePolicy() {
		this.runner
			.withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
					ImperativeHttpClientAutoConfiguration.class))
			.run((context) -> {
				ClientHttpRequestFactoryBuilder<?> builder = context.getBean(ClientHttpRequestFactoryBuilder.class);
				assertThat(builder.build()).isInstanceOf(RedirectPolicy.class.getClassLoader()
					.loadClass("dev.gatehouse.auth.outbound.RedirectSafeClientHttpRequestFactory"));
				assertThat(builder.build(HttpClientSettings.defaults().withRedirects(HttpRedirects.DONT_FOLLOW)))
					.isInstanceOf(JdkClientHttpRequestFactory.class);
				assertThat(builder.toString()).startsWith("RedirectSafeRequestFactoryBuilder[");
			});
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.http.client"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(RedirectPolicy.class)
				.doesNotHaveBean("gatehouseRedirectSafeRequestFactoryBuilderCustomizer"));
	}

	private static void assertFailure(AssertableApplicationContext context, String property, String problem) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		while (failure != null && !(failure instanceof AuthStartupCapabilityValidationException)) {
			failure = failure.getCause();
		}
		assertThat(failure).as("a startup validation failure in %s", context.getStartupFailure())
			.isInstanceOf(AuthStartupCapabilityValidationException.class);
		List<AuthStartupCapabilityDiagnostic> diagnostics = ((AuthStartupCapabilityValidationException) failure)
			.diagnostics();
		assertThat(diagnostics).anySatisfy((diagnostic) -> {
			assertThat(diagnostic.kind()).isEqualTo(AuthStartupCapabilityDiagnostic.Kind.INVALID_CONFIGURATION);
			assertThat(diagnostic.boundary()).isEqualTo(property);
			assertThat(diagnostic.problem()).contains(problem);
		});
		assertThat(failure.getMessage()).doesNotContain(CLIENT_SECRET).doesNotContain(API_KEY).doesNotContain("abc");
	}

	@Configuration(proxyBeanMethods = false)
	static class ProviderConfiguration {

		@Bean
		OutboundTokenProvider ledgerTokens() {
			return (request) -> OutboundToken.bearer("ledger-token", null);
		}

	}

}
