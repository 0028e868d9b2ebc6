package dev.gatehouse.auth.outbound;

import dev.gatehouse.auth.autoconfigure.outbound.GatehouseOutboundAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.snapshot.GatehouseSnapshotAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.HttpServiceGroupConfigurer;
import org.springframework.web.service.registry.ImportHttpServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP service client groups ({@code @ImportHttpServices}) named like an outbound
 * registration send its token; other groups send none.
 */
class OutboundHttpServiceGroupTests {

	private static Downstream downstream;

	@Test
	void givesAGroupNamedLikeARegistrationItsToken() throws Exception {
		try (Downstream server = Downstream.answering((hit) -> 200)) {
			downstream = server;
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(GatehouseSnapshotAutoConfiguration.class,
						GatehouseOutboundAutoConfiguration.class))
				.withUserConfiguration(ClientsConfiguration.class)
				.withPropertyValues("gatehouse.outbound.registrations.billing.type=static",
						"gatehouse.outbound.registrations.billing.token=billing-key-3f9a",
						// No allowed-hosts: the group's base URL names the host.
						"spring.http.serviceclient.billing.base-url=" + server.url().replace("/orders", ""))
				.run((context) -> {
					assertThat(context).hasNotFailed();
					context.getBean(BillingClient.class).invoices();
					context.getBean(CatalogClient.class).items();
				});
			assertThat(server.hits()).hasSize(2);
			assertThat(server.hits().get(0).authorization()).containsExactly("Bearer billing-key-3f9a");
			assertThat(server.hits().get(1).authorization()).isEmpty();
		}
	}

	interface BillingClient {

		@GetExchange("/invoices")
		String invoices();

	}

	interface CatalogClient {

		@GetExchange("/items")
		String items();

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "billing", types = BillingClient.class)
	@ImportHttpServices(group = "catalog", types = CatalogClient.class)
	static class ClientsConfiguration {

		@Bean
		RestClientHttpServiceGroupConfigurer baseUrls() {
			return (groups) -> groups.forEachClient(
					(HttpServiceGroupConfigurer.ClientCallback<org.springframework.web.client.RestClient.Builder>) (
							group, builder) -> builder.baseUrl(downstream.url().replace("/orders", ""))
								.requestFactory(new JdkClientHttpRequestFactory()));
		}

	}

}
