package dev.gatehouse.benchmarks.filter;

import java.util.Map;

import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;

/**
 * Starts the small web application contexts of the filter benchmark: a servlet-aware
 * context (so that Boot's {@code @ConditionalOnWebApplication} matches) on a mock servlet
 * context, without a server.
 */
final class WebContexts {

	private WebContexts() {
	}

	/**
	 * Starts a web application context.
	 * @param configuration the configuration class
	 * @param properties properties, highest precedence
	 * @return the refreshed context
	 */
	static AnnotationConfigWebApplicationContext start(Class<?> configuration, Map<String, Object> properties) {
		AnnotationConfigWebApplicationContext context = new AnnotationConfigWebApplicationContext();
		context.setServletContext(new MockServletContext());
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("benchmark", properties));
		context.register(configuration);
		context.refresh();
		return context;
	}

}
