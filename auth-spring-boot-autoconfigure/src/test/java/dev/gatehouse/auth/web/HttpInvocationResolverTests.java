package dev.gatehouse.auth.web;

import java.util.Collections;
import java.util.List;

import dev.gatehouse.auth.spi.AuthInvocation;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

class HttpInvocationResolverTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DispatcherServletAutoConfiguration.class,
				WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class))
		.withUserConfiguration(ItemController.class);

	@Test
	void describesRequestByMatchedPatternAndHandler() {
		this.contextRunner.run((context) -> {
			AuthInvocation invocation = new HttpInvocationResolver(context)
				.resolve(new MockHttpServletRequest("GET", "/items/5"));
			assertThat(invocation.boundary()).isEqualTo("HTTP");
			assertThat(invocation.operation()).isEqualTo("GET /items/{id}");
			assertThat(invocation.attributes()).containsEntry(HttpInvocationResolver.HANDLER_ATTRIBUTE,
					"ItemController#item");
			assertThat(invocation.subject()).isNull();
		});
	}

	@Test
	void describesFunctionalEndpointByItsPattern() {
		this.contextRunner.withUserConfiguration(RouterConfiguration.class).run((context) -> {
			AuthInvocation invocation = new HttpInvocationResolver(context)
				.resolve(new MockHttpServletRequest("GET", "/fn/ada"));
			assertThat(invocation.operation()).isEqualTo("GET /fn/{name}");
			assertThat(invocation.attributes()).containsKey(HttpInvocationResolver.HANDLER_ATTRIBUTE);
		});
	}

	@Test
	void leavesRequestAttributesUntouched() {
		this.contextRunner.run((context) -> {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/items/5");
			request.setAttribute("existing", "value");
			new HttpInvocationResolver(context).resolve(request);
			List<String> names = Collections.list(request.getAttributeNames());
			assertThat(names).containsExactly("existing");
		});
	}

	@Test
	void fallsBackToPathWhenMappingRefusesRequest() {
		this.contextRunner.run((context) -> {
			AuthInvocation invocation = new HttpInvocationResolver(context)
				.resolve(new MockHttpServletRequest("DELETE", "/items/5"));
			assertThat(invocation.operation()).isEqualTo("DELETE /items/5");
			assertThat(invocation.attributes()).isEmpty();
		});
	}

	@Test
	void fallsBackToPathWithinApplicationWithoutHandlerMappings() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/app/orders/9");
		request.setContextPath("/app");
		AuthInvocation invocation = new HttpInvocationResolver(new StaticListableBeanFactory()).resolve(request);
		assertThat(invocation.operation()).isEqualTo("POST /orders/9");
		assertThat(invocation.attributes()).isEmpty();
		MockHttpServletRequest root = new MockHttpServletRequest("GET", "/app");
		root.setContextPath("/app");
		assertThat(new HttpInvocationResolver(new StaticListableBeanFactory()).resolve(root).operation())
			.isEqualTo("GET /");
	}

	@Configuration(proxyBeanMethods = false)
	static class RouterConfiguration {

		@Bean
		RouterFunction<ServerResponse> greeting() {
			return RouterFunctions.route()
				.GET("/fn/{name}", (request) -> ServerResponse.ok().body(request.pathVariable("name")))
				.build();
		}

	}

	@RestController
	static class ItemController {

		@GetMapping("/items/{id}")
		String item(@PathVariable String id) {
			return id;
		}

	}

}
