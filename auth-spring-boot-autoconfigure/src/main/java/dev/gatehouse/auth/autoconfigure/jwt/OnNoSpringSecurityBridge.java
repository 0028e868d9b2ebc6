package dev.gatehouse.auth.autoconfigure.jwt;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;

/**
 * Matches unless the Spring Security bridge is active: spring-security-web on the class
 * path, a {@code SecurityFilterChain} bean, and {@code gatehouse.spring-security.enabled}
 * not {@code false}. Stated here by name rather than by referring to the bridge's
 * auto-configuration, which depends on this package.
 */
final class OnNoSpringSecurityBridge extends NoneNestedConditions {

	static final String SECURITY_FILTER_CHAIN = "org.springframework.security.web.SecurityFilterChain";

	static final String SPRING_SECURITY_ENABLED = "gatehouse.spring-security.enabled";

	OnNoSpringSecurityBridge() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	@ConditionalOnClass(name = SECURITY_FILTER_CHAIN)
	@ConditionalOnBean(type = SECURITY_FILTER_CHAIN)
	@ConditionalOnProperty(name = SPRING_SECURITY_ENABLED, matchIfMissing = true)
	static final class BridgeActive {

	}

}
