package dev.gatehouse.auth.autoconfigure;

import dev.gatehouse.auth.audit.AuthDecisionPublisher;
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
import dev.gatehouse.auth.web.RequestRejectedCredentialLookup;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.Filter;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Servlet boundary auto-configuration, for Spring MVC applications only: the
 * {@link AuthContextFilter} that authenticates each request and binds its context, and
 * the {@link AuthExceptionHandler} that answers refusals with RFC 9457 problem responses,
 * the {@link HandlerRequestValueParameters} that tell metadata resolution which handler
 * parameters carry request values, and the {@link RequestRejectedCredentialLookup} that
 * lets enforcement refuse a rejected credential with its own reason code.
 *
 * <p>
 * The filter is registered at {@link AuthContextFilter#DEFAULT_ORDER} (-101), just before
 * Spring Security's filter chain (-100 by default), so that Gatehouse reads its
 * credential headers without Spring Security's request firewall re-validating them;
 * define a {@code FilterRegistrationBean<AuthContextFilter>} of your own to change that.
 */
@AutoConfiguration(after = { GatehouseAutoConfiguration.class, GatehouseAuthenticationAutoConfiguration.class })
@ConditionalOnGatehouseEnabled
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ Filter.class, DispatcherServlet.class })
@EnableConfigurationProperties(GatehouseProperties.class)
public final class GatehouseWebAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CredentialCarrierExtractor gatehouseCredentialCarrierExtractor(GatehouseProperties properties) {
		GatehouseProperties.Snapshot.Propagation propagation = properties.getSnapshot().getPropagation();
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
			GatehouseProperties properties, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<AuthenticationObservationConvention> observationConvention,
			ObjectProvider<CorrelationIdBinder> correlationIdBinder, ApplicationEventPublisher eventPublisher) {
		AuthContextFilter filter = new AuthContextFilter(authenticator::getIfUnique, extractor, invocationResolver);
		filter.setDecisionPublisher(new AuthDecisionPublisher(eventPublisher));
		ObservationRegistry registry = properties.getObservation().isEnabled() ? observationRegistry.getIfUnique()
				: null;
		if (registry != null) {
			filter.setObservationRegistry(registry, observationConvention.getIfUnique());
		}
		CorrelationIdBinder binder = correlationIdBinder.getIfUnique();
		if (binder != null) {
			filter.setCorrelationIdBinder(binder);
		}
		FilterRegistrationBean<AuthContextFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setName("gatehouseAuthContextFilter");
		registration.setOrder(AuthContextFilter.DEFAULT_ORDER);
		return registration;
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
