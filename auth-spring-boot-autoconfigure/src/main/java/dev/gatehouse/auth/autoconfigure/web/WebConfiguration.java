package dev.gatehouse.auth.autoconfigure.web;

import dev.gatehouse.auth.audit.AuthDecisionPublisher;
import dev.gatehouse.auth.autoconfigure.core.GatehouseProperties;
import dev.gatehouse.auth.autoconfigure.observation.GatehouseObservationProperties;
import dev.gatehouse.auth.autoconfigure.snapshot.GatehouseSnapshotProperties;
import dev.gatehouse.auth.correlation.BaggageCorrelationIdBinder;
import dev.gatehouse.auth.correlation.CorrelationIdBinder;
import dev.gatehouse.auth.enforcement.RejectedCredentialLookup;
import dev.gatehouse.auth.metadata.AuthMetadataResolver;
import dev.gatehouse.auth.metadata.RequestValueParameters;
import dev.gatehouse.auth.observation.AuthenticationObservationConvention;
import dev.gatehouse.auth.spi.Authenticator;
import dev.gatehouse.auth.web.AuthContextFilter;
import dev.gatehouse.auth.web.AuthExceptionHandler;
import dev.gatehouse.auth.web.CredentialCarrierExtractor;
import dev.gatehouse.auth.web.ExplicitAccessValidator;
import dev.gatehouse.auth.web.HandlerRequestValueParameters;
import dev.gatehouse.auth.web.HttpInvocationResolver;
import dev.gatehouse.auth.web.PriorAuthentication;
import dev.gatehouse.auth.web.RequestRejectedCredentialLookup;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import io.micrometer.tracing.Tracer;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;

