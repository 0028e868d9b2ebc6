package dev.gatehouse.auth.autoconfigure.core;

import java.util.Arrays;

import dev.gatehouse.auth.autoconfigure.authentication.GatehouseAuthenticationAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.jwt.GatehouseJwtAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.startup.GatehouseStartupValidationAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.web.GatehouseWebAutoConfiguration;
import dev.gatehouse.auth.metadata.AuthMetadataResolver;
import dev.gatehouse.auth.startup.AuthStartupCapabilityValidator;
import dev.gatehouse.auth.web.AuthExceptionHandler;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code gatehouse.enabled=false} turns every Gatehouse auto-configuration off through
 * the one composed condition, and leaves the other switches working beside it.
 */
class ConditionalOnGatehouseEnabledTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, GatehouseAutoConfiguration.class,
				GatehouseStartupValidationAutoConfiguration.class, GatehouseJwtAutoConfiguration.class,
				GatehouseAuthenticationAutoConfiguration.class, GatehouseWebAutoConfiguration.class,
				DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class))
		.withPropertyValues("gatehouse.jwt.secret=c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldC0zMi1ieXRlcw==",
				"gatehouse.api-keys[0].subject=ops",
				"gatehouse.api-keys[0].sha256=62af8704764faf8ea82fc61ce9c4c3908b6cb97d463a634e9e587d7c885db0ef");

	@Test
	void registersEveryPartWhenEnabled() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(AuthMetadataResolver.class)
				.hasSingleBean(AuthStartupCapabilityValidator.class)
				.hasSingleBean(AuthExceptionHandler.class)
				.hasBean("gatehouseAuthenticator")
				.hasBean("gatehouseAuthContextFilter");
		});
	}

	@Test
	void registersNoGatehouseBeanWhenDisabled() {
		this.contextRunner.withPropertyValues("gatehouse.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(Arrays.stream(context.getBeanDefinitionNames())
				.map((name) -> context.getBeanFactory().getMergedBeanDefinition(name).getBeanClassName())
				.filter((className) -> className != null && className.startsWith("dev.gatehouse."))).isEmpty();
			assertThat(context).doesNotHaveBean(AuthMetadataResolver.class)
				.doesNotHaveBean("gatehouseAuthContextFilter");
		});
	}

	@Test
	void keepsStartupValidationSwitchIndependent() {
		this.contextRunner.withPropertyValues("gatehouse.startup-validation.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(AuthMetadataResolver.class)
				.doesNotHaveBean(AuthStartupCapabilityValidator.class);
		});
	}

}
