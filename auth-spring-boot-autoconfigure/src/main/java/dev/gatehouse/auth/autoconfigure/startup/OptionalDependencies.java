package dev.gatehouse.auth.autoconfigure.startup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.gatehouse.auth.autoconfigure.outbound.GatehouseOutboundProperties;
import dev.gatehouse.auth.cache.AuthDecisionCache;
import dev.gatehouse.auth.startup.OptionalDependencyCheck.Requirement;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.util.ClassUtils;

/**
 * The optional dependencies that {@code gatehouse.*} properties need, for the
 * {@link dev.gatehouse.auth.startup.OptionalDependencyCheck}. Names every class only as a
 * string, so that this runs whatever is missing.
 */
final class OptionalDependencies {

	static final String JOSE_CLASS = "org.springframework.security.oauth2.jwt.JwtDecoder";

	static final String CAFFEINE_CLASS = "com.github.benmanes.caffeine.cache.Caffeine";

	static final String SPRING_WEB_CLASS = "org.springframework.http.client.ClientHttpRequestInterceptor";

	static final String OAUTH2_CLIENT_CLASS = "org.springframework.security.oauth2.client.registration."
			+ "ClientRegistration";

	private static final String REGISTRATIONS = "gatehouse.outbound.registrations";

	private OptionalDependencies() {
	}

	static List<Requirement> requirements(ListableBeanFactory beanFactory, ClassLoader classLoader) {
		return List.of(
				Requirement.anyOf("JWT bearer authentication", JOSE_CLASS,
						"org.springframework.security:spring-security-oauth2-jose", "gatehouse.jwt.secret",
						"gatehouse.jwt.issuer-uri", "gatehouse.jwt.jwk-set-uri"),
				// An application's own AuthDecisionCache bean needs no Caffeine.
				new Requirement("the decision cache", CAFFEINE_CLASS, "com.github.ben-manes.caffeine:caffeine",
						(binder) -> (binder.bind("gatehouse.cache.enabled", Boolean.class).orElse(false)
								&& beanFactory.getBeanNamesForType(AuthDecisionCache.class, true, false).length == 0)
										? List.of("gatehouse.cache.enabled") : List.of()),
				new Requirement("an outbound credential registration", SPRING_WEB_CLASS,
						"org.springframework:spring-web", (binder) -> registrations(binder, false)),
				// With spring-web present the outbound auto-configuration reports this
				// itself.
				new Requirement("an OAuth 2.0 outbound registration", OAUTH2_CLIENT_CLASS,
						"org.springframework.security:spring-security-oauth2-client",
						(binder) -> ClassUtils.isPresent(SPRING_WEB_CLASS, classLoader) ? List.of()
								: registrations(binder, true)));
	}

	private static List<String> registrations(Binder binder, boolean oauth2Only) {
		Map<String, GatehouseOutboundProperties.Registration> registrations = binder
			.bind(REGISTRATIONS, Bindable.mapOf(String.class, GatehouseOutboundProperties.Registration.class))
			.orElse(Map.of());
		List<String> properties = new ArrayList<>();
		registrations.forEach((name, registration) -> {
			String type = (registration.getType() != null) ? registration.getType().trim().toLowerCase(Locale.ROOT)
					: "";
			if (!oauth2Only || type.equals("client-credentials") || type.equals("token-exchange")) {
				boolean bracketed = name.indexOf('.') >= 0 || name.indexOf(':') >= 0;
				properties.add(REGISTRATIONS + (bracketed ? "[" + name + "]" : "." + name) + ".type");
			}
		});
		return properties;
	}

}
