package dev.gatehouse.auth.autoconfigure.web;

import dev.gatehouse.auth.authentication.CompositeAuthenticator;
import dev.gatehouse.auth.autoconfigure.authentication.GatehouseAuthenticationAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.enforcement.AuthRequirementEvaluator;
import dev.gatehouse.auth.enforcement.RejectedCredentialLookup;
import dev.gatehouse.auth.metadata.RequestValueParameters;
import dev.gatehouse.auth.spi.Authenticator;
import dev.gatehouse.auth.web.AuthContextFilter;
import dev.gatehouse.auth.web.AuthExceptionHandler;
import dev.gatehouse.auth.web.CredentialCarrierExtractor;
import dev.gatehouse.auth.web.HandlerRequestValueParameters;
import dev.gatehouse.auth.web.HttpInvocationResolver;
import dev.gatehouse.auth.web.RequestRejectedCredentialLookup;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;

import static org.assertj.core.api.Assertions.assertThat;

class GatehouseWebAutoConfigurationTests {

	private static final String[] API_KEY = {
			"gatehouse.api-keys[0].sha256=62af8704764faf8ea82fc61ce9c4c3908b6cb97d463a634e9e587d7c885db0ef",
			"gatehouse.api-keys[0].subject=svc" };

	private static final AutoConfigurations GATEHOUSE = AutoConfigurations.of(GatehouseAutoConfiguration.class,
			GatehouseAuthenticationAutoConfiguration.class, GatehouseWebAutoConfiguration.class);

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(GATEHOUSE);

	@Test
	void registersFilterAfterSpringSecurityAndExceptionHandler() {
		this.contextRunner.withPropertyValues(API_KEY).run((context) -> {
			assertThat(context).hasNotFailed();
			FilterRegistrationBean<?> registration = context.getBean("gatehouseAuthContextFilter",
					FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(AuthContextFilter.class);
			assertThat(registration.getOrder()).isEqualTo(-101).isLessThan(-100).isGreaterThan(-105);
			assertThat(registration.getFilterName()).isEqualTo("gatehouseAuthContextFilter");
			assertThat(registration.getUrlPatterns()).isEmpty();
			assertThat(context).hasSingleBean(AuthExceptionHandler.class);
			assertThat(context).hasSingleBean(HttpInvocationResolver.class);
			assertThat(context.getBean(CredentialCarrierExtractor.class).apiKeyHeader()).isEqualTo("X-API-Key");
		});
	}

	@Test
	void readsApiKeysFromConfiguredHeader() {
		this.contextRunner.withPropertyValues("gatehouse.api-key-header=X-Service-Key")
			.run((context) -> assertThat(context.getBean(CredentialCarrierExtractor.class).apiKeyHeader())
				.isEqualTo("X-Service-Key"));
	}

	@Test
	void registersFilterEvenWithoutAuthenticator() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(Authenticator.class);
			assertThat(context).hasBean("gatehouseAuthContextFilter");
		});
	}

	@Test
	void backsOffForApplicationsOwnFilterRegistration() {
		this.contextRunner.withUserConfiguration(CustomFilterConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean("gatehouseAuthContextFilter");
			assertThat(context.getBean("customFilter", FilterRegistrationBean.class).getOrder()).isEqualTo(5);
		});
	}

	@Test
	void backsOffForApplicationsOwnExceptionHandler() {
		this.contextRunner.withUserConfiguration(CustomHandlerConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(AuthExceptionHandler.class);
			assertThat(context).hasBean("customHandler");
		});
	}

	@Test
	void registersNoWebBeansOutsideWebApplications() {
		new ApplicationContextRunner().withConfiguration(GATEHOUSE).withPropertyValues(API_KEY).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
			assertThat(context).doesNotHaveBean(AuthExceptionHandler.class);
			assertThat(context).hasSingleBean(CompositeAuthenticator.class);
		});
	}

	@Test
	void registersNoWebBeansInReactiveApplications() {
		new ReactiveWebApplicationContextRunner().withConfiguration(GATEHOUSE)
			.run((context) -> assertThat(context).doesNotHaveBean(AuthExceptionHandler.class)
				.doesNotHaveBean(CredentialCarrierExtractor.class));
	}

	@Test
	void tellsEnforcementAboutRequestValuesAndRejectedCredentials() {
		this.contextRunner.withPropertyValues(API_KEY).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).getBean(RequestValueParameters.class).isInstanceOf(HandlerRequestValueParameters.class);
			assertThat(context).getBean(RejectedCredentialLookup.class)
				.isInstanceOf(RequestRejectedCredentialLookup.class);
		});
	}

	@Test
	void backsOffForTheApplicationsRequestValuesAndRejectedCredentialLookup() {
		this.contextRunner.withUserConfiguration(CustomLookupConfiguration.class).run((context) -> {
			assertThat(context).getBean(RequestValueParameters.class)
				.isSameAs(CustomLookupConfiguration.REQUEST_VALUES);
			assertThat(context).getBean(RejectedCredentialLookup.class).isSameAs(CustomLookupConfiguration.LOOKUP);
		});
	}

	@Test
	void keepsCoreWorkingWithoutSpringMvc() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
			.withPropertyValues(API_KEY)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(FilterRegistrationBean.class)
					.doesNotHaveBean(AuthExceptionHandler.class)
					.doesNotHaveBean(CredentialCarrierExtractor.class);
				assertThat(context).hasSingleBean(AuthRequirementEvaluator.class);
				assertThat(context).hasSingleBean(CompositeAuthenticator.class);
			});
	}

	@Test
	void registersNothingWhenGatehouseIsDisabled() {
		this.contextRunner.withPropertyValues("gatehouse.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class)
				.doesNotHaveBean(AuthExceptionHandler.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomFilterConfiguration {

		@Bean
		FilterRegistrationBean<AuthContextFilter> customFilter() {
			FilterRegistrationBean<AuthContextFilter> registration = new FilterRegistrationBean<>(
					new AuthContextFilter(() -> null, new CredentialCarrierExtractor("X-Key"),
							new HttpInvocationResolver(new StaticListableBeanFactory())));
			registration.setOrder(5);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomLookupConfiguration {

		static final RequestValueParameters REQUEST_VALUES = (method, targetClass) -> null;

		static final RejectedCredentialLookup LOOKUP = () -> null;

		@Bean
		static RequestValueParameters customRequestValues() {
			return REQUEST_VALUES;
		}

		@Bean
		RejectedCredentialLookup customLookup() {
			return LOOKUP;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomHandlerConfiguration {

		@Bean
		AuthExceptionHandler customHandler() {
			return new AuthExceptionHandler();
		}

	}

}
