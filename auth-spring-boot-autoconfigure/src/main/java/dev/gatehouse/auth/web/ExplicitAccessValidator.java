package dev.gatehouse.auth.web;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.gatehouse.auth.decision.AuthorizationException;
import dev.gatehouse.auth.metadata.AuthMetadataResolver;
import dev.gatehouse.auth.metadata.Boundaries;
import dev.gatehouse.auth.startup.AuthStartupCapabilityDiagnostic;
import dev.gatehouse.auth.startup.AuthStartupCapabilityValidationException;
import dev.gatehouse.auth.startup.StartupDiagnosticsContributor;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Enforces {@code gatehouse.web.require-explicit-access=true}: every controller handler
 * method that has neither {@code @PublicAccess} nor a requirement is an
 * {@code UNDECLARED_ACCESS} problem, so that no endpoint is open merely because somebody
 * forgot to annotate it.
 *
 * <p>
 * Its problems join startup validation's one failure report (as a
 * {@link StartupDiagnosticsContributor}). With startup validation turned off it fails
 * startup on its own. Handlers of Spring's own controllers (for example Boot's error
 * controller) are not listed: the application cannot annotate them. Handlers with
 * conflicting or invalid metadata are left to startup validation, which reports them.
 */
public final class ExplicitAccessValidator implements StartupDiagnosticsContributor, SmartInitializingSingleton {

	private final ListableBeanFactory beanFactory;

	private final AuthMetadataResolver metadataResolver;

	/**
	 * Creates the validator.
	 * @param beanFactory where to find the request mappings
	 * @param metadataResolver resolves each handler's metadata
	 */
	public ExplicitAccessValidator(ListableBeanFactory beanFactory, AuthMetadataResolver metadataResolver) {
		this.beanFactory = Objects.requireNonNull(beanFactory, "beanFactory must not be null");
		this.metadataResolver = Objects.requireNonNull(metadataResolver, "metadataResolver must not be null");
	}

	/**
	 * Lists every handler without an access rule, sorted.
	 * @return one {@code UNDECLARED_ACCESS} diagnostic per such handler
	 */
	@Override
	public List<AuthStartupCapabilityDiagnostic> diagnostics() {
		List<AuthStartupCapabilityDiagnostic> diagnostics = new ArrayList<>();
		for (RequestMappingHandlerMapping mapping : this.beanFactory
			.getBeansOfType(RequestMappingHandlerMapping.class, false, false)
			.values()) {
			for (Map.Entry<RequestMappingInfo, HandlerMethod> handler : mapping.getHandlerMethods().entrySet()) {
				Class<?> beanType = handler.getValue().getBeanType();
				Method method = handler.getValue().getMethod();
				if (!beanType.getName().startsWith("org.springframework.") && !declaresAccess(method, beanType)) {
					diagnostics.add(AuthStartupCapabilityDiagnostic.undeclaredAccess(Boundaries.name(beanType, method),
							"handler for " + handler.getKey() + " has neither @PublicAccess nor a requirement "
									+ "(gatehouse.web.require-explicit-access=true)"));
				}
			}
		}
		diagnostics.sort(AuthStartupCapabilityDiagnostic.ORDER);
		return diagnostics;
	}

	/**
	 * Fails startup with this check's problems, unless startup validation runs and
	 * reports them with its own.
	 * @throws AuthStartupCapabilityValidationException listing every handler without an
	 * access rule
	 */
	@Override
	public void afterSingletonsInstantiated() {
		StartupDiagnosticsContributor.reportUnlessValidated(this.beanFactory, this);
	}

	private boolean declaresAccess(Method method, Class<?> beanType) {
		try {
			return this.metadataResolver.resolve(method, beanType).isBoundary();
		}
		catch (AuthorizationException ex) {
			// Conflicting or invalid metadata declares something; startup validation
			// reports what is wrong.
			return true;
		}
	}

}
