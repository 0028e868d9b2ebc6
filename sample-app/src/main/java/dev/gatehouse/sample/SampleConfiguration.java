package dev.gatehouse.sample;

import dev.gatehouse.auth.web.AuthContextFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What both services share: the observation handler that logs Gatehouse's decisions, and
 * a filter that answers every request's correlation id in {@code X-Correlation-Id}, so a
 * caller can find its request in the logs and in the audit trail.
 */
@Configuration(proxyBeanMethods = false)
class SampleConfiguration {

	/** The response header that carries the request's correlation id. */
	static final String CORRELATION_ID_HEADER = "X-Correlation-Id";

	@Bean
	DecisionLoggingObservationHandler decisionLoggingObservationHandler() {
		return new DecisionLoggingObservationHandler();
	}

	@Bean
	FilterRegistrationBean<Filter> correlationIdResponseFilter() {
		Filter filter = (request, response, chain) -> {
			// Gatehouse's filter has put the id in the MDC by now; set the header before
			// the handler writes the body, which commits the response.
			String correlationId = MDC.get(AuthContextFilter.CORRELATION_ID_MDC_KEY);
			if (correlationId != null && response instanceof HttpServletResponse http) {
				http.setHeader(CORRELATION_ID_HEADER, correlationId);
			}
			chain.doFilter(request, response);
		};
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
		// Right after Gatehouse's filter (AuthContextFilter.DEFAULT_ORDER).
		registration.setOrder(AuthContextFilter.DEFAULT_ORDER + 1);
		return registration;
	}

}
