package dev.gatehouse.benchmarks.filter;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.gatehouse.auth.autoconfigure.authentication.GatehouseAuthenticationAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.jwt.GatehouseJwtAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.snapshot.GatehouseSnapshotAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.web.GatehouseWebAutoConfiguration;
import dev.gatehouse.auth.web.AuthContextFilter;
import dev.gatehouse.benchmarks.http.HttpBenchmarkApplication;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;

/**
 * Gatehouse's {@link AuthContextFilter}, exactly as its auto-configuration registers it
 * in a servlet application: the filter of the {@code gatehouseAuthContextFilter}
 * registration, with the built-in API-key and HS256 JWT authenticators and an HS256
 * snapshot verification key configured through {@code gatehouse.*} properties, as a
 * service reached by users and by other services would have them.
 */
@State(Scope.Benchmark)
public class GatehouseFilterStack {

	AuthContextFilter filter;

	private AnnotationConfigWebApplicationContext context;

	/** Starts the context and takes the registered filter. */
	@Setup(Level.Trial)
	public void start() {
		this.context = WebContexts.start(GatehouseConfiguration.class, properties());
		FilterRegistrationBean<?> registration = this.context.getBean("gatehouseAuthContextFilter",
				FilterRegistrationBean.class);
		this.filter = (AuthContextFilter) registration.getFilter();
	}

	/** Closes the context. */
	@TearDown(Level.Trial)
	public void stop() {
		this.context.close();
	}

	static Map<String, Object> properties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("gatehouse.api-keys[0].sha256", HttpBenchmarkApplication.sha256Hex(FilterCredentials.API_KEY));
		properties.put("gatehouse.api-keys[0].subject", FilterCredentials.SUBJECT);
		properties.put("gatehouse.api-keys[0].roles", FilterCredentials.ROLE);
		properties.put("gatehouse.jwt.secret", FilterCredentials.hs256SecretBase64());
		properties.put("gatehouse.snapshot.verification.keys." + FilterCredentials.SNAPSHOT_KEY_ID + ".secret",
				FilterCredentials.snapshotSecretBase64());
		properties.put("gatehouse.snapshot.verification.audiences", FilterCredentials.SNAPSHOT_AUDIENCE);
		return properties;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ GatehouseAutoConfiguration.class, GatehouseJwtAutoConfiguration.class,
			GatehouseSnapshotAutoConfiguration.class, GatehouseAuthenticationAutoConfiguration.class,
			GatehouseWebAutoConfiguration.class })
	static class GatehouseConfiguration {

	}

}
