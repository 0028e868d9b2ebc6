package dev.gatehouse.auth.autoconfigure.audit;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.util.ClassUtils;

/**
 * Leaves Boot Actuator's {@code AuditAutoConfiguration} out when Spring Security is not
 * on the class path, where it would fail at startup as soon as an
 * {@code AuditEventRepository} bean exists ({@code NoClassDefFoundError} for Spring
 * Security's authentication events); {@link GatehouseAuditAutoConfiguration} registers
 * the part of it that works without Spring Security. With Spring Security present,
 * nothing is filtered.
 */
public final class AuditAutoConfigurationImportFilter implements AutoConfigurationImportFilter, BeanClassLoaderAware {

	static final String SPRING_SECURITY_EVENT = "org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent";

	static final String AUDIT_AUTO_CONFIGURATION = "org.springframework.boot.actuate.autoconfigure.audit.AuditAutoConfiguration";

	private @Nullable ClassLoader classLoader;

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Override
	public boolean[] match(@Nullable String[] autoConfigurationClasses,
			AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean securityPresent = ClassUtils.isPresent(SPRING_SECURITY_EVENT, this.classLoader);
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			matches[i] = securityPresent || !AUDIT_AUTO_CONFIGURATION.equals(autoConfigurationClasses[i]);
		}
		return matches;
	}

}
