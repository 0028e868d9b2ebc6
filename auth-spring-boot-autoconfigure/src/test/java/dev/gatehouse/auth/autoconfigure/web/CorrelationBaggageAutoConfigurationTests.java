package dev.gatehouse.auth.autoconfigure.web;

import java.util.concurrent.atomic.AtomicReference;

import dev.gatehouse.auth.autoconfigure.authentication.GatehouseAuthenticationAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.correlation.BaggageCorrelationIdBinder;
import dev.gatehouse.auth.correlation.CorrelationIdBinder;
import dev.gatehouse.auth.web.AuthContextFilter;
import io.micrometer.tracing.Baggage;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The correlation id in Micrometer Tracing baggage: present while a request is handled
 * when the application has a tracer, and no binder at all without tracing or with
 * observations off.
 */
class CorrelationBaggageAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GatehouseAutoConfiguration.class,
				GatehouseAuthenticationAutoConfiguration.class, GatehouseWebAutoConfiguration.class));

	@Test
	void putsTheRequestsCorrelationIdIntoTheTracersBaggage() {
		this.contextRunner.withUserConfiguration(TracerConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(BaggageCorrelationIdBinder.class);
			SimpleTracer tracer = context.getBean(SimpleTracer.class);
			Span span = tracer.nextSpan().name("request").start();
			AtomicReference<String> baggage = new AtomicReference<>();
			AtomicReference<String> mdc = new AtomicReference<>();
			try (Tracer.SpanInScope inScope = tracer.withSpan(span)) {
				filter(context).doFilter(new MockHttpServletRequest("GET", "/things"), new MockHttpServletResponse(),
						(request, response) -> {
							mdc.set(MDC.get(AuthContextFilter.CORRELATION_ID_MDC_KEY));
							baggage.set(valueOf(tracer.getBaggage(BaggageCorrelationIdBinder.BAGGAGE_NAME)));
						});
				assertThat(baggage.get()).isNotBlank().isEqualTo(mdc.get());
				assertThat(valueOf(tracer.getBaggage(BaggageCorrelationIdBinder.BAGGAGE_NAME))).isNull();
			}
			finally {
				span.end();
			}
		});
	}

	@Test
	void createsTheBinderButBindsNothingWithoutATracerBean() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(CorrelationIdBinder.class);
			AtomicReference<String> mdc = new AtomicReference<>();
			filter(context).doFilter(new MockHttpServletRequest("GET", "/things"), new MockHttpServletResponse(),
					(request, response) -> mdc.set(MDC.get(AuthContextFilter.CORRELATION_ID_MDC_KEY)));
			assertThat(mdc.get()).isNotBlank();
		});
	}

	@Test
	void hasNoBinderWithoutMicrometerTracing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Tracer.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CorrelationIdBinder.class));
	}

	@Test
	void hasNoBinderWhenObservationsAreOff() {
		this.contextRunner.withUserConfiguration(TracerConfiguration.class)
			.withPropertyValues("gatehouse.observation.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CorrelationIdBinder.class));
	}

	@Test
	void usesTheApplicationsOwnBinder() {
		this.contextRunner.withUserConfiguration(TracerConfiguration.class, OwnBinderConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(BaggageCorrelationIdBinder.class);
				filter(context).doFilter(new MockHttpServletRequest("GET", "/things"), new MockHttpServletResponse(),
						(request, response) -> {
						});
				assertThat(context.getBean(OwnBinderConfiguration.class).bound.get()).isNotBlank();
			});
	}

	private static AuthContextFilter filter(AssertableWebApplicationContext context) {
		return (AuthContextFilter) context.getBean("gatehouseAuthContextFilter", FilterRegistrationBean.class)
			.getFilter();
	}

	private static String valueOf(Baggage baggage) {
		return (baggage != null) ? baggage.get() : null;
	}

	@Configuration(proxyBeanMethods = false)
	static class TracerConfiguration {

		@Bean
		SimpleTracer tracer() {
			return new SimpleTracer();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnBinderConfiguration {

		final AtomicReference<String> bound = new AtomicReference<>();

		@Bean
		CorrelationIdBinder ownBinder() {
			return (id) -> {
				this.bound.set(id);
				return () -> {
				};
			};
		}

	}

}
