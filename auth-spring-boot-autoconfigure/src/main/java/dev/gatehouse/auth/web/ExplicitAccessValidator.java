package dev.gatehouse.auth.web;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.gatehouse.auth.error.AuthStartupCapabilityValidationException;
import dev.gatehouse.auth.error.AuthorizationException;
import dev.gatehouse.auth.metadata.AuthMetadataResolver;
import dev.gatehouse.auth.startup.AuthStartupCapabilityDiagnostic;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Enforces {@code gatehouse.web.require-explicit-access=true}: startup fails, listing every controller
 * handler method that has neither {@code @PublicAccess} nor a requirement, so that no endpoint is open
 * merely because somebody forgot to annotate it.
 *
 * <p>Handlers of Spring's own controllers (for example Boot's error controller) are not listed: the
 * application cannot annotate them. Handlers with conflicting or invalid metadata are left to startup
 * validation, which reports them.
 */
public final class ExplicitAccessValidator implements SmartInitializingSingleton {

	private final ListableBeanFactory beanFactory;

	private final AuthMetadataResolver metadataResolver;

	/**
	 * Creates the validator.
	 * @param beanFactory where to find the request mappings
	 * @param metadataResolver resolves each handler's metadata
	 */
	public ExplicitAccessValidator(ListableBeanFactory beanFactory, AuthMetadataResolver metadataResolver) {
		this.beanFactory = beanFactory;
		this.metadataResolver = metadataResolver;
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<AuthStartupCapabilityDiagnostic> diagnostics = new ArrayList<>();
		for (RequestMappingHandlerMapping mapping : this.beanFactory
			.getBeansOfType(RequestMappingHandlerMapping.class, false, false)
			.values()) {
			for (Map.Entry<RequestMappingInfo, HandlerMethod> handler : mapping.getHandlerMethods().entrySet()) {
				Class<?> beanType = handler.getValue().getBeanType();
				Method method = handler.getValue().getMethod();
				if (!beanType.getName().startsWith("org.springframework.") && !declaresAccess(method, beanType)) {
					diagnostics.add(AuthStartupCapabilityDiagnostic.undeclaredAccess(
							beanType.getSimpleName() + "#" + method.getName(),
							"handler for " + handler.getKey() + " has neither @PublicAccess nor a requirement "
									+ "(gatehouse.web.require-explicit-access=true)"));
				}
			}
		}
		if (!diagnostics.isEmpty()) {
			diagnostics.sort(AuthStartupCapabilityDiagnostic.ORDER);
			throw new AuthStartupCapabilityValidationException(diagnostics);
		}
	}

	private boolean declaresAccess(Method method, Class<?> beanType) {
		try {
			return this.metadataResolver.resolve(method, beanType).isBoundary();
		}
		catch (AuthorizationException ex) {
			// Conflicting or invalid metadata declares something; startup validation reports what is wrong.
			return true;
		}
	}

}