/**
 * The servlet boundary's filter, exception handler, request-value parameters,
 * rejected-credential lookup and correlation-id baggage.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	private static final Log logger = LogFactory.getLog(GatehouseWebAutoConfiguration.class);

	private static final String SPRING_SECURITY_FILTER_ORDER = "spring.security.filter.order";

	// The bean name @EnableWebSecurity gives Spring Security's FilterChainProxy.
	private static final String SPRING_SECURITY_FILTER_CHAIN = "springSecurityFilterChain";

	// Boot's SecurityProperties.DEFAULT_FILTER_ORDER, not referenced so that Boot's
	// security module stays optional.
	private static final int DEFAULT_SPRING_SECURITY_FILTER_ORDER = -100;

	@Bean
	@ConditionalOnMissingBean
	CredentialCarrierExtractor gatehouseCredentialCarrierExtractor(GatehouseProperties properties,
			GatehouseSnapshotProperties snapshot) {
		GatehouseSnapshotProperties.Propagation propagation = snapshot.getPropagation();
		// Reading the header is harmless when no snapshot handler is configured: the
		// authenticator's
		// supports(AUTH_CONTEXT_SNAPSHOT) then keeps it from being read at all.
		return new CredentialCarrierExtractor(properties.getApiKeyHeader(),
				propagation.isAcceptInbound() ? propagation.getHeader() : null);
	}

	@Bean
	@ConditionalOnMissingBean
	HttpInvocationResolver gatehouseHttpInvocationResolver(ApplicationContext applicationContext) {
		return new HttpInvocationResolver(applicationContext);
	}

	// The authenticator is looked up on the first request, not here: the filter is
	// created while the web
	// server starts, before most application beans.
	@Bean
	@ConditionalOnMissingFilterBean(AuthContextFilter.class)
	FilterRegistrationBean<AuthContextFilter> gatehouseAuthContextFilter(ObjectProvider<Authenticator> authenticator,
			CredentialCarrierExtractor extractor, HttpInvocationResolver invocationResolver,
			GatehouseObservationProperties observation, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<AuthenticationObservationConvention> observationConvention,
			ObjectProvider<CorrelationIdBinder> correlationIdBinder,
			ObjectProvider<PriorAuthentication> priorAuthentication, ApplicationEventPublisher eventPublisher,
			Environment environment, ListableBeanFactory beanFactory) {
		AuthContextFilter filter = new AuthContextFilter(authenticator::getIfUnique, extractor, invocationResolver);
		filter.setDecisionPublisher(new AuthDecisionPublisher(eventPublisher));
		ObservationRegistry registry = observation.isEnabled() ? observationRegistry.getIfUnique() : null;
		if (registry != null) {
			filter.setObservationRegistry(registry, observationConvention.getIfUnique());
		}
		CorrelationIdBinder binder = correlationIdBinder.getIfUnique();
		if (binder != null) {
			filter.setCorrelationIdBinder(binder);
		}
		int order = AuthContextFilter.DEFAULT_ORDER;
		PriorAuthentication prior = priorAuthentication.getIfUnique();
		if (prior != null) {
			filter.setPriorAuthentication(prior);
			order = afterSpringSecurity(environment, beanFactory);
		}
		FilterRegistrationBean<AuthContextFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setName("gatehouseAuthContextFilter");
		registration.setOrder(order);
		return registration;
	}

	// After Spring Security's filter chain, whose authentication the bridge reads: right
	// after the registration Boot's security module gives the chain, or after the order
	// that module would give it.
	private static int afterSpringSecurity(Environment environment, ListableBeanFactory beanFactory) {
		for (DelegatingFilterProxyRegistrationBean registration : beanFactory
			.getBeansOfType(DelegatingFilterProxyRegistrationBean.class, false, false)
			.values()) {
			if (SPRING_SECURITY_FILTER_CHAIN.equals(registration.getFilterName())) {
				return registration.getOrder() + 1;
			}
		}
		if (beanFactory.containsBean(SPRING_SECURITY_FILTER_CHAIN)) {
			// Registered as a plain filter, at the lowest precedence: it runs after
			// Gatehouse's, so the bridge sees no authentication (and protected handlers
			// refuse every request). Fail closed, but say why.
			logger.warn("Spring Security's " + SPRING_SECURITY_FILTER_CHAIN + " is not registered with a "
					+ "DelegatingFilterProxyRegistrationBean (as Spring Boot's security auto-configuration does), so "
					+ "it runs after Gatehouse's filter and Gatehouse cannot see the authentication it makes. Add "
					+ "spring-boot-security (any Spring Security starter), or register the chain with new "
					+ "DelegatingFilterProxyRegistrationBean(\"" + SPRING_SECURITY_FILTER_CHAIN + "\") at order "
					+ DEFAULT_SPRING_SECURITY_FILTER_ORDER + ".");
		}
		return environment.getProperty(SPRING_SECURITY_FILTER_ORDER, Integer.class,
				DEFAULT_SPRING_SECURITY_FILTER_ORDER) + 1;
	}

	@Bean
	@ConditionalOnBooleanProperty("gatehouse.web.require-explicit-access")
	ExplicitAccessValidator gatehouseExplicitAccessValidator(ListableBeanFactory beanFactory,
			AuthMetadataResolver metadataResolver) {
		return new ExplicitAccessValidator(beanFactory, metadataResolver);
	}

	@Bean
	@ConditionalOnMissingBean
	AuthExceptionHandler gatehouseAuthExceptionHandler() {
		return new AuthExceptionHandler();
	}

	// Static and infrastructure: the metadata resolver asks for it while post-processors
	// are being registered. A request-value dynamic reference without a value is then a
	// 400, not a 500.
	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean
	static RequestValueParameters gatehouseRequestValueParameters() {
		return new HandlerRequestValueParameters();
	}

	// A protected handler reached with a rejected credential is refused (and observed,
	// and audited) with that rejection rather than MISSING_CREDENTIAL.
	@Bean
	@ConditionalOnMissingBean
	RejectedCredentialLookup gatehouseRejectedCredentialLookup() {
		return new RequestRejectedCredentialLookup();
	}

	/**
	 * Puts each request's correlation id into Micrometer Tracing baggage when the
	 * application traces.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Tracer.class)
	@ConditionalOnBooleanProperty(name = "gatehouse.observation.enabled", matchIfMissing = true)
	static class TracingBaggageConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CorrelationIdBinder gatehouseBaggageCorrelationIdBinder(ObjectProvider<Tracer> tracer) {
			return new BaggageCorrelationIdBinder(tracer::getIfUnique);
		}

	}

}
