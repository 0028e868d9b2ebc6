package dev.gatehouse.auth.autoconfigure.springsecurity;

import java.util.function.Supplier;

import dev.gatehouse.auth.authentication.JwtClaimMapper;
import dev.gatehouse.auth.autoconfigure.jwt.GatehouseJwtProperties;
import dev.gatehouse.auth.springsecurity.DefaultSecurityAuthenticationMapper;
import dev.gatehouse.auth.springsecurity.SecurityAuthenticationMapper;
import dev.gatehouse.auth.springsecurity.SpringSecurityAuthenticationBridge;
import dev.gatehouse.auth.startup.ConfigurationProblems;
import dev.gatehouse.auth.startup.InvalidGatehouseConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * The bridge and its default mapper.
 */
@Configuration(proxyBeanMethods = false)
class SpringSecurityConfiguration {

	private static final String PREFIX = "gatehouse.spring-security.";

	@Bean
	@ConditionalOnMissingBean
	SecurityAuthenticationMapper gatehouseSecurityAuthenticationMapper(GatehouseSpringSecurityProperties properties,
			GatehouseJwtProperties jwt, ObjectProvider<ConfigurationProblems> problems) {
		try {
			return new DefaultSecurityAuthenticationMapper(rolePrefix(properties), scopePrefix(properties),
					claimRules(jwt));
		}
		catch (InvalidGatehouseConfigurationException ex) {
			// Reported with every other startup problem in one failure report; until then
			// no authentication is mapped (every request Spring Security authenticated
			// runs without a context, so protected handlers refuse it).
			problems.getIfAvailable(() -> {
				throw ex;
			}).add(ex);
			return (authentication) -> {
				throw new IllegalStateException("The Spring Security bridge is misconfigured (" + ex.property() + ")");
			};
		}
	}

	@Bean
	@ConditionalOnMissingBean
	SpringSecurityAuthenticationBridge gatehouseSpringSecurityAuthenticationBridge(SecurityAuthenticationMapper mapper,
			ObjectProvider<SecurityContextHolderStrategy> strategy) {
		// As Spring Security's own configuration does: the application's strategy bean
		// when
		// it defines one, the holder's global strategy otherwise.
		@Nullable SecurityContextHolderStrategy bean = strategy.getIfUnique();
		Supplier<SecurityContextHolderStrategy> supplier = (bean != null) ? () -> bean
				: SecurityContextHolder::getContextHolderStrategy;
		return new SpringSecurityAuthenticationBridge(supplier, mapper);
	}

	private static String rolePrefix(GatehouseSpringSecurityProperties properties) {
		String rolePrefix = properties.getRolePrefix();
		if (rolePrefix == null || (!rolePrefix.isEmpty() && rolePrefix.isBlank())) {
			throw new InvalidGatehouseConfigurationException(PREFIX + "role-prefix", "is blank",
					"Set it to the prefix your role authorities carry (ROLE_ by default), or to an empty string to "
							+ "treat every authority that is not a scope as a role.");
		}
		return rolePrefix;
	}

	private static String scopePrefix(GatehouseSpringSecurityProperties properties) {
		String scopePrefix = properties.getScopePrefix();
		String rolePrefix = properties.getRolePrefix();
		if (scopePrefix == null || scopePrefix.isBlank()) {
			throw new InvalidGatehouseConfigurationException(PREFIX + "scope-prefix", "is blank",
					"Set it to the prefix your scope authorities carry (SCOPE_ by default).");
		}
		if (rolePrefix != null && !rolePrefix.isEmpty()
				&& (rolePrefix.startsWith(scopePrefix) || scopePrefix.startsWith(rolePrefix))) {
			throw new InvalidGatehouseConfigurationException(PREFIX + "scope-prefix",
					"overlaps " + PREFIX + "role-prefix, so an authority could be both a role and a scope",
					"Choose two prefixes of which neither starts with the other.");
		}
		return scopePrefix;
	}

	private static JwtClaimMapper claimRules(GatehouseJwtProperties jwt) {
		try {
			return new JwtClaimMapper(jwt.getRolesClaim(), jwt.getTenantClaim(), jwt.getCopiedClaims());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidGatehouseConfigurationException("gatehouse.jwt.*", "names a blank claim",
					"Name a claim, or a dotted path into nested claims such as realm_access.roles, in "
							+ "gatehouse.jwt.roles-claim, tenant-claim and copied-claims.");
		}
	}

}
