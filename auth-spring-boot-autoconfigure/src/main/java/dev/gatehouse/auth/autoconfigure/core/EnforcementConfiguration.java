package dev.gatehouse.auth.autoconfigure.core;

import dev.gatehouse.auth.audit.AuthDecisionPublisher;
import dev.gatehouse.auth.cache.AuthDecisionCache;
import dev.gatehouse.auth.cache.CachingCheckers;
import dev.gatehouse.auth.context.AuthContextTaskDecorator;
import dev.gatehouse.auth.enforcement.AuthRequirementEvaluator;
import dev.gatehouse.auth.enforcement.AuthorizationAdvisor;
import dev.gatehouse.auth.enforcement.AuthorizationAdvisorPositioner;
import dev.gatehouse.auth.enforcement.AuthorizationMethodInterceptor;
import dev.gatehouse.auth.enforcement.ContextRoleChecker;
import dev.gatehouse.auth.enforcement.ContextScopeChecker;
import dev.gatehouse.auth.enforcement.RejectedCredentialLookup;
import dev.gatehouse.auth.metadata.AuthMetadataResolver;
import dev.gatehouse.auth.metadata.MethodBoundaries;
import dev.gatehouse.auth.metadata.ParameterInvocationResolver;
import dev.gatehouse.auth.metadata.RequestValueParameters;
import dev.gatehouse.auth.observation.AuthorizationObservationConvention;
import dev.gatehouse.auth.spi.InvocationResolver;
import dev.gatehouse.auth.spi.PermissionChecker;
import dev.gatehouse.auth.spi.PolicyEvaluator;
import dev.gatehouse.auth.spi.RelationChecker;
import dev.gatehouse.auth.spi.RoleChecker;
import dev.gatehouse.auth.spi.ScopeChecker;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;

/**
 * Enforcement: metadata resolution, the enforcing advisor, the requirement evaluator, the
 * default context-based checkers and the task decorator that carries the AuthContext into
 * Boot's executors and {@code @Async} methods.
 */
@Configuration(proxyBeanMethods = false)
class EnforcementConfiguration {

	static final String OBSERVATION_ENABLED = "gatehouse.observation.enabled";

	private static final String AUDIT_ALLOWED = "gatehouse.audit.allowed";

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean
	static AuthMetadataResolver authMetadataResolver(ObjectProvider<InvocationResolver> invocationResolver,
			ObjectProvider<RequestValueParameters> requestValues) {
		return new AuthMetadataResolver(invocationResolver.getIfUnique(ParameterInvocationResolver::new),
				requestValues.getIfUnique(() -> RequestValueParameters.NONE));
	}

	// Static, infrastructure and lazy towards the evaluator: advisors are created while
	// post-processors are
	// being registered, and must not pull application beans (the checkers) in that early.
	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean
	static AuthorizationAdvisor authorizationAdvisor(ObjectProvider<AuthMetadataResolver> metadataResolver,
			ObjectProvider<AuthRequirementEvaluator> evaluator, ListableBeanFactory beanFactory,
			Environment environment, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<AuthorizationObservationConvention> observationConvention,
			ApplicationEventPublisher eventPublisher) {
		AuthMetadataResolver resolver = metadataResolver.getObject();
		// One table of boundary names for everything the interceptor reports to.
		MethodBoundaries boundaries = new MethodBoundaries();
		AuthorizationMethodInterceptor interceptor = new AuthorizationMethodInterceptor(resolver, MethodCallEnforcers
			.enforcer(evaluator, beanFactory, environment, observationRegistry, observationConvention, boundaries));
		interceptor.setDecisionListener(new AuthDecisionPublisher(eventPublisher, boundaries),
				environment.getProperty(AUDIT_ALLOWED, Boolean.class, false));
		return new AuthorizationAdvisor(resolver, interceptor);
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static AuthorizationAdvisorPositioner authorizationAdvisorPositioner() {
		return new AuthorizationAdvisorPositioner();
	}

	@Bean
	@ConditionalOnMissingBean
	AuthRequirementEvaluator authRequirementEvaluator(ObjectProvider<RoleChecker> roleChecker,
			ObjectProvider<ScopeChecker> scopeChecker, ObjectProvider<PermissionChecker> permissionChecker,
			ObjectProvider<RelationChecker> relationChecker, ObjectProvider<PolicyEvaluator> policyEvaluator,
			ObjectProvider<AuthDecisionCache> decisionCache,
			ObjectProvider<RejectedCredentialLookup> rejectedCredentials) {
		AuthRequirementEvaluator evaluator = evaluator(roleChecker, scopeChecker, permissionChecker, relationChecker,
				policyEvaluator, decisionCache.getIfUnique());
		rejectedCredentials.ifUnique(evaluator::setRejectedCredentialLookup);
		return evaluator;
	}

	private static AuthRequirementEvaluator evaluator(ObjectProvider<RoleChecker> roleChecker,
			ObjectProvider<ScopeChecker> scopeChecker, ObjectProvider<PermissionChecker> permissionChecker,
			ObjectProvider<RelationChecker> relationChecker, ObjectProvider<PolicyEvaluator> policyEvaluator,
			@Nullable AuthDecisionCache cache) {
		if (cache == null) {
			// No cache: the evaluator calls the ports directly, with no wrapper on the
			// path.
			return new AuthRequirementEvaluator(roleChecker::getIfUnique, scopeChecker::getIfUnique,
					permissionChecker::getIfUnique, relationChecker::getIfUnique, policyEvaluator::getIfUnique);
		}
		return new AuthRequirementEvaluator(roleChecker::getIfUnique, scopeChecker::getIfUnique,
				() -> CachingCheckers.permission(permissionChecker.getIfUnique(), cache),
				() -> CachingCheckers.relation(relationChecker.getIfUnique(), cache),
				() -> CachingCheckers.policy(policyEvaluator.getIfUnique(), cache));
	}

	@Bean
	@ConditionalOnMissingBean(RoleChecker.class)
	@ConditionalOnBooleanProperty(name = "gatehouse.checkers.context-roles", matchIfMissing = true)
	ContextRoleChecker contextRoleChecker() {
		return new ContextRoleChecker();
	}

	@Bean
	@ConditionalOnMissingBean(ScopeChecker.class)
	@ConditionalOnBooleanProperty(name = "gatehouse.checkers.context-scopes", matchIfMissing = true)
	ContextScopeChecker contextScopeChecker() {
		return new ContextScopeChecker();
	}

	// Not conditional on a missing TaskDecorator: Boot composes every TaskDecorator bean,
	// and the
	// application's own decorators must keep working beside this one.
	@Bean
	@ConditionalOnMissingBean
	AuthContextTaskDecorator authContextTaskDecorator() {
		return new AuthContextTaskDecorator();
	}

}
