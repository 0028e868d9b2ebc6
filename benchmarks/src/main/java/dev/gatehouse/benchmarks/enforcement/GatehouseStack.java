package dev.gatehouse.benchmarks.enforcement;

import dev.gatehouse.auth.autoconfigure.core.GatehouseAutoConfiguration;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Gatehouse stack: Boot's AOP auto-configuration and Gatehouse's auto-configuration,
 * as a Boot application with the starter gets them (default context-based role and scope
 * checkers included).
 */
@State(Scope.Benchmark)
public class GatehouseStack {

	/**
	 * The argument passed on every call; a field rather than a constant so the JIT cannot
	 * fold it.
	 */
	public String orderId = "order-42";

	GatehouseOrderService orders;

	private AnnotationConfigApplicationContext context;

	/** Starts the Spring context and looks up the proxied service. */
	@Setup(Level.Trial)
	public void start() {
		this.context = new AnnotationConfigApplicationContext(GatehouseConfiguration.class);
		this.orders = Stacks.requireProxy(this.context.getBean(GatehouseOrderService.class));
	}

	/** Closes the Spring context. */
	@TearDown(Level.Trial)
	public void stop() {
		this.context.close();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ AopAutoConfiguration.class, GatehouseAutoConfiguration.class })
	static class GatehouseConfiguration {

		@Bean
		GatehouseOrderService gatehouseOrderService() {
			return new GatehouseOrderService();
		}

	}

}
